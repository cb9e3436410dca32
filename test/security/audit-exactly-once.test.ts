import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditRow } from '../../src/auth/audit';
import { AuditJournal } from '../../src/auth/audit-journal';
import { attachAuditJournal, drainAudit, flushAudit, pendingAuditEvents } from '../../src/auth/audit-queue';
import { testDatabases } from '../support/databases';

/**
 * Issue 20, point 4, on both databases: an audit event is one row however often it is written (its
 * `event_key` is unique), a journal left by a dead process is replayed once and removed, and one
 * flush runs at a time. The lock and the kill -9 themselves: test/faults/audit-outage.test.ts.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function journalDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mc-journal-'));
  dirs.push(d);
  return d;
}
/** The pid of a process that has exited: its journal is an orphan. */
const deadPid = () => spawnSync('true').pid!;
const row = (n: number) =>
  auditRow({ type: 'agent_demarche_viewed', accountId: null, ip: '10.0.0.1', userAgent: null, details: { n } }, 1000 + n);

describe.each(testDatabases)('the audit queue on $name', ({ open }) => {
  it('replays an orphan journal once: rows already written are not written again, a line cut by the kill is skipped', async () => {
    const h = await open();
    try {
      const [written, pending, later] = [row(1), row(2), row(3)];
      await h.db.insertInto('audit_events').values(written).execute();
      const dir = journalDir();
      const orphan = join(dir, `pending-${deadPid()}-1.jsonl`);
      // The same event twice (a journal appended, then adopted by another start before its removal) and a cut line.
      const lines = [written, pending, pending, later].map((r) => JSON.stringify(r)).join('\n');
      writeFileSync(orphan, `${lines}\n{"at":17,"type":"agent_dem`);
      expect(attachAuditJournal(h.db, new AuditJournal(dir))).toBe(3);
      expect(existsSync(orphan)).toBe(false);
      // What was adopted is in this process's own journal until written.
      const own = readdirSync(dir);
      expect(own).toHaveLength(1);
      expect(readFileSync(join(dir, own[0]!), 'utf8').trim().split('\n')).toHaveLength(3);

      // Two flushes asked at once are one flush.
      const a = flushAudit(h.db);
      expect(flushAudit(h.db)).toBe(a);
      expect(await a).toBe(true);
      expect(pendingAuditEvents(h.db)).toBe(0);
      const rows = await h.db.selectFrom('audit_events').select(['event_key', 'details']).orderBy('at').execute();
      expect(rows.map((r) => JSON.parse(r.details).n)).toEqual([1, 2, 3]);
      expect(rows.map((r) => r.event_key)).toEqual([written.event_key, pending.event_key, later.event_key]);
      expect(readdirSync(dir)).toEqual([]);
      await drainAudit(h.db);
    } finally {
      await h.destroy();
    }
  }, 120_000);

  it('refuses a second row for one event key (the constraint the queue relies on)', async () => {
    const h = await open();
    try {
      const r = row(4);
      await h.db.insertInto('audit_events').values(r).execute();
      await expect(h.db.insertInto('audit_events').values(r).execute()).rejects.toThrow();
      expect(await h.db.selectFrom('audit_events').select('id').execute()).toHaveLength(1);
    } finally {
      await h.destroy();
    }
  }, 120_000);
});

describe('the audit journal', () => {
  it('leaves alone the journal of a process that is alive, and adopts the one of an earlier life of this pid', () => {
    const dir = journalDir();
    mkdirSync(dir, { recursive: true });
    const alive = join(dir, `pending-${process.ppid}-5.jsonl`);
    const earlierLife = join(dir, `pending-${process.pid}-7.jsonl`);
    writeFileSync(alive, `${JSON.stringify(row(5))}\n`);
    writeFileSync(earlierLife, `${JSON.stringify(row(6))}\n`);
    const { rows, done } = new AuditJournal(dir).recover();
    expect(rows.map((r) => JSON.parse(r.details).n)).toEqual([6]);
    done();
    expect(existsSync(alive)).toBe(true);
    expect(existsSync(earlierLife)).toBe(false);
  });
});
