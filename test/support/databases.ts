import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { testConfig } from '../../src/config/config';
import { createContext, type AppContext } from '../../src/context';
import { TestClock } from './clock';

/**
 * The databases every data-layer test runs on: SQLite (in memory) and PostgreSQL — the real server
 * named by TEST_DATABASE_URL (a fresh database per call, dropped afterwards), or an embedded
 * PostgreSQL (PGlite) when no server is configured, so that `npm test` passes on a bare machine.
 *
 * Usage:
 *   describe.each(testDatabases)('accounts on $name', ({ open }) => { … const h = await open(); … });
 */
export interface TestDatabase {
  name: string;
  /** A new, migrated, empty database (not migrated with `{ migrate: false }`). Call `destroy()` when done. */
  open(o?: { migrate?: boolean }): Promise<DatabaseHandle>;
}

const serverUrl = process.env.TEST_DATABASE_URL;

export const testDatabases: TestDatabase[] = [
  { name: 'sqlite', open: (o) => migrated('sqlite::memory:', o) },
  serverUrl
    ? { name: 'postgresql', open: (o) => openFreshPostgres(serverUrl, o) }
    : { name: 'postgresql (PGlite)', open: (o) => migrated('pglite:', o) },
];

/**
 * The one database a long journey (a browser test) runs on, to keep its time: the PostgreSQL server
 * of TEST_DATABASE_URL when it is set, SQLite in memory otherwise — run it both ways.
 */
export const journeyDatabase: TestDatabase = serverUrl ? testDatabases[1]! : testDatabases[0]!;

async function migrated(url: string, o: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const handle = await openDatabase(url);
  if (o.migrate !== false) await migrate(handle);
  return handle;
}

async function openFreshPostgres(url: string, o: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const name = `mon_compte_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  const handle = await migrated(u.toString(), o);
  return {
    ...handle,
    destroy: async () => {
      await handle.destroy();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Runs `run` with an application context on a new database of `open` (a test clock too), and
 * closes both after — for data-layer tests that go through the services, not HTTP.
 */
export async function withTestContext(
  open: () => Promise<DatabaseHandle>,
  run: (ctx: AppContext, clock: TestClock) => Promise<void>,
): Promise<void> {
  const clock = new TestClock();
  const ctx = await createContext(testConfig(), { clock, database: await open() });
  try {
    await run(ctx, clock);
  } finally {
    await ctx.close();
  }
}
