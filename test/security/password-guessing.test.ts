import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/repository';
import { testConfig } from '../../src/config/config';
import type { AppContext } from '../../src/context';
import { findCitizen, type RunningStandin } from '../../src/franceconnect-standin';
import { DEFAULT_IDENTIFIER_POLICY } from '../../src/security/login-throttle';
import { createTestAgent } from '../journeys/gestion/helpers';
import { createTestAccount, logIn, PASSWORD, sampleAccount } from '../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { testDatabases } from '../support/databases';
import { configFor, franceConnectAs, startStandinFor } from '../support/franceconnect';
import { location, submitThrottled } from '../support/http';

/**
 * Security regression (issue 20, point 1): parallel password guessing. Every step that takes a
 * password — the person's login, the agents' login, the re-authentication before a change, the
 * FranceConnect « compte existant » proof — goes through the one password check, which reserves the
 * attempt before argon2id: of 21 concurrent wrong passwords for one identifier, at most the
 * throttle's threshold (5) are evaluated, the others are refused with 429. Checking the throttle,
 * then verifying, then counting let all 21 be evaluated.
 */
const GUESSES = 21;
const LIMIT = DEFAULT_IDENTIFIER_POLICY.threshold;

/** Counts the password verifications (real and dummy) the application runs from now on. */
function countVerifications(ctx: AppContext): { readonly count: number } {
  const counter = { count: 0 };
  const { verify, verifyDummy } = ctx.passwords;
  ctx.passwords.verify = (hash, password) => {
    counter.count++;
    return verify(hash, password);
  };
  ctx.passwords.verifyDummy = (password) => {
    counter.count++;
    return verifyDummy(password);
  };
  return counter;
}

async function auditCount(ctx: AppContext, type: string): Promise<number> {
  const rows = await ctx.database.db.selectFrom('audit_events').select('id').where('type', '=', type).execute();
  return rows.length;
}

/**
 * 21 forms at once: each goes back to its page (303), evaluated or held back (Post/Redirect/Get, the page then answers a
 * wait with 429); at most LIMIT passwords are looked at.
 */
function expectFormsHeldAtLimit(responses: LightMyRequestResponse[], verifications: { count: number }) {
  expect(responses.map((r) => r.statusCode)).toEqual(Array(GUESSES).fill(303));
  expect(verifications.count).toBeGreaterThan(0);
  expect(verifications.count).toBeLessThanOrEqual(LIMIT);
}

/** 21 JSON calls at once: at most LIMIT evaluated (`wrong` status, its error), the others 429, never anything else. */
async function expectHeldAtLimit(responses: LightMyRequestResponse[], verifications: { count: number }, wrong: number) {
  const statuses = responses.map((r) => r.statusCode);
  expect(
    statuses.filter((s) => s !== wrong && s !== 429),
    String(statuses),
  ).toEqual([]);
  const evaluated = statuses.filter((s) => s === wrong).length;
  expect(evaluated).toBeGreaterThan(0);
  expect(evaluated).toBeLessThanOrEqual(LIMIT);
  expect(statuses.filter((s) => s === 429)).toHaveLength(GUESSES - evaluated);
  expect(verifications.count).toBe(evaluated);
}

const HELENE = findCitizen('helene-lefevre-durand-accents')!;
let standin: RunningStandin;
beforeAll(async () => {
  standin = await startStandinFor(testConfig().baseUrl);
});
afterAll(() => standin.close());

describe.each(testDatabases)('21 concurrent wrong passwords on $name', ({ open }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: configFor(standin.issuerUrl), database: await open() });
  });
  afterAll(() => t.close());

  it('the agents’ login evaluates at most 5 for a known address, and as many for an unknown one', async () => {
    const agent = await createTestAgent(t.ctx);
    for (const login of [agent.login_id, 'personne.inconnue@caf.example.fr']) {
      const b = new TestBrowser(t.app);
      await b.get('/gestion/connexion');
      const before = await auditCount(t.ctx, 'agent_login_failed');
      const verifications = countVerifications(t.ctx);
      const responses = await Promise.all(
        Array.from({ length: GUESSES }, (_, i) => b.post('/gestion/connexion', { login, password: `Mauvais${i}2026` })),
      );
      expectFormsHeldAtLimit(responses, verifications);
      // One audit row per guess evaluated, whether or not the address is an agent's.
      expect((await auditCount(t.ctx, 'agent_login_failed')) - before).toBe(verifications.count);
    }
    // The right password of the agent is now refused too, without being looked at: the page says to wait (429).
    const b = new TestBrowser(t.app);
    await b.get('/gestion/connexion');
    const verifications = countVerifications(t.ctx);
    const shown = await submitThrottled(b, '/gestion/connexion', { login: agent.login_id, password: PASSWORD });
    expect(shown.body).toContain('Trop de tentatives de connexion.');
    expect(verifications.count).toBe(0);
  });

  it('the person’s login (POST /connexion) evaluates at most 5, as it already did', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    const before = await auditCount(t.ctx, 'login_failed');
    const throttledBefore = await auditCount(t.ctx, 'login_throttled');
    const verifications = countVerifications(t.ctx);
    const responses = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) => b.post('/connexion', { identifier: account.login_id, password: `Mauvais${i}2026` })),
    );
    // Evaluated or held back, each goes back to the login page (303), which answers a wait with 429:
    // the ones held back are told by their audit, never by a look at the password.
    expect(responses.map((r) => r.statusCode)).toEqual(Array(GUESSES).fill(303));
    expect(verifications.count).toBeGreaterThan(0);
    expect(verifications.count).toBeLessThanOrEqual(LIMIT);
    expect((await auditCount(t.ctx, 'login_failed')) - before).toBe(verifications.count);
    expect((await auditCount(t.ctx, 'login_throttled')) - throttledBefore).toBe(GUESSES - verifications.count);
    const shown = await submitThrottled(b, '/connexion', { identifier: account.login_id, password: 'Mauvais2026' });
    expect(shown.body).toContain('Trop de tentatives de connexion.');
  });

  it('the re-authentication before a contact change (POST /api/account/contact) evaluates at most 5', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    expect(location(await logIn(t.ctx, b, account))).toBe('/mon-espace');
    const before = await auditCount(t.ctx, 'login_failed');
    const verifications = countVerifications(t.ctx);
    const responses = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) =>
        b.postJson('/api/account/contact', { contactKind: 'email', email: 'pirate@example.fr', currentPassword: `Mauvais${i}2026` }),
      ),
    );
    await expectHeldAtLimit(responses, verifications, 400); // JSON: the 400 of its error, unchanged
    expect((await auditCount(t.ctx, 'login_failed')) - before).toBe(verifications.count);
    const refused = responses.find((r) => r.statusCode === 429)!.json();
    expect(refused.error.code).toBe('LOGIN_THROTTLED');
  });

  it('the FranceConnect « compte existant » password step evaluates at most 5', async () => {
    const created = await createAccount(
      t.ctx.database.db,
      sampleAccount({
        login_id: HELENE.nir!,
        nir: HELENE.nir!,
        civility: 'MME',
        birth_name: 'LEFÈVRE-DURAND',
        given_names: 'Hélène Éloïse',
        birth_date: '1992-07-19',
        birth_place_code: '33063',
        birth_place_name: 'Bordeaux',
        contact_value: 'helene.guessing@example.org',
        password_hash: await t.ctx.passwords.hash(PASSWORD),
      }),
      t.clock.now(),
    );
    expect(created.ok).toBe(true);
    const b = new TestBrowser(t.app);
    expect(location((await franceConnectAs(b, { citizenId: HELENE.id })).callback)).toBe('/franceconnect/creation');
    await b.get('/franceconnect/creation');
    expect(location(await b.post('/franceconnect/creation', {}))).toBe('/franceconnect/compte-existant');
    await b.get('/franceconnect/compte-existant');
    const verifications = countVerifications(t.ctx);
    const responses = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) => b.post('/franceconnect/compte-existant', { password: `Mauvais${i}2026` })),
    );
    expectFormsHeldAtLimit(responses, verifications);
    const held = countVerifications(t.ctx);
    const shown = await submitThrottled(b, '/franceconnect/compte-existant', { password: PASSWORD });
    expect(shown.body).toContain('Trop de tentatives.');
    expect(held.count).toBe(0);
  });
});
