import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: one table for every flow a person drives (src/journeys/engine/README.md).
// id = SHA-256 of the random token only the browser or API client holds; kind = the flow's machine;
// data = JSON; version for optimistic concurrency; account_id when the flow acts for an account.
// expires_at is indexed for the worker's sweep, (kind, account_id) for « the pending flow of this
// account » lookups.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('flows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('flows_expires').on('flows').column('expires_at').execute();
  await db.schema.createIndex('flows_kind_account').on('flows').columns(['kind', 'account_id']).execute();
}
