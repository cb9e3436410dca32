import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../src/accounts/repository';
import type { Agent } from '../../../src/db/tables/agents.table';
import { createDraft, demarcheHistory, findDemarche, type Demarche } from '../../../src/demarches/repository';
import { openRequests } from '../../../src/justificatifs/repository';
import { auditTypes, createTestAccount, logIn } from '../../support/accounts';
import { location, submitRefused, text } from '../../support/http';
import { messagesTo } from '../../support/outbox';
import { sentDemarche } from '../../justificatifs/support';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { createTestAgent, logInAgent } from './helpers';

/** Every action of the Caf side through HTTP: the list and its filters, one démarche, each transition, told to the person, audited. */
describe('espace gestionnaire: démarches', () => {
  let t: TestApp;
  let agent: Agent;
  let b: TestBrowser;
  beforeAll(async () => {
    t = await buildTestApp();
    agent = await createTestAgent(t.ctx);
  });
  afterAll(() => t.close());
  // A fresh agent session for each test (the clock moves forward in some).
  beforeEach(async () => {
    b = new TestBrowser(t.app);
    await logInAgent(t.ctx, b, agent);
  });
  const db = () => t.ctx.database.db;
  const status = async (d: Demarche) => (await findDemarche(db(), d.id))!.status;
  const post = async (d: Demarche, action: string, fields: Record<string, string> = {}) => {
    await b.get(`/gestion/demarches/${d.id}`);
    const fresh = (await findDemarche(db(), d.id))!;
    return b.post(`/gestion/demarches/${d.id}/${action}`, { version: String(fresh.version), ...fields });
  };
  /** An action refused at its fields: back to the démarche's page (303), which shows the errors and what was typed once. */
  const refused = async (d: Demarche, action: string, fields: Record<string, string> = {}) => {
    await b.get(`/gestion/demarches/${d.id}`);
    const fresh = (await findDemarche(db(), d.id))!;
    return submitRefused(
      b,
      `/gestion/demarches/${d.id}/${action}`,
      { version: String(fresh.version), ...fields },
      `/gestion/demarches/${d.id}`,
    );
  };
  const subjectsTo = async (a: Account) => (await messagesTo(t.ctx, a.contact_value)).map((m) => m.subject);

  it('lists sent démarches (never a brouillon), filtered by status, prestation and date', async () => {
    const person = await createTestAccount(t.ctx, { given_names: 'Zoé', birth_name: 'LISTE' });
    const logement = await sentDemarche(t.ctx, person);
    t.clock.advance(3 * 86_400_000);
    const rsa = await sentDemarche(t.ctx, person, { prestation: 'rsa' });
    await logInAgent(t.ctx, b, agent);
    const draft = (await createDraft(db(), { accountId: person.id, prestation: 'prime-activite', now: t.ctx.clock.now() }))!;
    const all = await b.get('/gestion/demarches');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain(`href="/gestion/demarches/${logement.id}">${logement.reference}</a>`);
    expect(all.body).toContain(`href="/gestion/demarches/${rsa.id}">${rsa.reference}</a>`);
    expect(all.body).not.toContain(draft.id);
    expect(text(all.body)).toContain('Zoé LISTE');
    // The oldest sent first.
    expect(all.body.indexOf(logement.reference!)).toBeLessThan(all.body.indexOf(rsa.reference!));

    const byPrestation = await b.get('/gestion/demarches?prestation=rsa&statut=envoyee');
    expect(byPrestation.body).toContain(rsa.reference!);
    expect(byPrestation.body).not.toContain(logement.reference!);
    expect(byPrestation.body).toContain('<option value="rsa" selected>');
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const byDate = await b.get(`/gestion/demarches?du=${day(rsa.submitted_at!)}&au=${day(rsa.submitted_at!)}`);
    expect(byDate.body).toContain(rsa.reference!);
    expect(byDate.body).not.toContain(logement.reference!);
    expect(text((await b.get('/gestion/demarches?statut=acceptee&prestation=rsa')).body)).toContain(
      'Aucune démarche ne correspond à ces critères.',
    );
    const bad = await b.get('/gestion/demarches?du=2026-13-45&statut=brouillon');
    expect(bad.statusCode).toBe(400);
    expect(text(bad.body)).toContain('Saisissez une date valide');
    expect((await b.get(`/gestion/demarches/${draft.id}`)).statusCode).toBe(404);
  });

  it('opens a démarche (audited) and takes it through instruction, a piece asked, a resumption and an acceptance', async () => {
    const person = await createTestAccount(t.ctx);
    const d = await sentDemarche(t.ctx, person);
    const page = await b.get(`/gestion/demarches/${d.id}`);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain(`Démarche ${d.reference}`);
    expect(page.body).toContain('Commencer l’instruction');
    // Sent, not yet in instruction: it may only be classée sans suite, not accepted nor refused.
    expect(page.body).toContain('Classer sans suite');
    expect(page.body).not.toContain('Accepter la demande');
    expect(await auditTypes(t.ctx, agent.id)).toContain('agent_demarche_viewed');

    const started = await post(d, 'instruction');
    expect(location(started)).toBe(`/gestion/demarches/${d.id}`);
    expect(await status(d)).toBe('en_instruction');
    expect(text((await b.get(location(started))).body)).toContain('L’instruction est commencée. La personne en est informée.');

    const noMessage = await refused(d, 'justificatif', { message: '   ' });
    expect(text(noMessage.body)).toContain('Indiquez la pièce demandée et pourquoi');
    const tooLong = await refused(d, 'justificatif', { message: 'x'.repeat(1001) });
    expect(text(tooLong.body)).toContain('Le message doit faire 1 000 caractères au plus.');
    expect(tooLong.body).toContain(`${'x'.repeat(1001)}</textarea>`);
    // Shown once: the next view of the page is the clean one.
    expect((await b.get(`/gestion/demarches/${d.id}`)).body).not.toContain('x'.repeat(1001));
    expect(await status(d)).toBe('en_instruction');

    await post(d, 'justificatif', { message: 'Votre dernier avis d’imposition' });
    expect(await status(d)).toBe('en_attente_de_pieces');
    expect((await openRequests(db(), d.id)).map((r) => r.message)).toEqual(['Votre dernier avis d’imposition']);
    await post(d, 'reprise');
    expect(await status(d)).toBe('en_instruction');
    expect(await openRequests(db(), d.id)).toEqual([]);
    // An acceptance records the droit: the amount and the first month are asked, read at the field, and nothing typed is lost.
    const noAmount = await refused(d, 'decision', {
      decision: 'accept',
      motif: '',
      montant: '',
      premierMois: '13/2027',
      dernierMois: 'juin',
    });
    expect(text(noAmount.body)).toContain('Indiquez le montant mensuel du droit, en euros.');
    expect(text(noAmount.body)).toContain('Le mois doit être écrit sous la forme mois/année, par exemple 03/2027.');
    expect(noAmount.body).toContain('value="13/2027"');
    for (const [montant, message] of [
      ['12,345', 'deux chiffres après la virgule au plus'],
      ['-4', 'Le montant doit être un nombre d’euros positif'],
      ['0', 'Le montant doit être un nombre d’euros positif'],
      ['24550', 'Ce montant dépasse 1 500,00 € par mois, le plafond vraisemblable de cette prestation.'],
    ]) {
      const r = await refused(d, 'decision', { decision: 'accept', motif: '', montant: montant!, premierMois: '01/2027' });
      expect(text(r.body).replace(/\u202f|\u00a0/g, ' ')).toContain(message);
      expect(r.body).toContain(`value="${montant}"`);
    }
    const before = await refused(d, 'decision', {
      decision: 'accept',
      motif: '',
      montant: '245,50',
      premierMois: '03/2027',
      dernierMois: '01/2027',
    });
    expect(text(before.body)).toContain('Le dernier mois ne peut pas être avant le premier mois du droit.');
    expect(await status(d)).toBe('en_instruction');
    await post(d, 'decision', { decision: 'accept', motif: '', montant: '245,50', premierMois: '01/2027', dernierMois: '' });
    expect(await status(d)).toBe('acceptee');
    const droit = await db().selectFrom('droits').selectAll().where('demarche_id', '=', d.id).executeTakeFirstOrThrow();
    expect([droit.prestation, droit.monthly_amount_cents, droit.first_month, droit.last_month, droit.member_id]).toEqual([
      'aide-au-logement',
      24_550,
      '2027-01',
      null,
      null,
    ]);
    // The person was attached to no dossier: the acceptance created it, with its numéro allocataire, the person its responsable.
    const member = await db()
      .selectFrom('household_members')
      .innerJoin('households', 'households.id', 'household_members.household_id')
      .select(['household_members.role', 'households.dossier_number', 'households.id'])
      .where('account_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(member.role).toBe('responsable');
    expect(member.dossier_number).toMatch(/^[1-9]\d{6}$/);
    expect(droit.household_id).toBe(member.id);
    expect((await findDemarche(db(), d.id))!.household_id).toBe(member.id);
    expect(text((await b.get(`/gestion/demarches/${d.id}`)).body)).toContain('Cette démarche est terminée : aucune action n’est possible.');
    // the droit's page leads back to the démarche it came from
    const droitPage = await b.get(`/gestion/droits/${droit.id}`);
    expect(droitPage.body).toContain(`href="/gestion/demarches/${d.id}"`);
    expect(text(droitPage.body)).toContain(`Voir la démarche à l’origine de ce droit (référence ${d.reference})`);

    // The history says who did what; the person was told at each step that concerns them.
    const history = await demarcheHistory(db(), d.id);
    expect(history.map((h) => [h.event, h.actor_kind])).toEqual([
      ['create', 'person'],
      ['submit', 'person'],
      ['start_instruction', 'agent'],
      ['request_documents', 'agent'],
      ['resume_instruction', 'agent'],
      ['accept', 'agent'],
    ]);
    expect(history.filter((h) => h.actor_kind === 'agent').every((h) => h.actor_id === agent.id)).toBe(true);
    expect(history[3]!.reason).toBe('Votre dernier avis d’imposition');
    expect(await subjectsTo(person)).toEqual([
      'Votre demande a été prise en charge',
      'Un justificatif est demandé',
      'Votre demande a été acceptée',
    ]);
    const [last] = (await messagesTo(t.ctx, person.contact_value)).slice(-1);
    expect(last!.text).toContain(`votre demande d’aide au logement (référence ${d.reference}) a été acceptée`.replace(/^v/, 'V'));
    expect(last!.text).toContain('/mon-espace/demarches');
    const types = await auditTypes(t.ctx, agent.id);
    expect(types.filter((x) => x === 'agent_demarche_transition')).toHaveLength(3);
    expect(types).toContain('agent_justificatif_requested');
    // The person sees « Acceptée » in « Mes démarches ».
    const p = new TestBrowser(t.app);
    await logIn(t.ctx, p, person);
    expect((await p.get('/mon-espace/demarches')).body).toContain('Acceptée');
  });

  it('decides a refusal or a classement sans suite only with a motif, told to the person', async () => {
    const person = await createTestAccount(t.ctx, { contact_kind: 'sms', contact_value: '+33611223344' });
    const toRefuse = await sentDemarche(t.ctx, person);
    await post(toRefuse, 'instruction');
    const noDecision = await refused(toRefuse, 'decision', { motif: 'x' });
    expect(text(noDecision.body)).toContain('Choisissez la décision.');
    const noMotif = await refused(toRefuse, 'decision', { decision: 'refuse', motif: '' });
    expect(text(noMotif.body)).toContain('Indiquez le motif de la décision');
    expect(noMotif.body).toMatch(/value="refuse" checked/);
    expect(await status(toRefuse)).toBe('en_instruction');
    await post(toRefuse, 'decision', { decision: 'refuse', motif: 'Ressources supérieures au plafond.' });
    expect(await status(toRefuse)).toBe('refusee');

    const closed = await sentDemarche(t.ctx, person, { prestation: 'rsa' });
    await post(closed, 'decision', { decision: 'close', motif: 'Demande en double.' });
    expect(await status(closed)).toBe('classee_sans_suite');
    const sms = await messagesTo(t.ctx, person.contact_value);
    expect(sms.map((m) => [m.channel, m.subject])).toEqual([
      ['sms', 'Votre demande a été prise en charge'],
      ['sms', 'Votre demande a été refusée'],
      ['sms', 'Votre demande a été classée sans suite'],
    ]);
    expect(sms[1]!.text).toMatch(/^Mon Compte Caf : votre demande d’aide au logement \(référence MC-/);
    // The motif is read in « Mes démarches », behind the login, never in the SMS.
    expect(sms[1]!.text).not.toContain('plafond');
  });

  it('a refusal shows its motif and how to contest it (route of the prestation) on the démarche and in the e-mail', async () => {
    const person = await createTestAccount(t.ctx, { contact_kind: 'email', contact_value: 'refusee@example.fr' });
    const d = await sentDemarche(t.ctx, person, { prestation: 'rsa' });
    await post(d, 'instruction');
    await post(d, 'decision', { decision: 'refuse', motif: 'Ressources supérieures au plafond.' });
    const mail = (await messagesTo(t.ctx, person.contact_value)).at(-1)!;
    expect(mail.subject).toBe('Votre demande a été refusée');
    expect(mail.text).toContain('Motif : Ressources supérieures au plafond.');
    expect(mail.text).toContain('président du conseil départemental');
    expect(mail.text).toContain('deux mois');
    const p = new TestBrowser(t.app);
    await logIn(t.ctx, p, person);
    const page = text((await p.get(`/mon-espace/demarches/${d.id}`)).body);
    expect(page).toContain('Motif : Ressources supérieures au plafond.');
    expect(page).toContain('Comment contester cette décision');
    expect(page).toContain('Code de l’action sociale et des familles, article L. 262-47');
  });

  it('refuses a stale page (another agent acted), an event the status does not allow, and a post without CSRF', async () => {
    const person = await createTestAccount(t.ctx);
    const d = await sentDemarche(t.ctx, person);
    await b.get(`/gestion/demarches/${d.id}`);
    const staleVersion = String(d.version);
    await post(d, 'instruction');
    const stale = await b.post(`/gestion/demarches/${d.id}/instruction`, { version: staleVersion });
    expect(stale.statusCode).toBe(409);
    expect(text(stale.body)).toContain('la démarche a changé de statut entre-temps');
    const notAllowed = await post(d, 'reprise');
    expect(notAllowed.statusCode).toBe(409);
    const noCsrf = await b.post(`/gestion/demarches/${d.id}/decision`, { version: '9', decision: 'accept' }, { csrf: false });
    expect(noCsrf.statusCode).toBe(403);
    expect(await status(d)).toBe('en_instruction');
    expect((await messagesTo(t.ctx, person.contact_value)).length).toBe(1);
  });

  it('is closed to people and to visitors', async () => {
    const person = await createTestAccount(t.ctx);
    const d = await sentDemarche(t.ctx, person);
    const p = new TestBrowser(t.app);
    await logIn(t.ctx, p, person);
    for (const url of ['/gestion/demarches', `/gestion/demarches/${d.id}`]) {
      expect(location(await p.get(url))).toBe('/gestion/connexion');
      expect(location(await new TestBrowser(t.app).get(url))).toBe('/gestion/connexion');
    }
    await p.get('/mon-espace');
    const forged = await p.post(`/gestion/demarches/${d.id}/decision`, { version: String(d.version), decision: 'accept' });
    expect(location(forged)).toBe('/gestion/connexion');
    expect(await status(d)).toBe('envoyee');
  });
});
