import type { Kysely } from 'kysely';
import type { DatabaseHandle } from './database';

/** One row for one table (the row built by its module's typed row builder). */
export interface RowInsert {
  table: string;
  values: Record<string, unknown>;
}

/**
 * Inserts rows into several tables atomically, in as few round trips as the database allows:
 * - PostgreSQL: one statement, the first inserts as data-modifying CTEs
 *   (`with i0 as (insert …), i1 as (insert …) insert …`) — atomic without begin/commit, so one
 *   round trip instead of n + 2 (on a hot path such as the login's password step, the database's
 *   per-statement work competes with argon2id for the same cores);
 * - SQLite: a transaction of plain inserts (in-process: round trips cost nothing).
 * The rows must not depend on each other through foreign keys (all CTEs see the same snapshot).
 */
export async function insertAll(database: Pick<DatabaseHandle, 'db' | 'dialect'>, rows: readonly RowInsert[]): Promise<void> {
  if (rows.length === 0) return;
  // The tables of callers' modules are not all in the shared schema type (some modules keep their own).
  const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  if (database.dialect === 'sqlite' || rows.length === 1) {
    await db.transaction().execute(async (trx) => {
      for (const r of rows) await trx.insertInto(r.table).values(r.values).execute();
    });
    return;
  }
  const last = rows[rows.length - 1]!;
  // The query builder's types follow each CTE's output columns; inserts without `returning` have none.
  let q = db as unknown as { with(name: string, f: (qc: typeof db) => unknown): typeof q; insertInto: typeof db.insertInto };
  rows.slice(0, -1).forEach((r, i) => {
    q = q.with(`i${i}`, (qc) => qc.insertInto(r.table).values(r.values));
  });
  await q.insertInto(last.table).values(last.values).execute();
}
