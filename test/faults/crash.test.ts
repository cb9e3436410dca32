import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { continueRegistration, logInPages, person, sqliteCodeReader, startRegistration } from './journeys';
import { Client, sleep, startApp, type AppProcess } from './support';

/**
 * kill -9 of the server in the middle of registrations and logins: after the next start (no manual
 * step), every flow that existed goes on to the end, no account is half-created, nobody has two
 * accounts, and the accounts log in.
 */
describe('kill -9 of the server during registrations and logins', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mc-crash-'));
  const file = join(dir, 'db.sqlite');
  const env = { DATABASE_URL: `sqlite:${file}` };
  let app: AppProcess | undefined;
  afterAll(async () => {
    await app?.crash();
    rmSync(dir, { recursive: true, force: true });
  });

  const readCode = sqliteCodeReader(file);

  it('recovers by itself: flows go on, no half-created account, logins work', { timeout: 180_000 }, async () => {
    app = await startApp(env);
    const c = new Client(app.url);
    const people = Array.from({ length: 8 }, (_, i) => person(i, 'crash'));
    const flows = new Map<number, string>();
    // Journeys and wrong-password logins in flight, each step a little apart, until the crash.
    const jitter = () => sleep(Math.random() * 150);
    const running = people.map(async (p, i) => {
      try {
        const id = await startRegistration(c);
        flows.set(i, id);
        await continueRegistration(c, id, p, readCode, jitter);
      } catch {
        // the crash cut it: resumed below
      }
    });
    const logins = (async () => {
      for (let i = 0; i < 30; i++) {
        try {
          await logInPages(new Client(app!.url), people[i % 8]!.nir, people[i % 8]!.email, readCode);
        } catch {
          return;
        }
      }
    })();
    await sleep(1500 + Math.random() * 1000);
    await app.crash();
    await Promise.all([...running, logins]);

    // The next start: same database, nothing done by hand.
    app = await startApp(env);
    const after = new Client(app.url);
    const states = await Promise.all(
      [...flows.values()].map(async (id) => (await after.request(`/api/registration/flows/${id}`)).json<{ state: string }>().state),
    );
    console.log(`kill -9 left ${flows.size} flows in these states: ${states.sort().join(', ')}`);
    const completed: string[] = [];
    for (const [i, id] of flows) {
      completed.push(await continueRegistration(after, id, people[i]!, readCode));
    }
    expect(completed.every((s) => s === 'completed')).toBe(true);
    // A flow whose creation was cut by the crash never reached the person: at most those are missing.
    expect(flows.size).toBeGreaterThanOrEqual(people.length - 1);

    const db = new SQLite(file, { readonly: true });
    try {
      const accounts = db.prepare('select nir, password_hash, contact_value from accounts').all() as {
        nir: string;
        password_hash: string | null;
        contact_value: string;
      }[];
      expect(accounts.length).toBe(flows.size);
      expect(new Set(accounts.map((a) => a.nir)).size).toBe(accounts.length);
      expect(accounts.every((a) => a.password_hash && a.contact_value)).toBe(true);
      const integrity = db.prepare('pragma integrity_check').get() as { integrity_check: string };
      expect(integrity.integrity_check).toBe('ok');
    } finally {
      db.close();
    }
    for (const [i] of flows) {
      const r = await logInPages(new Client(app.url), people[i]!.nir, people[i]!.email, readCode);
      expect(r).toEqual({ status: 303, location: '/mon-espace' });
    }
  });
});
