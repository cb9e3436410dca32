import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: the démarches of an account (see src/demarches/repository.ts).
// A démarche is a request for a prestation of the catalogue (its slug) that a person has started:
// recorded when the account is created, or at login, from the prestation chosen with « Faire la
// demande ». For now its only status is 'a_completer' (started, form not yet filled); the request
// forms come later. At most one démarche 'a_completer' per account and prestation: a partial
// unique index (SQLite ≥ 3.8 and PostgreSQL alike), so that a later status (submitted…) leaves
// room for a new request of the same prestation.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('demarches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('prestation', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('demarches_one_open_per_prestation')
    .on('demarches')
    .columns(['account_id', 'prestation'])
    .unique()
    .where(sql.ref('status'), '=', sql.lit('a_completer'))
    .execute();
  await db.schema.createIndex('demarches_account').on('demarches').columns(['account_id', 'created_at']).execute();
}
