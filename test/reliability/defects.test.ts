import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { PASSWORD, createTestAccount, logIn } from '../support/accounts';
import { location, submitThrottled } from '../support/http';
import { lastCode } from '../support/outbox';
import { MARIE } from '../support/registration';

/**
 * The seven defects of issue 13, each shown by a test that failed on the code before the fix.
 * Defect 1 (a locked SQLite database freezing the server) is in sqlite-busy.test.ts.
 */
const dirs: string[] = [];
function tempDb(): string {
  const d = mkdtempSync(join(tmpdir(), 'mc-rel-'));
  dirs.push(d);
  return join(d, 'db.sqlite');
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function wrongPassword(b: TestBrowser, identifier: string) {
  return b.post('/connexion', { identifier, password: 'PasLeBonMotDePasse1' });
}

async function auditCount(t: TestApp, type: string, accountId: string): Promise<number> {
  const rows = await t.ctx.database.db
    .selectFrom('audit_events')
    .select('id')
    .where('type', '=', type)
    .where('account_id', '=', accountId)
    .execute();
  return rows.length;
}

describe('issue 13 — defects', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('2. the login throttle cannot be raced: 20 concurrent wrong passwords, at most 5 evaluated', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    const throttled = () => t.ctx.database.db.selectFrom('audit_events').select('id').where('type', '=', 'login_throttled').execute();
    const throttledBefore = (await throttled()).length;
    const answers = await Promise.all(Array.from({ length: 20 }, () => wrongPassword(b, account.login_id)));
    // Evaluated or held back, each goes back to the login page (303); the ones held back are told by their audit.
    expect(answers.every((r) => r.statusCode === 303)).toBe(true);
    expect(await auditCount(t, 'login_failed', account.id)).toBeLessThanOrEqual(5);
    // a throttled attempt is audited without its account (nothing tells whether the identifier exists)
    expect((await throttled()).length - throttledBefore).toBeGreaterThanOrEqual(15);
  });

  it('3. a huge field is refused cheaply: same body limit for JSON and forms, field caps before any search', async () => {
    const big = 'a'.repeat(100 * 1024);
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/registration/flows',
      payload: { prestation: big },
      headers: { 'content-type': 'application/json' },
    });
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    const form = await b.post('/connexion', { identifier: big, password: 'x' });
    expect(json.statusCode).toBe(413);
    expect(form.statusCode).toBe(413);
    const { id } = (
      await t.app.inject({ method: 'POST', url: '/api/registration/flows', payload: {}, headers: { 'content-type': 'application/json' } })
    ).json();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/registration/flows/${id}/civil-status`,
      payload: {
        nir: MARIE.nir,
        civility: 'MME',
        birthName: 'Dupont',
        givenNames: 'Marie',
        birthDate: '1990-05-15',
        birthPlaceKind: 'france',
        communeQuery: 'Paris '.repeat(10_000),
      },
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'communeQuery', code: 'FIELD_TOO_LONG' })]);
  });

  it('4. no open redirect through a control character in « retour »', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    await b.get('/mon-espace');
    for (const retour of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\\evil.example',
      '/%09/evil.example',
      ' //evil.example',
      '/\u0000/evil.example',
    ]) {
      expect(location(await b.post('/session/prolonger', { retour }))).toBe('/mon-espace');
    }
    expect(location(await b.post('/session/prolonger', { retour: '/mon-espace/securite?x=1' }))).toBe('/mon-espace/securite?x=1');
  });

  it('5. a password reset ends the old sessions in its transaction: a failure leaves no half-done reset', async () => {
    const account = await createTestAccount(t.ctx);
    const phone = new TestBrowser(t.app);
    await logIn(t.ctx, phone, account);
    const b = new TestBrowser(t.app);
    await b.get('/mot-de-passe-oublie');
    await b.post('/mot-de-passe-oublie', { identifier: account.login_id });
    await b.get('/mot-de-passe-oublie/code');
    await b.post('/mot-de-passe-oublie/code', { code: await lastCode(t.ctx, account.contact_value) });
    await b.get('/mot-de-passe-oublie/nouveau');
    // The process « dies » while ending the sessions.
    const spy = vi.spyOn(t.ctx.sessions.store, 'endAllOf').mockRejectedValueOnce(new Error('crash'));
    const res = await b.post('/mot-de-passe-oublie/nouveau', { password: 'NouveauMdp2027', passwordConfirmation: 'NouveauMdp2027' });
    spy.mockRestore();
    expect(res.statusCode).toBeGreaterThanOrEqual(500);
    const stillSignedIn = (await phone.get('/mon-espace')).statusCode === 200;
    const fresh = await t.ctx.database.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    const passwordChanged = fresh.password_hash !== account.password_hash;
    // Either nothing happened (the person tries again) or everything did — never a new password with the old sessions alive.
    expect(passwordChanged && stillSignedIn).toBe(false);
    expect(passwordChanged).toBe(false);
    expect(stillSignedIn).toBe(true);
  });

  it('6. names: Cyrillic look-alikes and piles of combining marks are refused at the field, in French', async () => {
    const { id } = (
      await t.app.inject({ method: 'POST', url: '/api/registration/flows', payload: {}, headers: { 'content-type': 'application/json' } })
    ).json();
    const civil = (birthName: string, givenNames = 'Marie') =>
      t.app.inject({
        method: 'POST',
        url: `/api/registration/flows/${id}/civil-status`,
        payload: {
          nir: MARIE.nir,
          civility: 'MME',
          birthName,
          givenNames,
          birthDate: '1990-05-15',
          birthPlaceKind: 'france',
          communeCode: '75114',
        },
        headers: { 'content-type': 'application/json' },
      });
    for (const [name, field] of [
      ['\u0420ROBE', 'birthName'],
      [`E${'\u0301'.repeat(60)}`, 'birthName'],
    ] as const) {
      const res = await civil(name);
      expect(res.statusCode, name).toBe(400);
      const f = res.json().error.fields.find((x: { field: string }) => x.field === field);
      expect(f, name).toBeDefined();
      expect(f.message).toMatch(/alphabet latin|accents/);
    }
    const cyrillicGiven = await civil('Dupont', 'M\u0430rie');
    expect(cyrillicGiven.json().error.fields.find((x: { field: string }) => x.field === 'givenNames')?.message).toMatch(/alphabet latin/);
    // Real French names still pass.
    const ok = await civil('Le Bihan-Dupré', 'Zoé Anaïs');
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('issue 13 — 7. throttle counters survive a restart (no Redis)', () => {
  it('the identifier is still slowed down after the server restarts', async () => {
    const env = { DATABASE_URL: `sqlite:${tempDb()}` };
    const first = await buildTestApp({ env });
    const account = await createTestAccount(first.ctx);
    const b = new TestBrowser(first.app);
    await b.get('/connexion');
    for (let i = 0; i < 5; i++) expect((await wrongPassword(b, account.login_id)).statusCode).toBe(303);
    await submitThrottled(b, '/connexion', { identifier: account.login_id, password: PASSWORD });
    await first.close();

    const second = await buildTestApp({ env });
    try {
      const c = new TestBrowser(second.app);
      await c.get('/connexion');
      await submitThrottled(c, '/connexion', { identifier: account.login_id, password: PASSWORD });
    } finally {
      await second.close();
    }
  });
});

describe('issue 13 — 1. an SQLite write lock held by another process', () => {
  it('a login whose audit write meets the lock answers normally, and its audit event is written after the lock ends', async () => {
    const path = tempDb();
    const t = await buildTestApp({ env: { DATABASE_URL: `sqlite:${path}` } });
    const other = new SQLite(path);
    try {
      const account = await createTestAccount(t.ctx);
      const b = new TestBrowser(t.app);
      await b.get('/connexion');
      // The other process takes the write lock while the password is being checked.
      const verify = t.ctx.passwords.verify.bind(t.ctx.passwords);
      vi.spyOn(t.ctx.passwords, 'verify').mockImplementationOnce(async (hash, password) => {
        other.exec('BEGIN IMMEDIATE');
        return verify(hash, password);
      });
      // Back to the form with its error (303) — or, when the lock keeps the errors from being
      // written for the form's page, the form itself with its error, as before (400): never a 503.
      const res = await wrongPassword(b, account.login_id);
      expect([303, 400]).toContain(res.statusCode);
      const shown = res.statusCode === 303 ? await b.get('/connexion') : res;
      expect(shown.body).toContain('Identifiant ou mot de passe incorrect');
      other.exec('COMMIT');
      await vi.waitFor(async () => expect(await auditCount(t, 'login_failed', account.id)).toBe(1), { timeout: 5000, interval: 50 });
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await t.close();
    }
  });
});
