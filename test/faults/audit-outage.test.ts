import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestAccount } from '../support/accounts';
import { buildTestApp } from '../support/app';
import { createTestAgent } from '../journeys/gestion/helpers';
import { sentDemarche } from '../justificatifs/support';
import { PASSWORD } from '../support/accounts';
import { sqliteCodeReader } from './journeys';
import { Client, sleep, startApp, until, type AppProcess } from './support';

/**
 * Issue 20, point 4. With SQLite locked for 6 s by another process, 5 agent views of a démarche
 * wrote 9 `agent_demarche_viewed` rows (two flushes of the pending-audit queue over one batch), and
 * a kill -9 during the outage lost the events still pending (the queue was in memory only). Now:
 * exactly one row per view, through a lock and through a kill -9 followed by a restart.
 */
describe('audit events through a database lock and a kill -9', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mc-audit-'));
  const file = join(dir, 'db.sqlite');
  const env = { DATABASE_URL: `sqlite:${file}` };
  let app: AppProcess | undefined;
  let lock: SQLite.Database | undefined;
  afterAll(async () => {
    if (lock?.inTransaction) lock.exec('ROLLBACK');
    lock?.close();
    await app?.crash();
    rmSync(dir, { recursive: true, force: true });
  });

  const views = (demarcheId: string): number => {
    const db = new SQLite(file, { readonly: true });
    try {
      const rows = db
        .prepare("select event_key from audit_events where type = 'agent_demarche_viewed' and details like ?")
        .all(`%${demarcheId}%`) as { event_key: string }[];
      expect(new Set(rows.map((r) => r.event_key)).size).toBe(rows.length);
      return rows.length;
    } finally {
      db.close();
    }
  };
  const pending = async (a: AppProcess) =>
    ((await (await fetch(`${a.url}/ready`)).json()) as { checks: { audit: { pending: number } } }).checks.audit.pending;
  const journalFiles = () => {
    try {
      return readdirSync(join(dir, 'audit-journal')).filter((n) => n.endsWith('.jsonl'));
    } catch {
      return [];
    }
  };

  it('writes exactly one row per view, whatever the lock, and none is lost to a kill -9', { timeout: 120_000 }, async () => {
    // An agent and a sent démarche, written before the server starts.
    const seed = await buildTestApp({ env });
    const person = await createTestAccount(seed.ctx);
    const d = await sentDemarche(seed.ctx, person);
    const agent = await createTestAgent(seed.ctx);
    await seed.close();

    app = await startApp(env);
    const c = new Client(app.url);
    const first = await c.request('/gestion/connexion', {
      form: { _csrf: await c.csrf('/gestion/connexion'), login: agent.login_id, password: PASSWORD },
    });
    expect(first.status).toBe(303);
    const csrf = await c.csrf('/gestion/connexion/code');
    const code = await sqliteCodeReader(file)(agent.email);
    expect((await c.request('/gestion/connexion/code', { form: { _csrf: csrf, code: code! } })).headers.get('location')).toBe(
      '/gestion/demarches',
    );
    const view = async () => expect((await c.request(`/gestion/demarches/${d.id}`)).status).toBe(200);

    // 1. Another process holds the write lock for 6 s; 5 views meanwhile, about a second apart.
    lock = new SQLite(file);
    lock.exec('BEGIN IMMEDIATE');
    const released = sleep(6000).then(() => lock!.exec('ROLLBACK'));
    for (let i = 0; i < 5; i++) {
      await view();
      await sleep(900);
    }
    await released;
    await until(async () => (await pending(app!)) === 0, 20_000, 'the audit queue to empty');
    await sleep(1500); // a second flush, if any, would land now
    expect(views(d.id)).toBe(5);
    expect(journalFiles()).toEqual([]);

    // 2. Locked again: 5 views, then kill -9 while their events wait; the next start writes them, once.
    lock.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < 5; i++) await view();
    expect(await pending(app)).toBe(5);
    expect(journalFiles()).toHaveLength(1);
    await app.crash();
    lock.exec('ROLLBACK');
    expect(views(d.id)).toBe(5);

    app = await startApp(env);
    await until(async () => views(d.id) === 10, 20_000, 'the journaled events to be written');
    await until(async () => (await pending(app!)) === 0, 10_000, 'the audit queue to empty');
    await sleep(1500);
    expect(views(d.id)).toBe(10);
    expect(journalFiles()).toEqual([]);
  });
});
