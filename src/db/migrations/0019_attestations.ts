import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: attestations that whoever receives one can check (issue 25).
// - attestations: each one an immutable snapshot (JSON) found by its random 80-bit identifier, the
//   holder's surnames in compared form, when it expires or was revoked, and two counters of checks.
// - attestation_checks: the verification log of the public page (kept 6 months, src/retention/registry.ts).
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('attestations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('surname_keys', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('checked_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refused_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('attestations_issued_by').on('attestations').columns(['issued_by', 'issued_at']).execute();
  await db.schema.createIndex('attestations_expires_at').on('attestations').column('expires_at').execute();

  await db.schema
    .createTable('attestation_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('attestation_id', 'text')
    .addColumn('checked_at', 'bigint', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('attestation_checks_checked_at').on('attestation_checks').column('checked_at').execute();
}
