import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema';
import { cacheStatements } from './statement-cache';
import { CHECKPOINT_SAFETY_PAGES, startCheckpointer } from './sqlite-checkpointer';
import { withPreparedStatements } from './prepared-statements';
import { yieldingSqliteDialect } from './sqlite-driver';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  destroy(): Promise<void>;
}

/**
 * Opens the database named by a URL:
 * - `sqlite:./data/file.sqlite` or `sqlite::memory:` — the embedded default (better-sqlite3, WAL);
 * - `postgres://…` / `postgresql://…` — production (node-postgres pool);
 * - `pglite:` (in memory) or `pglite:./dir` — embedded PostgreSQL, for tests on a machine without a server.
 * All three go through the same Kysely code path.
 */
export async function openDatabase(url: string, o: { log?: (line: string) => void } = {}): Promise<DatabaseHandle> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, o.log ?? ((l) => console.error(l)));
  if (url.startsWith('pglite:')) return openPglite(url.slice('pglite:'.length));
  throw new Error(`DATABASE_URL non reconnue : ${url.split(':')[0]}: (attendu sqlite:, postgres:// ou pglite:)`);
}

async function openSqlite(path: string): Promise<DatabaseHandle> {
  const { default: SQLite } = await import('better-sqlite3');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Never wait for a lock on the main thread: the driver retries asynchronously (./sqlite-driver.ts).
  sqlite.pragma('busy_timeout = 0');
  cacheStatements(sqlite);
  // Checkpoints (and their fsync) in a thread of their own, not in a request's COMMIT (./sqlite-checkpointer.ts).
  const checkpointer = path === ':memory:' ? undefined : startCheckpointer(path);
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${CHECKPOINT_SAFETY_PAGES}`);
  const db = new Kysely<Database>({
    dialect: yieldingSqliteDialect({ database: sqlite, busyWaitMs: Number(process.env.DATABASE_BUSY_WAIT_MS ?? 2000) }),
  });
  return {
    db,
    dialect: 'sqlite',
    destroy: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

async function openPostgres(url: string, log: (line: string) => void): Promise<DatabaseHandle> {
  const pg = await import('pg');
  const { Pool, types } = pg.default;
  // bigint columns hold epoch milliseconds: safe as JavaScript numbers.
  types.setTypeParser(20, (v: string) => Number(v));
  // A server that does not answer fails a request in seconds (503 page), never holds it forever.
  const pool = new Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 5000),
    query_timeout: Number(process.env.DATABASE_QUERY_TIMEOUT_MS ?? 15_000),
  });
  // An idle connection closed by the server (restart, failover) must not crash the process:
  // the pool drops it and opens a new one on the next query.
  pool.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') log(`database pool: ${err.message}`);
  });
  // Nor a connection lost while checked out (between two statements of a transaction): the pool
  // listens to idle clients only, and an 'error' without a listener would end the process. The
  // statement in progress fails by itself (503); the client is discarded when released.
  pool.on('connect', (client) => {
    client.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') log(`database connection: ${err.message}`);
    });
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
  return { db, dialect: 'postgres', destroy: () => db.destroy() };
}

async function openPglite(dir: string): Promise<DatabaseHandle> {
  const { PGlite, types } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  if (dir) mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir || undefined, { parsers: { [types.INT8]: (v: string) => Number(v) } });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    dialect: 'postgres',
    destroy: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
