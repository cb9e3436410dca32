/**
 * Runs an update meant for one row in an expected state (« where id and not yet … »): true when it
 * touched that row, false when the row was missing or someone changed it first.
 */
export async function updatedOneRow(update: { executeTakeFirst(): Promise<{ numUpdatedRows: bigint }> }): Promise<boolean> {
  return Number((await update.executeTakeFirst()).numUpdatedRows) === 1;
}
