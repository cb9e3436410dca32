import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { DatabaseUnavailableError } from '../unavailable';
import { StatementCache } from './statement-cache';

/**
 * SQLite (better-sqlite3) for Kysely, without ever waiting for a lock on Node's main thread.
 *
 * better-sqlite3 is synchronous: with SQLite's own busy handler (`busy_timeout`), a write that meets
 * another process's write lock sleeps *on the event loop* — every request of the server waits with
 * it. Here the busy timeout is 0 (the statement fails at once with SQLITE_BUSY) and the wait is
 * asynchronous: the statement is tried again after 2, 5, 10… 50 ms, other requests running in
 * between, until `busyWaitMs`; then it fails with a DatabaseUnavailableError (a 503 page with
 * Retry-After, see src/http/errors.ts).
 *
 * The driver owns its cache of compiled statements (./statement-cache.ts): a query's SQL text is
 * compiled once, then the same statement runs with each query's values.
 *
 * One connection serves the whole process, as with Kysely's own SQLite driver; a transaction owns it
 * from BEGIN to COMMIT, and statements outside it wait (asynchronously) for it to end. Transactions
 * begin IMMEDIATE: the write lock is taken at BEGIN (retried like any statement), so a statement
 * inside a transaction never meets SQLITE_BUSY and a transaction never has to be replayed.
 */
export interface YieldingSqliteOptions {
  database: SqliteDatabase;
  /** how long a statement (or BEGIN) keeps trying while the database is locked (default 2 s) */
  busyWaitMs?: number;
  /** how many compiled statements the driver keeps (default 1000; the oldest goes first) */
  statementCacheSize?: number;
}

const BACKOFF_MS = [2, 5, 10, 20, 30, 50];

export function yieldingSqliteDialect(o: YieldingSqliteOptions): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new YieldingSqliteDriver(o.database, o.busyWaitMs ?? 2000, o.statementCacheSize ?? 1000),
    createIntrospector: (db: Kysely<any>) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

class YieldingSqliteDriver implements Driver {
  /** the connection whose transaction is open, if any */
  private owner: Connection | undefined;
  /** resolves when the open transaction ends */
  private ended: Promise<void> = Promise.resolve();
  private endTransaction: () => void = () => {};
  /** transactions begin one after the other */
  private queue: Promise<void> = Promise.resolve();
  /** every statement the driver runs, compiled once per SQL text */
  readonly statements: StatementCache;

  constructor(
    readonly sqlite: SqliteDatabase,
    readonly busyWaitMs: number,
    statementCacheSize = 1000,
  ) {
    this.statements = new StatementCache(sqlite, statementCacheSize);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Connection(this);
  }

  isOwner(c: Connection): boolean {
    return this.owner === c;
  }

  /** Waits (without blocking) until no transaction of another connection is open. */
  async outsideTransactions(c: Connection): Promise<void> {
    while (this.owner && this.owner !== c) await this.ended;
  }

  /** Runs `run` synchronously, again and again while the database is locked, yielding in between. */
  async retrying<T>(c: Connection, run: () => T): Promise<T> {
    const deadline = Date.now() + this.busyWaitMs;
    for (let i = 0; ; i++) {
      await this.outsideTransactions(c);
      try {
        return run();
      } catch (e) {
        if (!isBusy(e)) throw e;
        if (Date.now() >= deadline) throw new DatabaseUnavailableError('sqlite_busy', e);
      }
      await sleep(BACKOFF_MS[Math.min(i, BACKOFF_MS.length - 1)]!);
    }
  }

  async beginTransaction(c: DatabaseConnection): Promise<void> {
    const conn = c as Connection;
    const previous = this.queue;
    let done!: () => void;
    this.queue = new Promise<void>((r) => (done = r));
    await previous;
    try {
      await this.retrying(conn, () => this.sqlite.exec('BEGIN IMMEDIATE'));
    } catch (e) {
      done();
      throw e;
    }
    this.owner = conn;
    this.ended = new Promise<void>((r) => (this.endTransaction = r));
    conn.releaseQueue = done;
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await this.finish(c as Connection, 'COMMIT');
  }

  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await this.finish(c as Connection, 'ROLLBACK');
  }

  private async finish(conn: Connection, command: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    try {
      if (this.sqlite.inTransaction) await this.retrying(conn, () => this.sqlite.exec(command));
    } catch (e) {
      // A failed COMMIT leaves the transaction open: roll it back so that the connection is usable.
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
      throw e;
    } finally {
      if (this.owner === conn) {
        this.owner = undefined;
        this.endTransaction();
        conn.releaseQueue?.();
        conn.releaseQueue = undefined;
      }
    }
  }

  async savepoint(c: DatabaseConnection, name: string): Promise<void> {
    await c.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(c: DatabaseConnection, name: string): Promise<void> {
    await c.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }

  async releaseSavepoint(c: DatabaseConnection, name: string): Promise<void> {
    await c.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    await this.queue;
    this.sqlite.close();
  }
}

class Connection implements DatabaseConnection {
  releaseQueue: (() => void) | undefined;
  constructor(private readonly driver: YieldingSqliteDriver) {}

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const run = () => {
      const stmt = this.driver.statements.get(q.sql);
      if (stmt.reader) return { rows: stmt.all(q.parameters) as R[] };
      const { changes, lastInsertRowid } = stmt.run(q.parameters);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] as R[] };
    };
    // Inside its own transaction the write lock is already held: no waiting, no retry.
    if (this.driver.isOwner(this)) return run();
    return this.driver.retrying(this, run);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(q: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const r = await this.executeQuery<R>(q);
    for (const row of r.rows) yield { rows: [row] };
  }
}
