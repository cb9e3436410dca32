import type { Insertable, Kysely, QueryCreator } from 'kysely';
import type { DatabaseHandle } from './database';
import type { Database } from './schema';

/** One row for one table, typed by the table it goes to (the row built by its module's typed row builder). */
export type RowInsert = { [T in keyof Database]: { table: T; values: Insertable<Database[T]> } }[keyof Database];

/** The insert of one row; the union of tables is narrowed here, once, for the query builder. */
function insertOne(qc: QueryCreator<Database>, r: RowInsert) {
  return qc.insertInto(r.table).values(r.values as Insertable<Database[typeof r.table]> as never);
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
  const db: Kysely<Database> = database.db;
  if (database.dialect === 'sqlite' || rows.length === 1) {
    await db.transaction().execute(async (trx) => {
      for (const r of rows) await insertOne(trx, r).execute();
    });
    return;
  }
  // Each CTE adds its name to the query creator's type, which a loop cannot follow: the chain is
  // typed loosely (inserts without `returning` add no columns anyway); every insert in it is typed.
  let q: QueryCreator<any> = db;
  rows.slice(0, -1).forEach((r, i) => {
    q = q.with(`i${i}`, (qc) => insertOne(qc, r));
  });
  await insertOne(q, rows[rows.length - 1]!).execute();
}
