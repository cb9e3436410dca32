import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: rate-limit and throttle counters in the database (src/security/db-rate-limit.ts),
// so that a restart does not forget them when there is no Redis, and so that Redis, when it is down,
// falls back on counters shared by every instance. One row per key: its fixed window (start, count)
// and the end of its block (0: none). Rows whose window and block are long over are deleted now and then.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('blocked_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('rate_limits_window_start').on('rate_limits').column('window_start').execute();
}
