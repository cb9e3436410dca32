import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: the dossier's annual taxable resources, as the Caf holds them (issue 25; types:
// src/resources/taxable-resources.table.ts). One row per dossier and year: the « revenus imposables »
// of the household for that year, in cents, as transmitted by the tax administration (or declared to
// the Caf by a household without a tax return), with when it was recorded. The quotient familial of
// a month of year N reads year N − 2 (src/resources/taxable.ts); no row: « ressources inconnues ».
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('taxable_resources')
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('annual_cents', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('taxable_resources_pk', ['household_id', 'year'])
    .execute();
}
