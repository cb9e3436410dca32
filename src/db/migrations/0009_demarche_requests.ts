import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: démarches become requests with a life (src/demarches/machine.ts).
// - `demarches` gains the request itself: the answers of its form (JSON), a version for optimistic
//   saves (two tabs, two devices), the household it concerns, the reference number and time of its
//   submission, and the expiry of a brouillon (sliding: pushed back at each save).
// - The one status of 0006, 'a_completer' (started, form not filled), is now 'brouillon'; those
//   rows get 30 days from their last change. At most one brouillon per account and prestation, as
//   there was at most one démarche à compléter.
// - `demarche_events`: the history of each démarche, one row per transition (from, to, event),
//   dated, with who made it (the person's account or an agent) and why. Its primary key
//   (demarche_id, seq) also refuses two concurrent transitions from the same state.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('demarches')
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('demarches')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('demarches')
    .addColumn('household_id', 'text', (c) => c.references('households.id'))
    .execute();
  await db.schema.alterTable('demarches').addColumn('reference', 'text').execute();
  await db.schema.alterTable('demarches').addColumn('submitted_at', 'bigint').execute();
  await db.schema.alterTable('demarches').addColumn('expires_at', 'bigint').execute();

  await db.schema.dropIndex('demarches_one_open_per_prestation').execute();
  await db
    .updateTable('demarches')
    .set({ status: 'brouillon', expires_at: sql`updated_at + ${30 * 24 * 60 * 60 * 1000}` })
    .where('status', '=', 'a_completer')
    .execute();
  await db.schema
    .createIndex('demarches_one_draft_per_prestation')
    .on('demarches')
    .columns(['account_id', 'prestation'])
    .unique()
    .where(sql.ref('status'), '=', sql.lit('brouillon'))
    .execute();
  await db.schema.createIndex('demarches_reference').on('demarches').column('reference').unique().execute();
  await db.schema.createIndex('demarches_household').on('demarches').columns(['household_id', 'created_at']).execute();
  // The Caf's list (by status, the oldest sent first) and the sweep of expired brouillons.
  await db.schema.createIndex('demarches_status').on('demarches').columns(['status', 'submitted_at']).execute();
  await db.schema.createIndex('demarches_expires').on('demarches').column('expires_at').execute();

  await db.schema
    .createTable('demarche_events')
    .addColumn('demarche_id', 'text', (c) => c.notNull().references('demarches.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('demarche_events_pk', ['demarche_id', 'seq'])
    .execute();
  // The démarches started before this migration get the first line of their history.
  await db
    .insertInto('demarche_events')
    .columns(['demarche_id', 'seq', 'at', 'event', 'from_status', 'to_status', 'actor_kind', 'actor_id', 'reason'])
    .expression(
      db
        .selectFrom('demarches')
        .select([
          'id',
          sql.lit(1).as('seq'),
          'created_at',
          sql.lit('create').as('event'),
          sql.lit(null).as('from_status'),
          'status',
          sql.lit('person').as('actor_kind'),
          'account_id',
          sql.lit(null).as('reason'),
        ]),
    )
    .execute();
}
