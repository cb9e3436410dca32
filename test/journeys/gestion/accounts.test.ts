import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../src/accounts/repository';
import type { Agent } from '../../../src/db/tables/agents.table';
import { createTestAccount, logIn } from '../../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { location, submitRefused, submitThrottled, text } from '../../support/http';
import { messagesTo } from '../../support/outbox';
import { createTestAgent, logInAgent } from './helpers';

/** The assistance console: each action with its audit row, and its refusal to an agent without the right. */
describe('espace gestionnaire: assistance console', () => {
  let t: TestApp;
  let assistant: Agent;
  let instructor: Agent;
  beforeAll(async () => {
    t = await buildTestApp();
    assistant = await createTestAgent(t.ctx, undefined, ['assistance']);
    instructor = await createTestAgent(t.ctx, undefined, ['instruction']);
  });
  afterAll(() => t.close());
  const db = () => t.ctx.database.db;
  const auditOf = async (agentId: string, type: string) =>
    (
      await db()
        .selectFrom('audit_events')
        .select('details')
        .where('account_id', '=', agentId)
        .where('type', '=', type)
        .orderBy('id')
        .execute()
    ).map((r) => JSON.parse(r.details) as Record<string, unknown>);
  const agentBrowser = async (agent: Agent, home = '/gestion/comptes') => {
    const b = new TestBrowser(t.app);
    await logInAgent(t.ctx, b, agent, undefined, home);
    return b;
  };
  /** Searches and opens the account's page with a reason. */
  const open = async (b: TestBrowser, person: Account, motif = 'Appel de la personne') => {
    await b.get('/gestion/comptes');
    const found = await b.post('/gestion/comptes', { identifiant: person.login_id, motif });
    expect(found.statusCode).toBe(200);
    const look = await b.post(`/gestion/comptes/${person.id}/consulter`, { motif });
    expect(location(look)).toBe(`/gestion/comptes/${person.id}`);
    return b.get(`/gestion/comptes/${person.id}`);
  };

  it('finds an account by its identifier, masked in the result, every search audited with its reason', async () => {
    const person = await createTestAccount(t.ctx, { given_names: 'Inès', birth_name: 'RECHERCHE' });
    const b = await agentBrowser(assistant);
    await b.get('/gestion/comptes');
    // Refused at its field: back to the search (303), the identifier typed kept, shown once.
    const missing = await submitRefused(b, '/gestion/comptes', { identifiant: person.login_id, motif: '  ' });
    expect(text(missing.body)).toContain('Indiquez pourquoi vous consultez ce compte');
    expect(missing.body).toContain(`value="${person.login_id}"`);
    expect((await b.get('/gestion/comptes')).body).not.toContain(person.login_id);
    // A look without its reason: back to the account's address, which asks for it again.
    const noReason = await submitRefused(b, `/gestion/comptes/${person.id}/consulter`, { motif: '' }, `/gestion/comptes/${person.id}`);
    expect(text(noReason.body)).toContain('Indiquez pourquoi vous consultez ce compte');
    expect(await auditOf(assistant.id, 'agent_account_viewed')).toEqual([]);
    const found = await b.post('/gestion/comptes', { identifiant: person.login_id.replace(/(\d{5})/, '$1 '), motif: 'Appel du 3230' });
    expect(text(found.body)).toContain('Inès RECHERCHE');
    expect(found.body).toContain(`${person.login_id.slice(0, 5)}**********`);
    expect(found.body).not.toContain(person.login_id);
    const none = await b.post('/gestion/comptes', { identifiant: '299999999999999', motif: 'Appel du 3230' });
    expect(text(none.body)).toContain('Aucun compte ne correspond');
    expect(await auditOf(assistant.id, 'agent_account_searched')).toEqual([
      { identifier: `${person.login_id.slice(0, 5)}**********`, found: true, reason: 'Appel du 3230' },
      { identifier: '29999**********', found: false, reason: 'Appel du 3230' },
    ]);
  });

  it('shows the full state only after a look with its reason (audited), never a code or a password', async () => {
    const person = await createTestAccount(t.ctx);
    const p = new TestBrowser(t.app);
    await logIn(t.ctx, p, person);
    const b = await agentBrowser(assistant);
    const before = await b.get(`/gestion/comptes/${person.id}`);
    expect(before.body).not.toContain(person.login_id);
    expect(text(before.body)).toContain('Motif de la consultation');
    const page = await open(b, person, 'Rendez-vous accueil');
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(page.body).toContain(person.login_id);
    expect(body).toContain('vérifiées le');
    expect(body).toContain('FranceConnect Non lié');
    expect(body).toContain('Connexion limitée Non');
    expect(body).toContain('Sessions ouvertes');
    expect(body).toContain('Dernières connexions');
    expect(body).toContain('Mot de passe Défini (jamais affiché)');
    const code = (await messagesTo(t.ctx, person.contact_value)).map((m) => /\b(\d{6})\b/.exec(m.text)?.[1]).find(Boolean)!;
    expect(page.body).not.toContain(code);
    expect(page.body).not.toContain(person.password_hash!);
    expect(page.body).not.toContain(person.contact_value);
    expect((await auditOf(assistant.id, 'agent_account_viewed')).at(-1)).toEqual({ account: person.id, reason: 'Rendez-vous accueil' });
  });

  it('ends the person’s sessions (audited on both sides)', async () => {
    const person = await createTestAccount(t.ctx);
    const p = new TestBrowser(t.app);
    await logIn(t.ctx, p, person);
    expect((await p.get('/mon-espace')).statusCode).toBe(200);
    const b = await agentBrowser(assistant);
    // Without a look: refused.
    await b.get('/gestion/comptes');
    expect((await b.post(`/gestion/comptes/${person.id}/sessions/fin`, {})).statusCode).toBe(403);
    await open(b, person, 'Téléphone volé');
    const r = await b.post(`/gestion/comptes/${person.id}/sessions/fin`, {});
    expect(location(r)).toBe(`/gestion/comptes/${person.id}`);
    expect(location(await p.get('/mon-espace'))).toMatch(/^\/connexion/);
    expect((await auditOf(assistant.id, 'agent_sessions_ended')).at(-1)).toEqual({
      account: person.id,
      count: 1,
      reason: 'Téléphone volé',
    });
    const personSide = await db()
      .selectFrom('audit_events')
      .select('details')
      .where('account_id', '=', person.id)
      .where('type', '=', 'session_ended')
      .execute();
    expect(personSide.map((x) => JSON.parse(x.details))).toEqual([{ reason: 'ended_by_agent', count: 1 }]);
  });

  it('lifts a login throttle only after an identity check (audited)', async () => {
    const person = await createTestAccount(t.ctx);
    for (let i = 0; i < 7; i++) await t.ctx.loginThrottle.failure({ identifier: person.login_id, ip: '198.51.100.9' });
    expect(await t.ctx.loginThrottle.identifierBlockedFor(person.login_id)).toBeGreaterThan(0);
    const b = await agentBrowser(assistant);
    const page = await open(b, person);
    expect(text(page.body)).toMatch(/Connexion limitée Oui, jusqu’au/);
    await b.get(`/gestion/comptes/${person.id}/limitation`);
    const unchecked = await submitRefused(b, `/gestion/comptes/${person.id}/limitation`, { piece: 'cni' });
    expect(text(unchecked.body)).toContain('Confirmez que vous avez vérifié la pièce d’identité');
    expect(unchecked.body).toMatch(/value="cni" checked/);
    expect(await t.ctx.loginThrottle.identifierBlockedFor(person.login_id)).toBeGreaterThan(0);
    const r = await b.post(`/gestion/comptes/${person.id}/limitation`, { piece: 'cni', verifiee: 'oui' });
    expect(location(r)).toBe(`/gestion/comptes/${person.id}`);
    expect(await t.ctx.loginThrottle.identifierBlockedFor(person.login_id)).toBe(0);
    const [row] = (await auditOf(assistant.id, 'agent_throttle_lifted')).slice(-1);
    expect(row).toMatchObject({ account: person.id, document: 'cni', reason: 'Appel de la personne' });
    expect(row!.blockedForMs).toBeGreaterThan(0);
  });

  it('starts a counter recovery: a code to the new contact, never shown to the agent (audited)', async () => {
    const person = await createTestAccount(t.ctx);
    const b = await agentBrowser(assistant);
    await open(b, person);
    const counter = (await b.get(`/gestion/comptes/${person.id}/recuperation`)).body;
    // The person's contact, entered by the agent: the agent's browser must not offer the agent's own.
    expect(counter).toMatch(/<input[^>]*name="email"[^>]*>/);
    expect(counter).not.toMatch(/<input[^>]*name="(email|phone)"[^>]*autocomplete=/);
    const bad = await submitRefused(b, `/gestion/comptes/${person.id}/recuperation`, {
      piece: 'passeport',
      verifiee: 'oui',
      kind: 'sms',
      phone: '01 23',
    });
    expect(bad.body).toContain('value="01 23"');
    expect(bad.body).toMatch(/value="passeport" checked/);
    const r = await b.post(`/gestion/comptes/${person.id}/recuperation`, {
      piece: 'passeport',
      verifiee: 'oui',
      kind: 'email',
      email: 'Nouvelle.Adresse@example.fr',
    });
    expect(location(r)).toBe(`/gestion/comptes/${person.id}`);
    const [sent] = await messagesTo(t.ctx, 'nouvelle.adresse@example.fr');
    const code = /\b(\d{6})\b/.exec(sent!.text)![1]!;
    const page = await b.get(`/gestion/comptes/${person.id}`);
    expect(text(page.body)).toContain('Guichet Commencée le');
    expect(page.body).not.toContain(code);
    expect((await auditOf(assistant.id, 'agent_recovery_started')).at(-1)).toEqual({
      account: person.id,
      document: 'passeport',
      channel: 'email',
      reason: 'Appel de la personne',
    });
  });

  it('the limit of codes at the counter: back to its form (303), which answers 429 with Retry-After and says until when; a reload sends nothing', async () => {
    const person = await createTestAccount(t.ctx);
    const b = await agentBrowser(assistant);
    await open(b, person);
    const fields = { piece: 'cni', verifiee: 'oui', kind: 'email', email: 'guichet.limite@example.fr' };
    for (let i = 0; i < 5; i++) {
      await b.get(`/gestion/comptes/${person.id}/recuperation`);
      expect(location(await b.post(`/gestion/comptes/${person.id}/recuperation`, fields))).toBe(`/gestion/comptes/${person.id}`);
    }
    const sent = await messagesTo(t.ctx, 'guichet.limite@example.fr');
    expect(sent).toHaveLength(5);
    await b.get(`/gestion/comptes/${person.id}/recuperation`);
    const page = await submitThrottled(b, `/gestion/comptes/${person.id}/recuperation`, fields);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(60);
    expect(page.body).toContain('<a href="#email">Trop de codes ont été envoyés');
    expect(text(page.body)).toMatch(/Vous pourrez réessayer à partir de \d\d:\d\d\./);
    // What the agent typed is kept; no code of the person's ever shown.
    expect(page.body).toContain('value="guichet.limite@example.fr"');
    expect(page.body).toMatch(/value="cni" checked/);
    for (const m of sent) expect(text(page.body)).not.toContain(/\b(\d{6})\b/.exec(m.text)![1]!);
    // A reload is a GET: the form without the error, no code sent.
    const reloaded = await b.get(`/gestion/comptes/${person.id}/recuperation`);
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.headers['retry-after']).toBeUndefined();
    expect(reloaded.body).not.toContain('govuk-error-summary');
    expect(await messagesTo(t.ctx, 'guichet.limite@example.fr')).toHaveLength(5);
  });

  it('refuses every page and action to an agent without the assistance right (403, audited)', async () => {
    const person = await createTestAccount(t.ctx);
    const b = await agentBrowser(instructor, '/gestion/demarches');
    await b.get('/gestion/demarches');
    const attempts = [
      await b.get('/gestion/comptes'),
      await b.post('/gestion/comptes', { identifiant: person.login_id, motif: 'x' }),
      await b.post(`/gestion/comptes/${person.id}/consulter`, { motif: 'x' }),
      await b.get(`/gestion/comptes/${person.id}`),
      await b.post(`/gestion/comptes/${person.id}/sessions/fin`, {}),
      await b.post(`/gestion/comptes/${person.id}/limitation`, { piece: 'cni', verifiee: 'oui' }),
      await b.post(`/gestion/comptes/${person.id}/recuperation`, { piece: 'cni', verifiee: 'oui', kind: 'email', email: 'x@example.fr' }),
      await b.post(`/gestion/comptes/${person.id}/iban/confirmation`, { iban: 'x' }),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual(Array(8).fill(403));
    expect((await auditOf(instructor.id, 'agent_access_refused')).map((d) => d.path)).toEqual([
      '/gestion/comptes',
      '/gestion/comptes',
      '/gestion/comptes/:id/consulter',
      '/gestion/comptes/:id',
      '/gestion/comptes/:id/sessions/fin',
      '/gestion/comptes/:id/limitation',
      '/gestion/comptes/:id/recuperation',
      '/gestion/comptes/:id/iban/confirmation',
    ]);
    expect(await auditOf(instructor.id, 'agent_account_searched')).toEqual([]);
    expect(await auditOf(instructor.id, 'agent_account_viewed')).toEqual([]);
  });
});
