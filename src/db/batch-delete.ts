import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Database } from './schema';

/**
 * Deletes at most `limit` rows of `table` matching `which`, by their id (a sweep goes on at its next
 * run): the same statement on SQLite and PostgreSQL, which has no `DELETE … LIMIT`. Returns how many.
 */
export async function deleteBatch<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  which: (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>,
  limit: number,
): Promise<number> {
  // The table is only known as a type parameter here: Kysely cannot name its `id` column generically.
  const untyped = db as unknown as Kysely<Record<string, { id: string }>>;
  const name = table as string;
  const r = await untyped
    .deleteFrom(name)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom(name)
        .select('id')
        .where(which as never)
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Deletes every row of `table` matching `which` (a table small enough to sweep at once). Returns how many. */
export async function deleteRows<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  which: (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>,
): Promise<number> {
  const untyped = db as unknown as Kysely<Record<string, { id: string }>>;
  const r = await untyped
    .deleteFrom(table as string)
    .where(which as never)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
