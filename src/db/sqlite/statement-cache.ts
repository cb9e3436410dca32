import type BetterSqlite3 from 'better-sqlite3';

/**
 * better-sqlite3 compiles a statement at each `prepare`, and the driver runs every query through a
 * statement: on a page that reads a session and a flow, compiling would cost more than running.
 * Our queries are a small fixed set of SQL texts (values are parameters), so each compiled
 * statement is kept and reused, keyed by its text (at most `max`; the oldest goes first).
 * Safe because better-sqlite3 runs a statement to completion synchronously (we never stream).
 *
 * Owned by the driver (./driver.ts), which asks it for every statement it runs; the database's own
 * `prepare` is left as it is.
 */
export class StatementCache {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly max = 1000,
  ) {}

  /** The compiled statement of `source`: prepared at its first use, then the same one. */
  get(source: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(source);
    if (!stmt) {
      stmt = this.sqlite.prepare(source);
      if (this.statements.size >= this.max) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(source, stmt);
    }
    return stmt;
  }

  get size(): number {
    return this.statements.size;
  }
}
