import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: FranceConnect (see src/journeys/franceconnect/store.ts).
// - franceconnect_transactions: what lies between our redirect to FranceConnect and its return
//   (state + nonce of a login, state of a logout; a logout hand-off keeps the id_token of a session
//   just ended for the step that redirects to FranceConnect). Id = SHA-256 of a random token kept
//   in an HttpOnly cookie (or, for a hand-off, in our own redirect URL); single use, 10 minutes.
// - franceconnect_signups: an account being created with FranceConnect (certified identity, NIR
//   found or typed, contact to verify). Same cookie scheme, 1 hour sliding.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('franceconnect_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text')
    .addColumn('id_token', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('franceconnect_transactions_expires').on('franceconnect_transactions').column('expires_at').execute();

  await db.schema
    .createTable('franceconnect_signups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sub', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('franceconnect_signups_expires').on('franceconnect_signups').column('expires_at').execute();
}
