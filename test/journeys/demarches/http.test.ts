import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByNir, type Account } from '../../../src/accounts/repository';
import { listDemarches } from '../../../src/demarches/repository';
import { continueLabel, frenchDate } from '../../../src/journeys/demarches/pages';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { createTestAccount, logIn } from '../../support/accounts';
import { createLinkedAccount, franceConnectAs, useStandinApp } from '../../support/franceconnect';
import { location, text } from '../../support/http';
import { freshMarie, REGISTRATION_PASSWORD, walkTo } from '../../support/registration';

/**
 * « Mes démarches » through HTTP: the prestation chosen with « Faire la demande » is kept on the
 * account (at the end of registration, at any login) and shown on /mon-espace and /mon-espace/demarches.
 */
const cookiesOf = (b: TestBrowser) => (b as unknown as { cookies: Map<string, string> }).cookies;
const chose = (b: TestBrowser, slug: string) => b.get(`/aides-et-demarches/prestations/${slug}/faire-la-demande`);

describe('Mes démarches', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.ctx.database.db;
  const prestationsOf = async (a: Account) => (await listDemarches(db(), a.id)).map((d) => d.prestation);

  it('registration with a prestation records the démarche with the account; after login both pages show it', async () => {
    const b = new TestBrowser(t.app);
    expect((await chose(b, 'prime-activite')).statusCode).toBe(200);
    expect(b.cookie('mc_intent')).toBe('prime-activite');
    const person = freshMarie();
    await walkTo(b, db(), 'completed', { person });
    const account = (await findAccountByNir(db(), person.nir!))!;
    // Recorded by the registration itself (before any login)…
    const [recorded, ...more] = await listDemarches(db(), account.id);
    expect(more).toEqual([]);
    expect(recorded).toMatchObject({ prestation: 'prime-activite', status: 'brouillon', created_at: t.clock.now() });

    // …and logging in with the cookie still there adds no second one; the cookie is then cleared.
    t.clock.advance(24 * 3600_000);
    const last = await logIn(t.ctx, b, account, REGISTRATION_PASSWORD);
    // PRODUCT 1.1: the person lands back on the request they set out to make, where it resumes.
    expect(location(last)).toBe(`/mon-espace/demarches/${recorded!.id}/reprendre`);
    expect(location(await b.get(location(last)))).toBe(`/mon-espace/demarches/${recorded!.id}/etapes/situation-familiale`);
    expect(last.cookies.find((c) => c.name === 'mc_intent')).toMatchObject({ value: '' });
    expect(b.cookie('mc_intent')).toBeUndefined();
    expect(await listDemarches(db(), account.id)).toEqual([recorded]);

    const home = await b.get('/mon-espace');
    expect(home.statusCode).toBe(200);
    expect(text(home.body)).toContain('Ce qui vous attend');
    expect(text(home.body)).toContain('Votre demande « Prime d’activité » n’est pas encore envoyée.');
    expect(home.body).toContain(`href="/mon-espace/demarches/${recorded!.id}/reprendre">Continuer ma demande de Prime d’activité</a>`);

    const page = await b.get('/mon-espace/demarches');
    expect(page.statusCode).toBe(200);
    const shown = text(page.body);
    expect(page.body).toContain('<title>Mes démarches – Mon Compte – Caf</title>');
    expect(page.body).toContain('<h1 class="govuk-heading-xl">Mes démarches</h1>');
    expect(page.body).toContain('<a class="govuk-breadcrumbs__link" href="/mon-espace">Mon espace</a>');
    expect(page.body).toContain('<h3 class="govuk-summary-card__title">Prime d’activité</h3>');
    expect(page.body).toContain('<strong class="govuk-tag govuk-tag--yellow">Brouillon</strong>');
    // The test clock starts on 26 November 2026; the brouillon keeps 30 days after its last save.
    expect(shown).toContain('Commencé le 26 novembre 2026, enregistré jusqu’au 26 décembre 2026');
    expect(shown).not.toContain('Vous n’avez pas de démarche en cours.');
    // « Reprendre » leads into the form, at its first page.
    expect(page.body).toContain(`href="/mon-espace/demarches/${recorded!.id}/reprendre"`);
    const resume = await b.get(`/mon-espace/demarches/${recorded!.id}/reprendre`);
    expect(location(resume)).toBe(`/mon-espace/demarches/${recorded!.id}/etapes/situation-familiale`);
  });

  it('records the prestation of the cookie at login, clears the cookie, and never twice', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await chose(b, 'aide-au-logement');
    const last = await logIn(t.ctx, b, account);
    expect(last.cookies.find((c) => c.name === 'mc_intent')).toMatchObject({ value: '', path: '/' });
    expect(await prestationsOf(account)).toEqual(['aide-au-logement']);

    // Another choice, another login: a second démarche; the same choice again: still one each.
    await b.post('/deconnexion', {});
    t.clock.advance(60_000);
    await chose(b, 'prime-activite');
    await logIn(t.ctx, b, account);
    await b.post('/deconnexion', {});
    await chose(b, 'aide-au-logement');
    await logIn(t.ctx, b, account);
    expect((await prestationsOf(account)).sort()).toEqual(['aide-au-logement', 'prime-activite']);

    const home = await b.get('/mon-espace');
    expect(text(home.body)).toContain('Ce qui vous attend');
    // The latest first; « d’ » before a vowel.
    const links = [...home.body.matchAll(/>(Continuer ma demande [^<]+)</g)].map((m) => m[1]);
    expect(links).toEqual(['Continuer ma demande de Prime d’activité', 'Continuer ma demande d’Aide au logement']);
    const page = text((await b.get('/mon-espace/demarches')).body);
    expect(page.indexOf('Prime d’activité')).toBeLessThan(page.indexOf('Aide au logement'));
    expect(page.match(/Commencé le \d{1,2}(er)? [a-zéû]+ 20\d\d,/g)).toHaveLength(2);
  });

  it('ignores a slug outside the catalogue and a prestation not asked for online, and clears the cookie', async () => {
    for (const slug of ['inconnue', 'aah', '<script>']) {
      const account = await createTestAccount(t.ctx);
      const b = new TestBrowser(t.app);
      cookiesOf(b).set('mc_intent', encodeURIComponent(slug));
      const last = await logIn(t.ctx, b, account);
      expect(last.cookies.find((c) => c.name === 'mc_intent')).toMatchObject({ value: '' });
      expect(await listDemarches(db(), account.id)).toEqual([]);
      // nothing recorded: « Mon espace » as after any login
      expect(location(last)).toBe('/mon-espace');
      const home = await b.get('/mon-espace');
      expect(home.body).not.toContain('Continuer ma demande');
      expect(text(home.body)).toContain('Bienvenue dans votre espace personnel Mon Compte.');
      const page = await b.get('/mon-espace/demarches');
      expect(text(page.body)).toContain('Vous n’avez pas de démarche en cours.');
      expect(page.body).toContain('<a class="govuk-link" href="/aides-et-demarches">Faire une demande de prestation</a>');
    }
  });

  it('a login without the cookie records nothing', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    const last = await logIn(t.ctx, b, account);
    expect(last.cookies.find((c) => c.name === 'mc_intent')).toBeUndefined();
    expect(await listDemarches(db(), account.id)).toEqual([]);
  });

  it('requires a session: the page sends to the login page, and the form is refused', async () => {
    const b = new TestBrowser(t.app);
    const page = await b.get('/mon-espace/demarches');
    expect(page.statusCode).toBe(303);
    expect(location(page)).toBe('/connexion');
    await b.get('/connexion');
    const post = await b.post('/mon-espace/demarches', { prestation: 'rsa' });
    expect(post.statusCode).toBe(303);
    expect(location(post)).toBe('/connexion');
    expect(await db().selectFrom('demarches').selectAll().where('prestation', '=', 'rsa').execute()).toEqual([]);
  });

  it('a signed-in person’s « Faire la demande » starts the démarche with a button, once', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    const page = await chose(b, 'rsa');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post" action="/mon-espace/demarches"');
    expect(page.body).toContain('<input type="hidden" name="prestation" value="rsa">');
    expect(page.body).not.toContain('Créer un compte');
    for (let i = 0; i < 2; i++) {
      const r = await b.post('/mon-espace/demarches', { prestation: 'rsa' });
      const [d] = await listDemarches(db(), account.id);
      expect(location(r)).toBe(`/mon-espace/demarches/${d!.id}/reprendre`);
    }
    expect(await prestationsOf(account)).toEqual(['rsa']);
    expect(b.cookie('mc_intent')).toBeUndefined();
    expect(text((await b.get('/mon-espace/demarches')).body)).toContain('Revenu de solidarité active (RSA)');
    // Not asked for online, or unknown: refused, nothing recorded; and no démarche without the CSRF token.
    await b.get('/mon-espace/demarches');
    expect((await b.post('/mon-espace/demarches', { prestation: 'aah' })).statusCode).toBe(404);
    expect((await b.post('/mon-espace/demarches', { prestation: 'inconnue' })).statusCode).toBe(404);
    expect((await b.post('/mon-espace/demarches', { prestation: 'ajpa' }, { csrf: false })).statusCode).toBe(403);
    expect(await prestationsOf(account)).toEqual(['rsa']);
  });

  it('keeps démarches per account: another person sees none of them', async () => {
    const owner = await createTestAccount(t.ctx);
    const other = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await chose(b, 'ajpa');
    await logIn(t.ctx, b, owner);
    const c = new TestBrowser(t.app);
    await logIn(t.ctx, c, other);
    expect(text((await c.get('/mon-espace/demarches')).body)).toContain('Vous n’avez pas de démarche en cours.');
    expect(text((await b.get('/mon-espace/demarches')).body)).toContain('Allocation journalière du proche aidant');
  });
});

describe('Mes démarches — wording', () => {
  it('dates in France, « 1er » for the first of the month', () => {
    expect(frenchDate(Date.UTC(2026, 10, 27, 12))).toBe('27 novembre 2026');
    expect(frenchDate(Date.UTC(2026, 11, 1, 8))).toBe('1er décembre 2026');
    // 23:30 UTC on 30 November is already 1 December in Paris.
    expect(frenchDate(Date.UTC(2026, 10, 30, 23, 30))).toBe('1er décembre 2026');
    expect(frenchDate(Date.UTC(2026, 10, 11, 12))).toBe('11 novembre 2026');
  });

  it('« de » or « d’ » before the prestation', () => {
    expect(continueLabel('Prime d’activité')).toBe('Continuer ma demande de Prime d’activité');
    expect(continueLabel('Allocations familiales')).toBe('Continuer ma demande d’Allocations familiales');
  });
});

describe('Mes démarches — login with FranceConnect', () => {
  const fc = useStandinApp();

  it('records the prestation of the cookie when a linked account logs in with FranceConnect', async () => {
    const account = await createLinkedAccount(fc.t.ctx, 'angela-dubois-paris', { contact_value: 'angela@example.fr' });
    const b = new TestBrowser(fc.t.app);
    await chose(b, 'complement-mode-de-garde');
    const { callback } = await franceConnectAs(b, { citizenId: 'angela-dubois-paris' });
    const [started] = await listDemarches(fc.t.ctx.database.db, account.id);
    expect(location(callback)).toBe(`/mon-espace/demarches/${started!.id}/reprendre`);
    expect(callback.cookies.find((c) => c.name === 'mc_intent')).toMatchObject({ value: '' });
    expect((await listDemarches(fc.t.ctx.database.db, account.id)).map((d) => d.prestation)).toEqual(['complement-mode-de-garde']);
    expect((await b.get('/mon-espace')).body).toContain('Continuer ma demande de Complément de libre choix du mode de garde');
  });
});
