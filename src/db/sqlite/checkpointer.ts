import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite in WAL mode copies the log back into the database file from time to time (a checkpoint),
 * and syncs that file to disk. By default the connection that commits does it, inside its COMMIT —
 * on Node's main thread, every request waiting for the disk. Here a thread of its own, with its
 * own connection, checkpoints every `everyMs` (PASSIVE: it never waits for readers or writers, nor
 * makes them wait); the server's connection only checkpoints as a last resort, when the log has
 * grown past CHECKPOINT_SAFETY_PAGES (the thread stopped, or cannot keep up).
 *
 * The thread's code is given as source (no file of its own, so the compiled server needs no
 * second entry) and loads the same better-sqlite3 as the server.
 */
export const CHECKPOINT_SAFETY_PAGES = 10_000; // 40 MB of log with 4 KB pages

export interface Checkpointer {
  stop(): Promise<void>;
}

const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message) });
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export function startCheckpointer(
  path: string,
  o: { everyMs?: number; onCheckpoint?: (r: { log: number; checkpointed: number } | { error: string }) => void } = {},
): Checkpointer {
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: { path, module: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs: o.everyMs ?? 1000 },
  });
  worker.unref(); // never keeps a process alive
  if (o.onCheckpoint) worker.on('message', o.onCheckpoint);
  worker.on('error', () => undefined); // the safety net (the connection's own checkpoints) takes over
  return {
    stop: async () => {
      if (worker.threadId < 0) return;
      const exited = once(worker, 'exit');
      worker.postMessage('stop');
      await exited;
    },
  };
}
