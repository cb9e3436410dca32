import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: pending login and password-reset flows (see src/journeys/login).
// A flow row is what lies between two steps (password → code, identifier → code → new password):
// its id is the SHA-256 of a random token kept in an HttpOnly cookie; nothing about the account
// ever reaches the browser.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('login_flows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('destination', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_flows_expires').on('login_flows').column('expires_at').execute();
  // Recent logins of the security page: audit_events by account, type and time.
  await db.schema.createIndex('audit_events_account_type').on('audit_events').columns(['account_id', 'type', 'at']).execute();
}
