import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: an account that cannot be stolen and cannot be lost (issue 21).
// - agent_roles: the rights of an agent on the Caf side, one row per right given ('instruction':
//   the démarches; 'assistance': people's accounts). The agents that existed before were
//   instructing agents: they keep that right, and only that one.
// - account_recoveries: an access recovered without the verified contact (by letter, at the
//   counter, through FranceConnect): who started it, when it ends, when it was completed. A
//   completed recovery freezes a change of bank account for a while (src/recovery/freeze.ts).
// - known_devices: the devices (a random cookie, its SHA-256 kept) an account already signed in
//   from, so that a login from a new one sends a notice to the verified contact.
// - household_bank_accounts: when a declared bank account may be paid to (`effective_at`, null
//   while an agent must confirm it), and the agent's confirmation. Rows declared before this
//   migration were paid to from their declaration: `effective_at` = `recorded_at`.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('agent_roles')
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_roles_pk', ['agent_id', 'role'])
    .execute();
  await db
    .insertInto('agent_roles')
    .columns(['agent_id', 'role', 'granted_at'])
    .expression((eb: any) => eb.selectFrom('agents').select(['id', eb.val('instruction').as('role'), 'created_at']))
    .execute();

  await db.schema
    .createTable('account_recoveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.references('agents.id'))
    .addColumn('new_contact_kind', 'text')
    .addColumn('new_contact_value', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('completed_at', 'bigint')
    .addColumn('cancelled_at', 'bigint')
    .execute();
  await db.schema.createIndex('account_recoveries_account').on('account_recoveries').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('known_devices')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('device_hash', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('known_devices_pk', ['account_id', 'device_hash'])
    .execute();

  await db.schema.alterTable('household_bank_accounts').addColumn('effective_at', 'bigint').execute();
  await db.schema.alterTable('household_bank_accounts').addColumn('confirmed_by', 'text').execute();
  await db.schema.alterTable('household_bank_accounts').addColumn('confirmed_at', 'bigint').execute();
  await db
    .updateTable('household_bank_accounts')
    .set((eb: any) => ({ effective_at: eb.ref('recorded_at') }))
    .execute();
}
