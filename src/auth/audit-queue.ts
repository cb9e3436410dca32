import type { Insertable, Kysely } from 'kysely';
import type { AuditEventsTable, Database } from '../db/schema';
import { isDatabaseUnavailable } from '../db/unavailable';
import type { AuditJournal } from './audit-journal';

/**
 * Audit events that could not be written because the database was busy or unreachable are kept
 * here, in order, and written as soon as it answers again (tried again after 0.2 s, 0.4 s… up to
 * 5 s). A request whose audit row meets a locked database is therefore not failed for it, and the
 * event is not lost. A queue per database handle.
 *
 * Exactly one row per event, whatever the outages: one flush at a time (a flush that waits on a
 * lock is never joined by a second one over the same batch), a batch leaves the queue only once
 * written, and every row carries its `event_key`, unique in the table, written with « on conflict
 * do nothing » — an insert that timed out after committing, or a journal replayed after a kill, adds
 * nothing. With a journal (`attachAuditJournal`, ./audit-journal.ts) what waits is also on disk and
 * survives a kill -9; without one (tests, in-memory databases) what is still pending at shutdown
 * goes to the error log as one JSON line per event.
 */
type Row = Insertable<AuditEventsTable>;

interface Pending {
  rows: Row[];
  timer: NodeJS.Timeout | undefined;
  delayMs: number;
  /** the flush running now, if any: there is never more than one */
  flushing: Promise<boolean> | undefined;
  journal: AuditJournal | undefined;
}

/** Beyond this many pending events, the oldest are written to the error log instead of memory. */
const MAX_PENDING = 10_000;
const BATCH = 500;
const queues = new WeakMap<Kysely<Database>, Pending>();

function queueOf(db: Kysely<Database>): Pending {
  let q = queues.get(db);
  if (!q) {
    q = { rows: [], timer: undefined, delayMs: 200, flushing: undefined, journal: undefined };
    queues.set(db, q);
  }
  return q;
}

/**
 * Gives the queue of `db` a journal on disk, and puts back in it what earlier processes left in
 * theirs (written at the next flush, started now). Called once, when the context is built.
 */
export function attachAuditJournal(db: Kysely<Database>, journal: AuditJournal): number {
  const q = queueOf(db);
  q.journal = journal;
  const recovered = journal.recover();
  if (recovered.rows.length) {
    q.rows.push(...recovered.rows);
    journal.append(recovered.rows);
    schedule(db, q, 0);
  }
  recovered.done();
  return recovered.rows.length;
}

/** Writes an audit row now, or queues it if the database cannot answer (inside a transaction: the error propagates). */
export async function writeAuditRow(db: Kysely<Database>, row: Row): Promise<void> {
  if (db.isTransaction) {
    await db.insertInto('audit_events').values(row).execute();
    return;
  }
  const q = queues.get(db);
  if (q && (q.rows.length || q.flushing)) {
    // Keep the order: behind what is already waiting.
    enqueue(db, row);
    return;
  }
  try {
    await insertRows(db, [row]);
  } catch (e) {
    if (!isDatabaseUnavailable(e)) throw e;
    enqueue(db, row);
  }
}

/** Inserts rows; an event already stored (same `event_key`) is left as it is. */
function insertRows(db: Kysely<Database>, rows: Row[]): Promise<unknown> {
  return db
    .insertInto('audit_events')
    .values(rows)
    .onConflict((oc) => oc.column('event_key').doNothing())
    .execute();
}

function enqueue(db: Kysely<Database>, row: Row): void {
  const q = queueOf(db);
  q.rows.push(row);
  q.journal?.append([row]);
  while (q.rows.length > MAX_PENDING) logLost(q.rows.shift()!);
  schedule(db, q);
}

function schedule(db: Kysely<Database>, q: Pending, delayMs = q.delayMs): void {
  // A flush in progress schedules the next one itself when it ends.
  if (q.timer || q.flushing) return;
  q.timer = setTimeout(() => {
    q.timer = undefined;
    void flushAudit(db);
  }, delayMs);
  q.timer.unref();
}

/** Writes the queued events of `db` now (joining the flush in progress, if any); true when none is left. */
export function flushAudit(db: Kysely<Database>): Promise<boolean> {
  const q = queues.get(db);
  if (!q) return Promise.resolve(true);
  if (q.flushing) return q.flushing;
  if (q.rows.length === 0) return Promise.resolve(true);
  if (q.timer) clearTimeout(q.timer);
  q.timer = undefined;
  const flushing = flushBatch(db, q).finally(() => {
    q.flushing = undefined;
    if (q.rows.length) schedule(db, q);
  });
  q.flushing = flushing;
  return flushing;
}

async function flushBatch(db: Kysely<Database>, q: Pending): Promise<boolean> {
  const batch = q.rows.slice(0, BATCH);
  try {
    await insertRows(db, batch);
    removeFromQueue(q, batch);
    q.delayMs = 200;
  } catch (e) {
    if (!isDatabaseUnavailable(e)) {
      // A row the database refuses for good (it should not happen): logged, not retried forever.
      removeFromQueue(q, batch);
      for (const r of batch) logLost(r);
    } else q.delayMs = Math.min(q.delayMs * 2, 5000);
  }
  if (q.rows.length === 0) q.journal?.clear();
  return q.rows.length === 0;
}

/** The rows of `batch` leave the queue (by identity: the queue may have been cut at its head meanwhile). */
function removeFromQueue(q: Pending, batch: Row[]): void {
  const done = new Set(batch);
  q.rows = q.rows.filter((r) => !done.has(r));
}

/** How many audit events wait for the database (shown by /ready). */
export function pendingAuditEvents(db: Kysely<Database>): number {
  return queues.get(db)?.rows.length ?? 0;
}

/**
 * At shutdown: one last try; what is left stays in the journal for the next start, or — without a
 * journal — goes to the error log.
 */
export async function drainAudit(db: Kysely<Database>): Promise<void> {
  const q = queues.get(db);
  if (!q) return;
  if (q.timer) clearTimeout(q.timer);
  q.timer = undefined;
  await (q.flushing ?? Promise.resolve()).catch(() => false);
  if (q.timer) clearTimeout(q.timer);
  q.timer = undefined;
  await flushAudit(db).catch(() => false);
  if (q.timer) clearTimeout(q.timer);
  q.timer = undefined;
  const left = q.rows.splice(0);
  if (q.journal && left.length) console.error(`${left.length} audit event(s) kept in ${q.journal.dir} for the next start`);
  else for (const r of left) logLost(r);
}

function logLost(r: Row): void {
  console.error(`audit event not written to the database: ${JSON.stringify(r)}`);
}
