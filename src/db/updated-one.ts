import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from './schema';

/**
 * Runs an update meant for one row in an expected state (« where id and not yet … »): true when it
 * touched that row, false when the row was missing or someone changed it first.
 */
export async function updatedOneRow(update: { executeTakeFirst(): Promise<{ numUpdatedRows: bigint }> }): Promise<boolean> {
  return Number((await update.executeTakeFirst()).numUpdatedRows) === 1;
}

/** The tables whose rows are named by a text `id`. */
type TableWithId = { [T in keyof Database]: Database[T] extends { id: string } ? T : never }[keyof Database];

/**
 * A change made once (revoked, completed, linked…): sets `values` on the row of `table` whose columns
 * equal `match` (its id, and any other column given) while every column of `stillNull` is null.
 * True when it changed that row, false when the row is missing, does not match, or was changed first.
 */
export function setOnce<T extends TableWithId>(
  db: Kysely<Database>,
  table: T,
  match: { id: string } & Partial<Selectable<Database[T]>>,
  values: Updateable<Database[T]>,
  stillNull: readonly (keyof Database[T] & string)[],
): Promise<boolean> {
  // The table is only known as a type parameter here: Kysely cannot name its columns generically.
  const untyped = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  let update = untyped.updateTable(table as string).set(values as Record<string, unknown>);
  for (const [column, value] of Object.entries(match)) update = update.where(column, '=', value);
  for (const column of stillNull) update = update.where(column, 'is', null);
  return updatedOneRow(update);
}
