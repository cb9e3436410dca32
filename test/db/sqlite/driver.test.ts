import SQLite from 'better-sqlite3';
import { type Generated, Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { yieldingSqliteDialect } from '../../../src/db/sqlite/driver';

/** The SQLite driver keeps the statements it compiles: its own cache, not a patch on the database. */
describe('the SQLite driver’s statements', () => {
  const opened: Kysely<unknown>[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.destroy();
  });

  function open(o: { statementCacheSize?: number } = {}) {
    const sqlite = new SQLite(':memory:');
    sqlite.exec('create table t (id integer primary key, v text)');
    const db = new Kysely<{ t: { id: Generated<number>; v: string } }>({ dialect: yieldingSqliteDialect({ database: sqlite, ...o }) });
    opened.push(db as Kysely<unknown>);
    return { sqlite, db, prepare: vi.spyOn(sqlite, 'prepare') };
  }

  it('compiles a query’s SQL once and runs the same statement with each query’s values', async () => {
    const { db, prepare } = open();
    for (const v of ['a', 'b', 'c']) await db.insertInto('t').values({ v }).execute();
    const rows = [];
    for (const v of ['a', 'b', 'c', 'z']) rows.push(await db.selectFrom('t').select('id').where('v', '=', v).execute());
    expect(rows.map((r) => r.map((x) => x.id))).toEqual([[1], [2], [3], []]);
    // One insert text and one select text: two compilations for seven queries.
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it('keeps at most its size of statements, the oldest going first', async () => {
    const { db, prepare } = open({ statementCacheSize: 2 });
    const one = (n: number) => sql<{ n: number }>`select ${sql.lit(n)} as n`.execute(db);
    await one(1);
    await one(2);
    await one(1); // still kept
    expect(prepare).toHaveBeenCalledTimes(2);
    await one(3); // 1 goes (the oldest)
    await one(2); // still kept
    expect(prepare).toHaveBeenCalledTimes(3);
    expect((await one(1)).rows).toEqual([{ n: 1 }]); // compiled again
    expect(prepare).toHaveBeenCalledTimes(4);
  });

  it('leaves the database’s own prepare as it is (nothing patched from outside)', async () => {
    const { sqlite, db } = open();
    vi.restoreAllMocks();
    await db.selectFrom('t').selectAll().execute();
    expect(Object.hasOwn(sqlite, 'prepare')).toBe(false); // still better-sqlite3's own method
    // Each prepare of the database itself still compiles a new statement.
    expect(sqlite.prepare('select 1')).not.toBe(sqlite.prepare('select 1'));
  });
});
