import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from './database';
import { migrations } from './migrations';

/**
 * Applies the migrations not yet applied, each in its own transaction, recorded in `schema_migrations`.
 * Several instances starting together are safe on PostgreSQL (advisory lock).
 */
export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  const db = handle.db as unknown as Kysely<any>;
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'bigint', (c) => c.notNull())
    .execute();
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    if (handle.dialect === 'postgres') await sql`select pg_advisory_lock(727274)`.execute(conn);
    try {
      const done = new Set(
        (await conn.selectFrom('schema_migrations').select('name').execute()).map((r: { name: string }) => r.name),
      );
      for (const m of migrations) {
        if (done.has(m.name)) continue;
        await conn.transaction().execute(async (trx) => {
          await m.up(trx, handle.dialect);
          await trx.insertInto('schema_migrations').values({ name: m.name, applied_at: Date.now() }).execute();
        });
        applied.push(m.name);
      }
    } finally {
      if (handle.dialect === 'postgres') await sql`select pg_advisory_unlock(727274)`.execute(conn);
    }
  });
  return applied;
}
