import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: what the retention sweep and the closing of an account need (src/db/retention.ts,
// src/accounts/closing.ts).
// - accounts.last_login_at: the last sign-in (sessions may live in Redis, and the audit trail is
//   kept one year only): an account never linked to a dossier is erased after two years without one.
//   Null until the next sign-in: the sweep then counts from the account's creation.
// - accounts.closed_at: the person closed their online account while the Caf's records (démarches,
//   dossier) still name it: the row stays, without contact, credentials, NIR or identifiant.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('last_login_at', 'bigint').execute();
  await db.schema.alterTable('accounts').addColumn('closed_at', 'bigint').execute();
}
