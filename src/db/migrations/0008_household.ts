import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: the household (foyer) model of src/household/ (types: src/household/household.table.ts).
// - household_members is rebuilt: a member is a person of the dossier with their own id and civil
//   status, whether or not they have an account (a child under 15, a conjoint who never signed up);
//   `account_id` is set when they create one. Rows of 0001 are copied with their account's civil
//   status. An account is in at most one dossier at a time (partial unique index: members that left
//   keep their row).
// - a dossier's addresses and bank accounts are histories (one row per declaration, the latest is
//   current), so that « Déclarer un changement » never overwrites what the agency was told before.
// - household_separations: what « Déclarer une séparation » recorded.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('household_members').renameTo('household_members_0001').execute();

  await db.schema
    .createTable('household_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('nir', 'text')
    .addColumn('civility', 'text', (c) => c.notNull())
    .addColumn('birth_name', 'text', (c) => c.notNull())
    .addColumn('given_names', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('has_procuration', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('procuration_granted_at', 'bigint')
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addColumn('left_at', 'bigint')
    .execute();

  await sql`insert into household_members
      (id, household_id, account_id, nir, civility, birth_name, given_names, birth_date, role, has_procuration, procuration_granted_at, joined_at, left_at)
    select m.household_id || '-' || m.account_id, m.household_id, m.account_id, a.nir, a.civility, a.birth_name, a.given_names, a.birth_date,
      m.role, m.has_procuration, case when m.has_procuration = 1 then m.joined_at else null end, m.joined_at, m.left_at
    from household_members_0001 m join accounts a on a.id = m.account_id`.execute(db);
  await db.schema.dropTable('household_members_0001').execute();

  await db.schema.createIndex('household_members_of_household').on('household_members').columns(['household_id', 'left_at']).execute();
  await db.schema
    .createIndex('household_members_one_dossier_per_account')
    .on('household_members')
    .column('account_id')
    .unique()
    .where(sql.ref('left_at'), 'is', sql.lit(null))
    .execute();
  await db.schema.createIndex('household_members_nir').on('household_members').column('nir').execute();

  await db.schema
    .createTable('household_addresses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('line1', 'text', (c) => c.notNull())
    .addColumn('line2', 'text')
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('household_addresses_current').on('household_addresses').columns(['household_id', 'recorded_at']).execute();

  await db.schema
    .createTable('household_bank_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema
    .createIndex('household_bank_accounts_current')
    .on('household_bank_accounts')
    .columns(['household_id', 'recorded_at'])
    .execute();

  await db.schema
    .createTable('household_separations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('declared_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('former_member_id', 'text', (c) => c.notNull().references('household_members.id'))
    .addColumn('separation_date', 'text', (c) => c.notNull())
    .addColumn('leaver', 'text', (c) => c.notNull())
    .addColumn('new_address', 'text')
    .addColumn('children', 'text', (c) => c.notNull())
    .addColumn('demarche_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('household_separations_household')
    .on('household_separations')
    .columns(['household_id', 'created_at'])
    .execute();
}
