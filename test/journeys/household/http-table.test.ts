import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../src/accounts/repository';
import { DEMO_PASSWORD } from '../../../src/demo/seed';
import { DEMO_PEOPLE } from '../../../src/demo/people';
import { ACTIONS, type Action } from '../../../src/household/permissions';
import { linkAccountToMember } from '../../../src/household/repository';
import type { TestApp, TestBrowser } from '../../support/app';
import { sampleAccount } from '../../support/accounts';
import { api, demoApp, refusedByCan, signedIn } from '../../household/support';

/**
 * The role × action table through HTTP: for every demo role, the page and the JSON route of every
 * action — allowed cells pass the guard, forbidden ones get the 403 that says who can. The cells are
 * written out here (not computed with can()), so that a route asking the wrong action fails.
 */
const P = DEMO_PEOPLE;
const ALL = new Set<Action>(ACTIONS);
const OWN: Action[] = ['consult_personal_data', 'modify_contact', 'request_individual_prestation'];
const ROLES: { name: string; login: string; allowed: Set<Action> }[] = [
  { name: 'responsable', login: P.julienMoreau.nir, allowed: ALL },
  { name: 'conjoint avec procuration', login: P.leaMoreau.nir, allowed: new Set(ACTIONS.filter((a) => a !== 'manage_procuration')) },
  { name: 'conjoint sans procuration', login: P.nadiaPetit.nir, allowed: new Set([...OWN, 'declare_separation']) },
  { name: 'enfant de plus de 15 ans', login: P.hugoMoreau.nir, allowed: new Set([...OWN, 'declare_separation']) },
  { name: 'personne à charge', login: P.jeanneLeroy.nir, allowed: new Set([...OWN, 'declare_separation']) },
  { name: 'pas encore allocataire', login: P.camilleDurand.nir, allowed: new Set([...OWN, 'request_household_prestation']) },
  { name: 'enfant de moins de 15 ans (compte relié par erreur)', login: P.jadeMoreau.nir, allowed: new Set() },
];

/** The page (and JSON route, when the action has one) of each action; POSTs send nothing that changes state when refused or invalid. */
const ROUTES: Record<
  Action,
  { page: (b: TestBrowser) => ReturnType<TestBrowser['get']>; json?: (b: TestBrowser) => ReturnType<TestBrowser['get']> }
> = {
  consult_personal_data: { page: (b) => b.get('/mon-espace/mes-informations'), json: (b) => api(b, 'GET', '/api/household/me') },
  modify_contact: { page: (b) => b.get('/mon-espace/securite/contact'), json: (b) => api(b, 'POST', '/api/account/contact', {}) },
  declare_separation: { page: (b) => b.get('/mon-espace/foyer/separation'), json: (b) => api(b, 'POST', '/api/household/separation', {}) },
  request_individual_prestation: { page: (b) => b.post('/mon-espace/demarches', { prestation: 'ajpa' }) },
  request_household_prestation: { page: (b) => b.post('/mon-espace/demarches', { prestation: 'aide-au-logement' }) },
  manage_dossier: { page: (b) => b.get('/mon-espace/foyer/changement'), json: (b) => api(b, 'GET', '/api/household/dossier') },
  view_household_demarches: { page: (b) => b.get('/mon-espace/foyer/demarches'), json: (b) => api(b, 'GET', '/api/household/demarches') },
  view_household_payments: {
    page: (b) => b.get('/mon-espace/foyer/paiements'),
    json: (b) => api(b, 'GET', '/api/household/paiements'),
  },
  manage_procuration: {
    page: (b) => b.get('/mon-espace/foyer/autorisation-de-gestion'),
    json: (b) => api(b, 'GET', '/api/household/procuration'),
  },
  issue_attestation: {
    page: (b) => b.get('/mon-espace/attestations/paiement'),
    json: (b) => api(b, 'POST', '/api/attestations/paiement', {}),
  },
};

describe('role × action through HTTP', () => {
  let t: TestApp;
  const browsers = new Map<string, TestBrowser>();

  beforeAll(async () => {
    t = await demoApp();
    // A child under 15 cannot sign up; an account linked by mistake must still be refused everything.
    const jade = await createAccount(
      t.ctx.database.db,
      sampleAccount({
        login_id: P.jadeMoreau.nir,
        nir: P.jadeMoreau.nir,
        birth_date: P.jadeMoreau.birthDate,
        contact_value: 'jade@example.fr',
        password_hash: await t.ctx.passwords.hash(DEMO_PASSWORD),
      }),
      t.clock.now(),
    );
    if (!jade.ok) throw new Error('no account');
    const member = await t.ctx.database.db
      .selectFrom('household_members')
      .select('id')
      .where('nir', '=', P.jadeMoreau.nir)
      .executeTakeFirstOrThrow();
    expect(await linkAccountToMember(t.ctx.database.db, member.id, jade.account.id)).toBe(true);
    for (const r of ROLES) browsers.set(r.name, await signedIn(t, r.login));
  }, 120_000);
  afterAll(() => t?.close());

  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const allowed = role.allowed.has(action);
      it(`${role.name} — ${action}: ${allowed ? 'autorisé' : '403'}`, async () => {
        const b = browsers.get(role.name)!;
        const page = await ROUTES[action].page(b);
        expect(refusedByCan(page), `${page.statusCode} ${page.body.slice(0, 300)}`).toBe(!allowed);
        if (allowed) expect([200, 303]).toContain(page.statusCode);
        const json = await ROUTES[action].json?.(b);
        if (json) {
          expect(refusedByCan(json), `${json.statusCode} ${json.body.slice(0, 300)}`).toBe(!allowed);
          if (allowed) expect([200, 400]).toContain(json.statusCode);
        }
      });
    }
  }

  it('a person not signed in is sent to the login page, or gets a 401 in JSON', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/mon-espace/foyer/changement' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/connexion');
    const json = await t.app.inject({ method: 'GET', url: '/api/household/me' });
    expect(json.statusCode).toBe(401);
  });
});
