import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely } from 'kysely';
import type { Database } from '../schema';
import { CHECKPOINT_SAFETY_PAGES, startCheckpointer } from './checkpointer';
import { yieldingSqliteDialect } from './driver';

/**
 * Opens an SQLite file (or `:memory:`) the way the server uses it: WAL, foreign keys, the busy
 * timeout at 0 — the driver waits for locks asynchronously (./driver.ts) and keeps each compiled
 * statement (./statement-cache.ts) — and checkpoints in a thread of their own (./checkpointer.ts).
 */
export async function openSqlite(
  path: string,
  o: { busyWaitMs?: number } = {},
): Promise<{ db: Kysely<Database>; destroy(): Promise<void> }> {
  const { default: SQLite } = await import('better-sqlite3');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Never wait for a lock on the main thread: the driver retries asynchronously (./driver.ts).
  sqlite.pragma('busy_timeout = 0');
  // Checkpoints (and their fsync) in a thread of their own, not in a request's COMMIT (./checkpointer.ts).
  const checkpointer = path === ':memory:' ? undefined : startCheckpointer(path);
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${CHECKPOINT_SAFETY_PAGES}`);
  const db = new Kysely<Database>({ dialect: yieldingSqliteDialect({ database: sqlite, busyWaitMs: o.busyWaitMs ?? 2000 }) });
  return {
    db,
    destroy: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}
