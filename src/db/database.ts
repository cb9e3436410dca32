import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema';
import { withPreparedStatements } from './prepared-statements';
import { openSqlite } from './sqlite/open';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  destroy(): Promise<void>;
}

/**
 * How the server waits on its database (DATABASE_BUSY_WAIT_MS, DATABASE_POOL_SIZE,
 * DATABASE_CONNECT_TIMEOUT_MS, DATABASE_QUERY_TIMEOUT_MS, read by src/config/config.ts); every
 * value has the default given here.
 */
export interface DatabaseOptions {
  /** SQLite: how long a statement keeps trying (asynchronously) while another process holds the write lock, before the 503 (2000 ms) */
  busyWaitMs?: number;
  /** PostgreSQL: connections of the pool (10) */
  poolSize?: number;
  /** PostgreSQL: a server that does not accept a connection in this time fails the request (5000 ms) */
  connectTimeoutMs?: number;
  /** PostgreSQL: a statement that does not answer in this time fails the request (15000 ms) */
  queryTimeoutMs?: number;
}

/**
 * Opens the database named by a URL:
 * - `sqlite:./data/file.sqlite` or `sqlite::memory:` — the embedded default (better-sqlite3, WAL);
 * - `postgres://…` / `postgresql://…` — production (node-postgres pool);
 * - `pglite:` (in memory) or `pglite:./dir` — embedded PostgreSQL, for tests on a machine without a server.
 * All three go through the same Kysely code path.
 */
export async function openDatabase(url: string, o: DatabaseOptions & { log?: (line: string) => void } = {}): Promise<DatabaseHandle> {
  if (url.startsWith('sqlite:')) return { ...(await openSqlite(url.slice('sqlite:'.length), o)), dialect: 'sqlite' };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url, o, o.log ?? ((l) => console.error(l)));
  if (url.startsWith('pglite:')) return openPglite(url.slice('pglite:'.length));
  throw new Error(`DATABASE_URL non reconnue : ${url.split(':')[0]}: (attendu sqlite:, postgres:// ou pglite:)`);
}

async function openPostgres(url: string, o: DatabaseOptions, log: (line: string) => void): Promise<DatabaseHandle> {
  const pg = await import('pg');
  const { Pool, types } = pg.default;
  // bigint columns hold epoch milliseconds: safe as JavaScript numbers.
  types.setTypeParser(20, (v: string) => Number(v));
  // A server that does not answer fails a request in seconds (503 page), never holds it forever.
  const pool = new Pool({
    connectionString: url,
    max: o.poolSize ?? 10,
    connectionTimeoutMillis: o.connectTimeoutMs ?? 5000,
    query_timeout: o.queryTimeoutMs ?? 15_000,
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
