import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_SESSION_COOKIE } from '../../../src/http/agent-session';
import { SESSION_COOKIE } from '../../../src/http/session';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { auditTypes, createTestAccount, logIn, PASSWORD } from '../../support/accounts';
import { location, submitRefused, submitThrottled } from '../../support/http';
import { lastCode } from '../../support/outbox';
import { createTestAgent, logInAgent } from '../gestion/helpers';

/**
 * The Caf side's login: password + code, its own session cookie; a person cannot log in there, an
 * agent cannot log in on the public side, and neither session opens the other side's pages.
 */
describe('espace gestionnaire: login', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('/gestion (the address the README gives) leads to the login, or to the list once signed in', async () => {
    const b = new TestBrowser(t.app);
    expect(location(await b.get('/gestion'))).toBe('/gestion/connexion');
    await logInAgent(t.ctx, b, await createTestAgent(t.ctx));
    expect(location(await b.get('/gestion'))).toBe('/gestion/demarches');
  });

  it('logs an agent in with password and code, on a cookie of its own, and out again', async () => {
    const agent = await createTestAgent(t.ctx);
    const b = new TestBrowser(t.app);
    expect(location(await b.get('/gestion/demarches'))).toBe('/gestion/connexion');
    const last = await logInAgent(t.ctx, b, { ...agent, login_id: agent.login_id.toUpperCase() });
    const cookie = last.cookies.find((c) => c.name === AGENT_SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ path: '/gestion', httpOnly: true, sameSite: 'Strict' });
    expect(b.cookie(SESSION_COOKIE)).toBeUndefined();
    expect((await b.get('/gestion/demarches')).statusCode).toBe(200);
    // The code went to the agent's e-mail, with its own words.
    const [message] = await t.ctx.database.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', agent.email).execute();
    expect(message!.subject).toBe('Votre code de connexion à l’espace gestionnaire');
    expect(await auditTypes(t.ctx, agent.id)).toEqual(['code_sent', 'agent_login_succeeded']);

    await b.get('/gestion/deconnexion');
    const out = await b.post('/gestion/deconnexion', {});
    expect(location(out)).toBe('/gestion/deconnexion');
    expect(b.cookie(AGENT_SESSION_COOKIE)).toBeUndefined();
    expect(location(await b.get('/gestion/demarches'))).toBe('/gestion/connexion');
    expect((await auditTypes(t.ctx, agent.id)).at(-1)).toBe('agent_logout');
  });

  it('too many attempts: back to the login page (303), which answers 429 with Retry-After once; a reload is a GET', async () => {
    const agent = await createTestAgent(t.ctx);
    for (let i = 0; i < 5; i++) await t.ctx.loginThrottle.failure({ identifier: `agent:${agent.login_id}`, ip: '127.0.0.1' });
    const b = new TestBrowser(t.app);
    await b.get('/gestion/connexion');
    const page = await submitThrottled(b, '/gestion/connexion', { login: agent.login_id, password: PASSWORD });
    expect(page.body).toContain('Trop de tentatives de connexion.');
    expect(page.body).toContain(`value="${agent.login_id}"`);
    expect(page.body).not.toContain(PASSWORD);
    const reloaded = await b.get('/gestion/connexion');
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.body).not.toContain('govuk-error-summary');
  });

  it('« Renvoyer le code » too early: back to the code page (303), which answers 429 with Retry-After; a reload sends nothing', async () => {
    const agent = await createTestAgent(t.ctx);
    const b = new TestBrowser(t.app);
    await b.get('/gestion/connexion');
    expect(location(await b.post('/gestion/connexion', { login: agent.login_id, password: PASSWORD }))).toBe('/gestion/connexion/code');
    await b.get('/gestion/connexion/code');
    const page = await submitThrottled(b, '/gestion/connexion/code/renvoyer', {}, '/gestion/connexion/code');
    expect(page.body).toMatch(/Vous pourrez en demander un nouveau dans \d+ secondes/);
    const sent = await t.ctx.database.db.selectFrom('outbox_messages').select('id').where('recipient', '=', agent.email).execute();
    const reloaded = await b.get('/gestion/connexion/code');
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.body).not.toContain('govuk-error-summary');
    const after = await t.ctx.database.db.selectFrom('outbox_messages').select('id').where('recipient', '=', agent.email).execute();
    expect(after).toHaveLength(sent.length);
  });

  it('answers a wrong password and an unknown e-mail alike, and a wrong code at the field', async () => {
    const agent = await createTestAgent(t.ctx);
    const b = new TestBrowser(t.app);
    await b.get('/gestion/connexion');
    const wrong = await submitRefused(b, '/gestion/connexion', { login: agent.login_id, password: 'Mauvais2026' });
    const unknown = await submitRefused(b, '/gestion/connexion', { login: 'personne@caf.example.fr', password: 'Mauvais2026' });
    for (const r of [wrong, unknown]) expect(r.body).toContain('Adresse mail ou mot de passe incorrect.');
    expect(unknown.body).toContain('value="personne@caf.example.fr"');
    expect((await b.get('/gestion/connexion')).body).not.toContain('govuk-error-summary');
    const empty = await submitRefused(b, '/gestion/connexion', { login: '', password: '' });
    expect(empty.body).toContain('Saisissez votre adresse mail professionnelle.');
    expect(empty.body).toContain('Saisissez votre mot de passe.');

    await b.post('/gestion/connexion', { login: agent.login_id, password: PASSWORD });
    await b.get('/gestion/connexion/code');
    const code = await lastCode(t.ctx, agent.email);
    const bad = await submitRefused(b, '/gestion/connexion/code', { code: code === '000000' ? '111111' : '000000' });
    expect(bad.body).toContain('govuk-error-message');
    expect(b.cookie(AGENT_SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a person on the Caf side and an agent on the public side', async () => {
    const person = await createTestAccount(t.ctx);
    const agent = await createTestAgent(t.ctx);
    const b = new TestBrowser(t.app);
    // A person's NIR and password are not an agent's…
    await b.get('/gestion/connexion');
    await submitRefused(b, '/gestion/connexion', { login: person.login_id, password: PASSWORD });
    expect(
      await t.ctx.database.db.selectFrom('outbox_messages').select('id').where('recipient', '=', person.contact_value).execute(),
    ).toEqual([]);
    // …nor an agent's e-mail and password a person's.
    await b.get('/connexion');
    const asPerson = await submitRefused(b, '/connexion', { identifier: agent.login_id, password: PASSWORD });
    expect(asPerson.body).toContain('Identifiant ou mot de passe incorrect.');
  });

  it('keeps the two sessions apart: neither cookie opens the other side', async () => {
    const person = await createTestAccount(t.ctx);
    const agent = await createTestAgent(t.ctx);
    const p = new TestBrowser(t.app);
    await logIn(t.ctx, p, person);
    expect(location(await p.get('/gestion/demarches'))).toBe('/gestion/connexion');

    const a = new TestBrowser(t.app);
    await logInAgent(t.ctx, a, agent);
    expect(location(await a.get('/mon-espace'))).toBe('/connexion');
    // Even an agent token sent as a person's cookie (or the reverse) names nobody.
    const agentToken = a.cookie(AGENT_SESSION_COOKIE)!;
    const personToken = p.cookie(SESSION_COOKIE)!;
    const swapped1 = await t.app.inject({ method: 'GET', url: '/mon-espace', cookies: { [SESSION_COOKIE]: agentToken } });
    expect(location(swapped1 as never)).toBe('/connexion');
    const swapped2 = await t.app.inject({ method: 'GET', url: '/gestion/demarches', cookies: { [AGENT_SESSION_COOKIE]: personToken } });
    expect(location(swapped2 as never)).toBe('/gestion/connexion');
  });
});
