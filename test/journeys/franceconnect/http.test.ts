import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccount, findAccountByNir } from '../../../src/accounts/repository';
import { testConfig } from '../../../src/config/config';
import { LocalRepertoireSearch } from '../../../src/journeys/franceconnect/matching';
import { findCitizen, simulateCitizenLogin, simulateLogout, type RunningStandin } from '../../../src/franceconnect-standin';
import { nirKey } from '../../../src/identity';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { sampleAccount } from '../../support/accounts';
import { configFor, franceConnectAs, startStandinFor } from '../../support/franceconnect';
import { location, pathOf, submitRefused, submitThrottled, text } from '../../support/http';
import { frenchTime } from '../../../src/shared/french-time';
import { lastCode } from '../../support/outbox';

/**
 * FranceConnect through HTTP: the application (Fastify inject, its redirect URIs derived from
 * config.baseUrl) and the stand-in provider on a loopback port, on SQLite and PostgreSQL.
 */
let standin: RunningStandin;
const baseUrl = testConfig().baseUrl;

beforeAll(async () => {
  standin = await startStandinFor(baseUrl);
});
afterAll(async () => {
  await standin.close();
});

const ANGELA = findCitizen('angela-dubois-paris')!;
const HELENE = findCitizen('helene-lefevre-durand-accents')!;
const SOPHIE = findCitizen('sophie-martin-nom-usage')!;
const VINCENT = findCitizen('vincent-martin-sans-nir')!;
const PASSWORD = 'Secret2026Caf';

describe('FranceConnect callback errors', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ config: configFor(standin.issuerUrl) });
  });
  afterEach(async () => t.close());

  it('a callback without parameters is a French page, not a crash', async () => {
    const res = await new TestBrowser(t.app).get('/franceconnect/callback');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(text(res.body)).toContain('La connexion avec FranceConnect n’a pas abouti');
    expect(text(res.body)).toContain('la réponse reçue est incomplète');
    expect(res.body).toContain('<html lang="fr"');
    expect(res.body).toContain('mc-franceconnect__button');
  });

  it('the person cancelling at FranceConnect (error=access_denied) gets a clear page', async () => {
    const b = new TestBrowser(t.app);
    const { callback, callbackUrl } = await franceConnectAs(b, 'cancel');
    expect(new URL(callbackUrl).searchParams.get('error')).toBe('access_denied');
    expect(callback.statusCode).toBe(400);
    expect(text(callback.body)).toContain('Connexion avec FranceConnect annulée');
    expect(text(callback.body)).toContain('Vous avez annulé la connexion avec FranceConnect');
  });

  it('an error callback without any transaction (no cookie) is refused cleanly', async () => {
    const res = await new TestBrowser(t.app).get('/franceconnect/callback?error=access_denied&error_description=x');
    expect(res.statusCode).toBe(400);
    expect(text(res.body)).toContain('Vous avez annulé');
  });

  it('refuses a state that is not the one stored server-side for this browser', async () => {
    const b = new TestBrowser(t.app);
    const authorize = location(await b.get('/franceconnect/connexion'));
    const { callbackUrl } = await simulateCitizenLogin(authorize, { citizenId: ANGELA.id });
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'x'.repeat(43));
    const res = await b.get(pathOf(forged.href));
    expect(res.statusCode).toBe(400);
    expect(text(res.body)).toContain('Votre demande de connexion a expiré ou ne correspond pas à celle en cours');
    // The transaction was single use: even the genuine callback is now refused.
    const again = await b.get(pathOf(callbackUrl));
    expect(again.statusCode).toBe(400);
    expect(text(again.body)).toContain('ne correspond pas à celle en cours');
  });

  it('refuses a genuine callback brought by another browser (state bound to the cookie)', async () => {
    const victim = new TestBrowser(t.app);
    const authorize = location(await victim.get('/franceconnect/connexion'));
    const { callbackUrl } = await simulateCitizenLogin(authorize, { citizenId: ANGELA.id });
    const res = await new TestBrowser(t.app).get(pathOf(callbackUrl));
    expect(res.statusCode).toBe(400);
    expect(text(res.body)).toContain('ne correspond pas à celle en cours');
  });

  it('refuses the transaction once its 10 minutes have passed', async () => {
    const b = new TestBrowser(t.app);
    const authorize = location(await b.get('/franceconnect/connexion'));
    const { callbackUrl } = await simulateCitizenLogin(authorize, { citizenId: ANGELA.id });
    t.clock.advance(10 * 60_000 + 1);
    const res = await b.get(pathOf(callbackUrl));
    expect(res.statusCode).toBe(400);
  });

  it('sends the authorize request with the registered callback, eidas1, and 32+ character state and nonce', async () => {
    const b = new TestBrowser(t.app);
    const res = await b.get('/franceconnect/connexion');
    const u = new URL(location(res));
    expect(u.origin + u.pathname).toBe(`${standin.issuerUrl}/authorize`);
    expect(u.searchParams.get('redirect_uri')).toBe(`${baseUrl}/franceconnect/callback`);
    expect(u.searchParams.get('acr_values')).toBe('eidas1');
    expect(u.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(u.searchParams.get('nonce')!.length).toBeGreaterThanOrEqual(32);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toContain('mc_fc_tx=');
    expect(setCookie).toContain('HttpOnly');
    // state and nonce stay on the server: the cookie is an opaque random token.
    expect(setCookie).not.toContain(u.searchParams.get('state')!);
  });
});

describe.each(testDatabases)('FranceConnect accounts on $name', ({ open }) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ config: configFor(standin.issuerUrl), database: await open() });
  });
  afterEach(async () => t.close());

  const db = () => t.ctx.database.db;

  /** Identity page → contact → code → account created and signed in. */
  async function createWithFranceConnect(b: TestBrowser, email: string, nir?: string) {
    const toContact = await b.post('/franceconnect/creation', nir ? { nir } : {});
    expect(location(toContact)).toBe('/franceconnect/coordonnees');
    const contactPage = await b.get('/franceconnect/coordonnees');
    expect(contactPage.statusCode).toBe(200);
    expect(location(await b.post('/franceconnect/coordonnees', { contactKind: 'email', email }))).toBe('/franceconnect/code');
    const codePage = await b.get('/franceconnect/code');
    expect(text(codePage.body)).toContain(email);
    const wrong = await submitRefused(b, '/franceconnect/code', { code: '000000' === (await lastCode(db(), email)) ? '111111' : '000000' });
    expect(text(wrong.body)).toContain('Le code de vérification n’est pas le bon. Il vous reste 4 essais.');
    expect(location(await b.post('/franceconnect/code', { code: await lastCode(db(), email) }))).toBe('/franceconnect/compte-cree');
    const done = await b.get('/franceconnect/compte-cree');
    expect(done.statusCode).toBe(200);
    expect(text(done.body)).toContain('Votre compte est créé');
  }

  it('exactly one match in the répertoire: locked certified identity, NIR found, contact verified, account certified and linked by sub', async () => {
    const b = new TestBrowser(t.app);
    const { callback } = await franceConnectAs(b, { citizenId: ANGELA.id });
    expect(location(callback)).toBe('/franceconnect/creation');
    const identity = await b.get('/franceconnect/creation');
    expect(identity.statusCode).toBe(200);
    const page = text(identity.body);
    expect(page).toContain('Identité certifiée par FranceConnect');
    for (const shown of ['Angela Claire Louise', 'DUBOIS', 'Féminin', '24 août 1962', '75112', '99100', 'France', '2 62 08 75 112 084 57'])
      expect(page).toContain(shown);
    // Locked: a summary, no field to edit the identity (the only inputs are the CSRF token).
    const inputs = [...identity.body.matchAll(/<input[^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(inputs).toEqual(['_csrf']);
    expect(identity.body).not.toContain('Modifier');

    await createWithFranceConnect(b, 'angela.nouvelle@example.org');
    const account = await findAccountByNir(db(), ANGELA.nir!);
    expect(account).toMatchObject({
      identity_status: 'certified',
      password_hash: null,
      birth_name: 'DUBOIS',
      given_names: 'Angela Claire Louise',
      civility: 'MME',
      birth_date: '1962-08-24',
      birth_place_kind: 'commune',
      birth_place_code: '75112',
      contact_kind: 'email',
      contact_value: 'angela.nouvelle@example.org',
      login_id: ANGELA.nir,
    });
    expect(account?.franceconnect_sub).toMatch(/.{20,}/);

    // Signed in right away, with a session opened by FranceConnect.
    const space = await b.get('/mon-espace');
    expect(space.statusCode).toBe(200);
    expect(text(space.body)).toContain('Bonjour Angela DUBOIS');

    // Later: logging in with FranceConnect lands in the personal space, linked by sub.
    const other = new TestBrowser(t.app);
    const again = await franceConnectAs(other, { citizenId: ANGELA.id });
    expect(location(again.callback)).toBe('/mon-espace');
    expect(text((await other.get('/mon-espace')).body)).toContain('Bonjour Angela DUBOIS');
    const sessions = await db().selectFrom('sessions').selectAll().where('account_id', '=', account!.id).execute();
    expect(sessions.map((s) => JSON.parse(s.data).authMethod)).toEqual(['franceconnect', 'franceconnect']);
    expect(JSON.parse(sessions[1]!.data).franceConnectIdToken).toMatch(/^ey/);
  });

  it('no match: the NIR is typed and checked against the certified identity (a wrong one is refused at the field, in French)', async () => {
    const b = new TestBrowser(t.app);
    expect(location((await franceConnectAs(b, { citizenId: VINCENT.id })).callback)).toBe('/franceconnect/creation');
    const identity = await b.get('/franceconnect/creation');
    expect(text(identity.body)).toContain('Nous n’avons pas retrouvé votre numéro de sécurité sociale');
    expect(identity.body).toContain('name="nir"');

    const empty = await submitRefused(b, '/franceconnect/creation', { nir: '' });
    expect(text(empty.body)).toContain('Saisissez votre numéro de sécurité sociale');

    // Angela's NIR: a woman's, born in Paris — not Vincent (a man born in Algeria in 1963).
    const wrong = await submitRefused(b, '/franceconnect/creation', { nir: ANGELA.nir! });
    expect(wrong.body).toMatch(/<p id="nir-error" class="govuk-error-message">[\s\S]*civilité indiquée ne correspond pas/);
    expect(wrong.body).toContain('<title>Erreur\u00a0: ');

    // A man's NIR, right year and month, but born in Spain (99134), not Algeria (99352).
    const spain = `1631299134123${nirKey('1631299134123')}`;
    const wrongPlace = await submitRefused(b, '/franceconnect/creation', { nir: spain });
    expect(text(wrongPlace.body)).toContain('Le pays de naissance ne correspond pas à votre numéro de sécurité sociale');

    const right = `1631299352123${nirKey('1631299352123')}`;
    await createWithFranceConnect(b, 'vincent.martin@example.org', right.replace(/(.)(..)(..)(.....)(...)(..)/, '$1 $2 $3 $4 $5 $6'));
    const account = await findAccountByNir(db(), right);
    expect(account).toMatchObject({
      identity_status: 'certified',
      birth_place_kind: 'country',
      birth_place_code: '99352',
      password_hash: null,
    });
  });

  it('several matches in the répertoire: the NIR must be typed, and somebody else’s known NIR is refused', async () => {
    const twin = `2620875112085${nirKey('2620875112085')}`;
    const angela = {
      nir: ANGELA.nir!,
      sex: 'F' as const,
      birthName: 'DUBOIS',
      givenNames: 'Angela Claire Louise',
      birthDate: '1962-08-24',
    };
    // Same birth date and place, another woman: her NIR fits Angela's pivot but is hers.
    const other = {
      nir: `2620875112087${nirKey('2620875112087')}`,
      sex: 'F' as const,
      birthName: 'MARTIN',
      givenNames: 'Julie',
      birthDate: '1962-08-24',
    };
    t.ctx.franceConnect.repertoire = new LocalRepertoireSearch([angela, { ...angela, nir: twin }, other]);
    const b = new TestBrowser(t.app);
    expect(location((await franceConnectAs(b, { citizenId: ANGELA.id })).callback)).toBe('/franceconnect/creation');
    const identity = await b.get('/franceconnect/creation');
    expect(text(identity.body)).toContain('Plusieurs personnes ont la même identité');
    expect(identity.body).toContain('name="nir"');
    const fitting = await b.post('/franceconnect/creation', { nir: twin });
    expect(location(fitting)).toBe('/franceconnect/coordonnees');
    const someoneElse = new TestBrowser(t.app);
    await franceConnectAs(someoneElse, { citizenId: ANGELA.id });
    await someoneElse.get('/franceconnect/creation');
    const refused = await submitRefused(someoneElse, '/franceconnect/creation', { nir: other.nir });
    expect(text(refused.body)).toContain('Ce numéro de sécurité sociale ne correspond pas à l’identité transmise par FranceConnect');
  });

  it('the NIR already has a password account: linked only after its password is proven, then signed in', async () => {
    const hash = await t.ctx.passwords.hash(PASSWORD);
    const created = await createAccount(
      db(),
      sampleAccount({
        login_id: HELENE.nir!,
        nir: HELENE.nir!,
        civility: 'MME',
        birth_name: 'LEFÈVRE-DURAND',
        given_names: 'Hélène Éloïse',
        birth_date: '1992-07-19',
        birth_place_code: '33063',
        birth_place_name: 'Bordeaux',
        contact_value: 'helene@example.org',
        password_hash: hash,
      }),
      t.clock.now(),
    );
    if (!created.ok) throw new Error('fixture');

    const b = new TestBrowser(t.app);
    expect(location((await franceConnectAs(b, { citizenId: HELENE.id })).callback)).toBe('/franceconnect/creation');
    await b.get('/franceconnect/creation');
    expect(location(await b.post('/franceconnect/creation', {}))).toBe('/franceconnect/compte-existant');
    // The contact and code steps are not open to this signup: no second account can be made.
    expect(location(await b.get('/franceconnect/coordonnees'))).toBe('/franceconnect/compte-existant');
    const proof = await b.get('/franceconnect/compte-existant');
    expect(text(proof.body)).toContain('Vous avez déjà un compte');

    const wrong = await submitRefused(b, '/franceconnect/compte-existant', { password: 'PasLeBon2026' });
    expect(wrong.body).toMatch(/id="password-error"[\s\S]*Le mot de passe est incorrect/);
    expect((await findAccountByNir(db(), HELENE.nir!))?.franceconnect_sub).toBeNull();
    expect((await b.get('/mon-espace')).statusCode).toBe(303);

    expect(location(await b.post('/franceconnect/compte-existant', { password: PASSWORD }))).toBe('/mon-espace');
    const linked = await findAccountByNir(db(), HELENE.nir!);
    expect(linked?.id).toBe(created.account.id);
    expect(linked?.franceconnect_sub).toMatch(/.{20,}/);
    expect(linked?.password_hash).toBe(hash);
    expect((await b.get('/mon-espace')).statusCode).toBe(200);
    expect(await db().selectFrom('accounts').select('id').execute()).toHaveLength(1);

    // From now on FranceConnect signs this account in directly.
    const later = new TestBrowser(t.app);
    expect(location((await franceConnectAs(later, { citizenId: HELENE.id })).callback)).toBe('/mon-espace');
  });

  it('« compte existant » throttled: back to its page (303), which answers 429 with Retry-After and says until when; a reload checks nothing', async () => {
    const created = await createAccount(
      db(),
      sampleAccount({
        login_id: HELENE.nir!,
        nir: HELENE.nir!,
        contact_value: 'helene@example.org',
        password_hash: await t.ctx.passwords.hash(PASSWORD),
      }),
      t.clock.now(),
    );
    if (!created.ok) throw new Error('fixture');
    // 12 failures of the login's counters for this NIR: a wait of 2 minutes 8 seconds.
    for (let i = 0; i < 12; i++) await t.ctx.loginThrottle.failure({ identifier: HELENE.nir!, ip: '10.9.8.7' });
    const b = new TestBrowser(t.app);
    expect(location((await franceConnectAs(b, { citizenId: HELENE.id })).callback)).toBe('/franceconnect/creation');
    await b.get('/franceconnect/creation');
    expect(location(await b.post('/franceconnect/creation', {}))).toBe('/franceconnect/compte-existant');
    await b.get('/franceconnect/compte-existant');

    // Even the right password is not looked at during the wait.
    const page = await submitThrottled(b, '/franceconnect/compte-existant', { password: PASSWORD });
    expect(Number(page.headers['retry-after'])).toBe(128);
    expect(page.body).toMatch(/id="password-error"[\s\S]*Trop de tentatives\./);
    expect(text(page.body)).toContain(`Vous pourrez réessayer à partir de ${frenchTime(t.clock.now() + 128_000)}.`);
    expect(page.body).not.toContain(PASSWORD);
    expect((await findAccountByNir(db(), HELENE.nir!))?.franceconnect_sub).toBeNull();

    // A reload is a GET: the page without the error, nothing checked nor counted again.
    const blocked = await t.ctx.loginThrottle.identifierBlockedFor(HELENE.nir!);
    const reloaded = await b.get('/franceconnect/compte-existant');
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.headers['retry-after']).toBeUndefined();
    expect(reloaded.body).not.toContain('govuk-error-summary');
    expect(text(reloaded.body)).toContain('Vous avez déjà un compte');
    expect(await t.ctx.loginThrottle.identifierBlockedFor(HELENE.nir!)).toBe(blocked);
    expect((await findAccountByNir(db(), HELENE.nir!))?.franceconnect_sub).toBeNull();

    // Once the wait is over, the password links the account.
    t.clock.advance(129_000);
    expect(location(await b.post('/franceconnect/compte-existant', { password: PASSWORD }))).toBe('/mon-espace');
    expect((await findAccountByNir(db(), HELENE.nir!))?.franceconnect_sub).toMatch(/.{20,}/);
  });

  it('never links by e-mail: an account with the same e-mail address as the citizen stays untouched', async () => {
    const paul = await createAccount(db(), sampleAccount({ contact_kind: 'email', contact_value: SOPHIE.email! }), t.clock.now());
    if (!paul.ok) throw new Error('fixture');
    const b = new TestBrowser(t.app);
    const { callback } = await franceConnectAs(b, { citizenId: SOPHIE.id });
    expect(location(callback)).toBe('/franceconnect/creation');
    expect((await b.get('/mon-espace')).statusCode).toBe(303);
    expect((await findAccountByNir(db(), paul.account.nir!))?.franceconnect_sub).toBeNull();
    // Her own account is created (with her NIR), the other one is still not linked.
    await b.get('/franceconnect/creation');
    await createWithFranceConnect(b, SOPHIE.email!);
    const sophie = await findAccountByNir(db(), SOPHIE.nir!);
    expect(sophie?.id).not.toBe(paul.account.id);
    expect(sophie?.usage_name).toBe('LEROY');
    expect((await findAccountByNir(db(), paul.account.nir!))?.franceconnect_sub).toBeNull();
  });

  it('logout goes through FranceConnect’s end-session with id_token_hint and state, checks the state back, and ends the local session', async () => {
    const b = new TestBrowser(t.app);
    await franceConnectAs(b, { citizenId: ANGELA.id });
    await b.get('/franceconnect/creation');
    await createWithFranceConnect(b, 'angela@example.org');
    const account = await findAccountByNir(db(), ANGELA.nir!);
    await b.get('/mon-espace');

    // « Se déconnecter » of the personal space.
    const handOff = location(await b.post('/deconnexion', {}));
    expect(handOff).toMatch(/^\/franceconnect\/deconnexion\/suite\?t=/);
    expect(
      (await db().selectFrom('sessions').selectAll().where('account_id', '=', account!.id).executeTakeFirstOrThrow()).ended_at,
    ).not.toBeNull();
    const endSession = new URL(location(await b.get(handOff)));
    expect(endSession.origin + endSession.pathname).toBe(`${standin.issuerUrl}/session/end`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${baseUrl}/franceconnect/logout-callback`);
    const state = endSession.searchParams.get('state')!;
    expect(state.length).toBeGreaterThanOrEqual(32);
    // The hand-off is single use.
    expect(location(await b.get(handOff))).toBe('/deconnexion');

    // FranceConnect's end-session page submits its confirmation form by itself, as a browser does.
    const atFc = await simulateLogout(endSession.href);
    expect(atFc.status).toBe(303);
    const back = new URL(atFc.backUrl!);
    expect(back.searchParams.get('state')).toBe(state);

    // A forged state is refused (and consumes the transaction)…
    const forged = await b.get(`/franceconnect/logout-callback?state=${'y'.repeat(43)}`);
    expect(forged.statusCode).toBe(400);
    expect(text(forged.body)).toContain('Déconnexion de FranceConnect non confirmée');
    expect(text(forged.body)).toContain("La déconnexion de FranceConnect n'a pas pu être confirmée");

    // …so the real round trip is done again, through /franceconnect/deconnexion this time.
    const b2 = new TestBrowser(t.app);
    expect(location((await franceConnectAs(b2, { citizenId: ANGELA.id })).callback)).toBe('/mon-espace');
    await b2.get('/mon-espace');
    const end2 = new URL(location(await b2.post('/franceconnect/deconnexion', {})));
    const back2 = new URL((await simulateLogout(end2.href)).backUrl!);
    const done = await b2.get(pathOf(back2.href));
    expect(done.statusCode).toBe(200);
    expect(text(done.body)).toContain('Vous êtes déconnecté(e) de Mon Compte et de FranceConnect');
    expect(location(await b2.get('/mon-espace'))).toMatch(/^\/connexion/);
    const open = await db()
      .selectFrom('sessions')
      .selectAll()
      .where('account_id', '=', account!.id)
      .where('ended_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
  });
});

describe('FranceConnect button', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: configFor(standin.issuerUrl) });
  });
  afterAll(async () => t.close());

  it.each(['/connexion', '/mon-compte', '/creer-mon-compte'])('is on %s, with « Qu’est-ce que FranceConnect ? »', async (path) => {
    const res = await new TestBrowser(t.app).get(path);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /<button type="submit" class="mc-franceconnect__button">[\s\S]*S’identifier avec[\s\S]*<strong class="mc-franceconnect__brand">FranceConnect<\/strong>/,
    );
    expect(res.body).toContain('href="/franceconnect/qu-est-ce-que-franceconnect"');
  });

  it('the explanation page is local and in French', async () => {
    const res = await new TestBrowser(t.app).get('/franceconnect/qu-est-ce-que-franceconnect');
    expect(res.statusCode).toBe(200);
    expect(text(res.body)).toContain('FranceConnect est la solution proposée par l’État');
  });

  it('FranceConnect unreachable: a French page (503), not a crash', async () => {
    const down = await buildTestApp({ config: configFor('http://127.0.0.1:9/api/v2') });
    try {
      const res = await new TestBrowser(down.app).get('/franceconnect/connexion');
      expect(res.statusCode).toBe(503);
      expect(text(res.body)).toContain('FranceConnect est momentanément indisponible');
    } finally {
      await down.close();
    }
  });
});
