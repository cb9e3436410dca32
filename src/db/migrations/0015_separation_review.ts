import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: a separation declared by a member who is not one of the couple (a child over
// 15, a personne à charge) is checked by the Caf before it changes the couple's rights
// (src/household/separation.ts). `status` says where it stands: 'effective' (declared by one of the
// couple, applied at once — every row recorded before this migration), 'pending' (waiting for the
// Caf), 'confirmed' (the Caf confirmed it and its effects were applied), 'dismissed' (classée sans
// suite: nothing changed). Who declared it is kept by role, for the agent who checks it.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('household_separations')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('effective'))
    .execute();
  await db.schema.alterTable('household_separations').addColumn('declarer_role', 'text').execute();
  await db.schema.createIndex('household_separations_demarche').on('household_separations').column('demarche_id').execute();
}
