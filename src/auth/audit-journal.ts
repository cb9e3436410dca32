import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Insertable } from 'kysely';
import type { AuditEventsTable } from '../db/schema';

type Row = Insertable<AuditEventsTable>;

/** Journals opened by this process (two contexts on one folder, in tests): their names never collide. */
let opened = 0;

/**
 * The pending-audit queue's journal (./audit-queue.ts): an append-only file in the data folder that
 * holds every audit event waiting for the database, so that a kill -9 during a database outage
 * loses none of them. One file per process start (`pending-<pid>-<start><n>.jsonl`, one JSON row per
 * line), appended synchronously before the request that caused the event answers — a few hundred
 * bytes into the page cache, and only while the database cannot take the row — and removed as soon
 * as the queue is empty. At start, the files of processes that are no longer alive (or of an earlier
 * life of this pid) are adopted: their rows go back into the queue, then the files are removed.
 * Rows carry their `event_key`, unique in the table: a row both written and still in a journal (a
 * kill between the insert and the removal of the file) is written once.
 *
 * What it does not cover: the loss of the machine itself before the kernel writes its page cache
 * (no fsync per event), and a disk that refuses the append (then the event stays in memory only,
 * and the failure is logged).
 */
export class AuditJournal {
  private readonly file: string;
  private dirReady = false;
  private written = false;

  constructor(
    readonly dir: string,
    private readonly log: (line: string) => void = (l) => console.error(l),
  ) {
    // The start time, then a sequence number: names sort by start, and two journals of one process differ.
    this.file = join(dir, `pending-${process.pid}-${Date.now()}${String(opened++ % 1000).padStart(3, '0')}.jsonl`);
  }

  append(rows: readonly Row[]): void {
    if (rows.length === 0) return;
    try {
      if (!this.dirReady) mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      this.dirReady = true;
      appendFileSync(this.file, rows.map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 });
      this.written = true;
    } catch (e) {
      this.log(`audit journal: cannot append to ${this.file} (${(e as Error).message}); the event is kept in memory only`);
    }
  }

  /** The queue is empty: nothing left to replay. */
  clear(): void {
    if (!this.written) return;
    rmSync(this.file, { force: true });
    this.written = false;
  }

  /**
   * The rows left by earlier processes (dead ones, or this pid's earlier life), in order, each event
   * once, and a `done` to call once they are safely in this process's own journal.
   */
  recover(): { rows: Row[]; done(): void } {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return { rows: [], done: () => {} };
    }
    const stale = names.filter((n) => {
      const m = /^pending-(\d+)-(\d+)\.jsonl$/.exec(n);
      return m !== null && join(this.dir, n) !== this.file && (Number(m[1]) === process.pid || !isAlive(Number(m[1])));
    });
    const rows: Row[] = [];
    const seen = new Set<string>();
    for (const n of stale.sort(byStart)) {
      for (const line of readFileSync(join(this.dir, n), 'utf8').split('\n')) {
        const row = parseRow(line);
        // A line cut by the kill, or an event already taken from another file, is skipped.
        if (!row || seen.has(row.event_key)) continue;
        seen.add(row.event_key);
        rows.push(row);
      }
    }
    return {
      rows,
      done: () => {
        for (const n of stale) rmSync(join(this.dir, n), { force: true });
      },
    };
  }
}

function byStart(a: string, b: string): number {
  return Number(a.split('-')[2]!.split('.')[0]) - Number(b.split('-')[2]!.split('.')[0]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseRow(line: string): (Row & { event_key: string }) | undefined {
  if (!line.trim()) return undefined;
  try {
    const r = JSON.parse(line) as Record<string, unknown>;
    if (typeof r.event_key !== 'string' || typeof r.type !== 'string' || typeof r.at !== 'number' || typeof r.details !== 'string')
      return undefined;
    const text = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : null);
    return {
      at: r.at,
      type: r.type,
      account_id: text('account_id'),
      ip: text('ip'),
      user_agent: text('user_agent'),
      details: r.details,
      event_key: r.event_key,
    };
  } catch {
    return undefined;
  }
}
