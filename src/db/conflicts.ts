import { DatabaseUnavailableError } from './unavailable';

/**
 * Write conflicts that PostgreSQL resolves by aborting one side: a deadlock (40P01) or a
 * serialization failure (40001). The aborted statement (or transaction) changed nothing, so it can
 * be run again as it is. Our statements take their rows in one order and should never meet one; if
 * one comes anyway, it is run once more, and a second conflict is « not now » (503 with
 * Retry-After, src/http/errors.ts), never a 500.
 */
const CONFLICT_CODES = new Set(['40P01', '40001']);

export function isWriteConflict(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'string' && CONFLICT_CODES.has(code)) return true;
  }
  return false;
}

/** Runs `f` (one atomic statement or transaction), once more after a write conflict. */
export async function retryWriteConflict<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (!isWriteConflict(e)) throw e;
  }
  try {
    return await f();
  } catch (e) {
    if (isWriteConflict(e)) throw new DatabaseUnavailableError('write conflict twice (deadlock or serialization failure)', e);
    throw e;
  }
}
