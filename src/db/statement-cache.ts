import type BetterSqlite3 from 'better-sqlite3';

/**
 * better-sqlite3 compiles a statement at each `prepare`, and Kysely's SQLite driver prepares every
 * query it runs: on a page that reads a session and a flow, compiling costs more than running.
 * Our queries are a small fixed set of SQL texts (values are parameters), so each compiled
 * statement is kept and reused, keyed by its text (at most `max`; the oldest goes first).
 * Safe because better-sqlite3 runs a statement to completion synchronously (we never stream).
 */
export function cacheStatements(sqlite: BetterSqlite3.Database, max = 1000): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, BetterSqlite3.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = prepare(source);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(source, stmt);
    }
    return stmt;
  }) as typeof sqlite.prepare;
}
