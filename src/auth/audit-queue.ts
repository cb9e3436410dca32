import type { Insertable, Kysely } from 'kysely';
import type { AuditEventsTable, Database } from '../db/schema';
import { isDatabaseUnavailable } from '../db/unavailable';

/**
 * Audit events that could not be written because the database was busy or unreachable are kept
 * here, in order, and written as soon as it answers again (tried again after 0.2 s, 0.4 s… up to
 * 5 s). A request whose audit row meets a locked database is therefore not failed for it, and the
 * event is not lost. A queue per database handle; what is still pending at shutdown is written once
 * more, and what cannot be written then goes to the error log as one JSON line per event.
 */
type Row = Insertable<AuditEventsTable>;

interface Pending {
  rows: Row[];
  timer: NodeJS.Timeout | undefined;
  delayMs: number;
}

/** Beyond this many pending events, the oldest are written to the error log instead of memory. */
const MAX_PENDING = 10_000;
const queues = new WeakMap<Kysely<Database>, Pending>();

/** Writes an audit row now, or queues it if the database cannot answer (inside a transaction: the error propagates). */
export async function writeAuditRow(db: Kysely<Database>, row: Row): Promise<void> {
  const q = queues.get(db);
  if (!db.isTransaction && q?.rows.length) {
    // Keep the order: behind what is already waiting.
    enqueue(db, row);
    return;
  }
  try {
    await db.insertInto('audit_events').values(row).execute();
  } catch (e) {
    if (db.isTransaction || !isDatabaseUnavailable(e)) throw e;
    enqueue(db, row);
  }
}

function enqueue(db: Kysely<Database>, row: Row): void {
  let q = queues.get(db);
  if (!q) {
    q = { rows: [], timer: undefined, delayMs: 200 };
    queues.set(db, q);
  }
  q.rows.push(row);
  while (q.rows.length > MAX_PENDING) logLost(q.rows.shift()!);
  schedule(db, q);
}

function schedule(db: Kysely<Database>, q: Pending): void {
  if (q.timer) return;
  q.timer = setTimeout(() => {
    q.timer = undefined;
    void flushAudit(db);
  }, q.delayMs);
  q.timer.unref();
}

/** Writes the queued events of `db` now; true when none is left. */
export async function flushAudit(db: Kysely<Database>): Promise<boolean> {
  const q = queues.get(db);
  if (!q || q.rows.length === 0) return true;
  const batch = q.rows.slice(0, 500);
  try {
    await db.insertInto('audit_events').values(batch).execute();
    q.rows.splice(0, batch.length);
    q.delayMs = 200;
  } catch (e) {
    if (!isDatabaseUnavailable(e)) {
      // A row the database refuses for good (it should not happen): logged, not retried forever.
      for (const r of q.rows.splice(0, batch.length)) logLost(r);
    } else q.delayMs = Math.min(q.delayMs * 2, 5000);
  }
  if (q.rows.length) schedule(db, q);
  return q.rows.length === 0;
}

/** How many audit events wait for the database (shown by /ready). */
export function pendingAuditEvents(db: Kysely<Database>): number {
  return queues.get(db)?.rows.length ?? 0;
}

/** At shutdown: one last try, then whatever is left goes to the error log. */
export async function drainAudit(db: Kysely<Database>): Promise<void> {
  const q = queues.get(db);
  if (!q) return;
  if (q.timer) clearTimeout(q.timer);
  q.timer = undefined;
  await flushAudit(db).catch(() => false);
  if (q.timer) clearTimeout(q.timer);
  q.timer = undefined;
  for (const r of q.rows.splice(0)) logLost(r);
}

function logLost(r: Row): void {
  console.error(`audit event not written to the database: ${JSON.stringify(r)}`);
}
