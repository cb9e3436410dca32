import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../src/config/config';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { auditTypes, createTestAccount, logIn, PASSWORD } from '../../support/accounts';
import { location, submitRefused, submitThrottled } from '../../support/http';
import { lastCode, messagesTo } from '../../support/outbox';
import { assetUrl } from '../../../src/http/assets';

const argon2Fast = { ARGON2_MEMORY_KIB: '19456', ARGON2_TIME_COST: '2' };

describe.each(testDatabases)('login on $name', ({ open }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ database: await open() });
  });
  afterAll(() => t.close());

  it('serves the login page with its links and the FranceConnect slot', async () => {
    const res = await t.app.inject({ url: '/connexion' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="franceconnect"');
    expect(res.body).toContain('href="/mot-de-passe-oublie">Mot de passe oublié ?</a>');
    expect(res.body).toContain('href="/creer-mon-compte">Créer mon compte</a>');
    expect(res.body).toContain('autocomplete="current-password"');
  });

  it('logs in with NIR + password + the code sent by e-mail, and greets the person on /mon-espace', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    // Spaces and lower case are accepted in the identifier.
    const spaced = account.login_id.replace(/^(.)(..)(..)(..)(...)(...)(..)$/, '$1 $2 $3 $4 $5 $6 $7').toLowerCase();
    const first = await b.post('/connexion', { identifier: ` ${spaced} `, password: PASSWORD });
    expect(first.statusCode).toBe(303);
    expect(location(first)).toBe('/connexion/code');
    const flowCookie = first.cookies.find((c) => c.name === 'mc_login');
    expect(flowCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/connexion' });
    expect(flowCookie!.value).not.toContain(account.id);
    expect(first.cookies.find((c) => c.name === 'mc_session')).toBeUndefined();

    const codePage = await b.get('/connexion/code');
    expect(codePage.body).toContain(`…@exemple.fr`);
    expect(codePage.body).not.toContain(account.contact_value);
    const messages = await messagesTo(t.ctx, account.contact_value);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'email', subject: 'Votre code de connexion Mon Compte', status: 'queued' });

    // Nothing personal is reachable before the code.
    expect(location(await b.get('/mon-espace'))).toBe('/connexion');

    const code = await lastCode(t.ctx, account.contact_value);
    const second = await b.post('/connexion/code', { code });
    expect(second.statusCode).toBe(303);
    expect(location(second)).toBe('/mon-espace');
    const session = second.cookies.find((c) => c.name === 'mc_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session!.secure).toBeFalsy();
    expect(Buffer.from(session!.value, 'base64url').length).toBeGreaterThanOrEqual(16);

    const home = await b.get('/mon-espace');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Bonjour Marie DUPONT');
    expect(home.body).toContain('href="/mon-espace/demarches">Mes démarches</a>');
    expect(home.body).toContain('href="/mon-espace/securite">Sécurité du compte</a>');
    expect(home.body).toContain('Se déconnecter');
    expect(home.body).toContain('href="/mon-espace">Mon Compte');
    expect(home.body).toContain(`src="${assetUrl('/assets/js/session-timeout.js')}"`);
    // The code is single use and the flow is gone.
    expect(location(await b.get('/connexion/code'))).toBe('/connexion?message=connexion');
    expect(await auditTypes(t.ctx, account.id)).toEqual(['code_sent', 'login_succeeded']);
  });

  it('shows the prestation the person came for', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await b.request({ method: 'GET', url: '/connexion', headers: { cookie: 'mc_intent=prime-activite' } });
    // TestBrowser keeps the cookies it received; set the intent like the catalogue would.
    (b as unknown as { cookies: Map<string, string> }).cookies.set('mc_intent', 'prime-activite');
    await logIn(t.ctx, b, account);
    const home = await b.get('/mon-espace');
    expect(home.body).toContain('Prime d’activité');
  });

  it('masks an SMS destination as « 06 •• •• •• 78 »', async () => {
    const account = await createTestAccount(t.ctx, { contact_kind: 'sms', contact_value: '+33612345678' });
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    await b.post('/connexion', { identifier: account.login_id, password: PASSWORD });
    const page = await b.get('/connexion/code');
    expect(page.body).toContain('par SMS au numéro suivant\u00a0: <strong>06 •• •• •• 78</strong>');
    expect(page.body).not.toContain('12 34 56');
    expect(page.body).not.toContain('612345678');
    expect((await messagesTo(t.ctx, '+33612345678'))[0]).toMatchObject({ channel: 'sms' });
  });

  it('gives 5 tries for the code, then asks for a new one after the cooldown', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    await b.post('/connexion', { identifier: account.login_id, password: PASSWORD });
    await b.get('/connexion/code');
    const good = await lastCode(t.ctx, account.contact_value);
    const wrong = good === '000000' ? '111111' : '000000';
    const first = await submitRefused(b, '/connexion/code', { code: wrong });
    expect(first.body).toContain('Le code de vérification n’est pas le bon. Il vous reste 4 essais.');
    // The code typed is never kept nor shown again.
    expect(first.body).not.toContain(`value="${wrong}"`);
    for (let i = 0; i < 3; i++) await b.post('/connexion/code', { code: wrong });
    const fifth = await submitRefused(b, '/connexion/code', { code: wrong });
    expect(fifth.body).toContain(
      'Vous avez saisi 5 codes erronés. Pour votre sécurité, ce code n’est plus valable\u00a0: demandez un nouveau code.',
    );
    // The 5th wrong code also counts as the 5th login failure: a 1-second wait.
    // The wait goes back to the code's page (303), which answers 429 with Retry-After (never the code typed).
    const waiting = await submitThrottled(b, '/connexion/code', { code: good });
    expect(waiting.body).not.toContain(`value="${good}"`);
    t.clock.advance(2000);
    const sixth = await submitRefused(b, '/connexion/code', { code: good });
    expect(sixth.body).toContain('Vous avez saisi 5 codes erronés');
    // Resend: refused during the cooldown (the seconds left), then a new code works.
    const early = await submitThrottled(b, '/connexion/code/renvoyer', {}, '/connexion/code');
    expect(early.body).toContain('Un code vient de vous être envoyé. Vous pourrez en demander un nouveau dans 58 secondes.');
    // A reload of that page is a GET: no new code asked, the error shown once.
    const sent = (await messagesTo(t.ctx, account.contact_value)).length;
    const reloaded = await b.get('/connexion/code');
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.body).not.toContain('govuk-error-summary');
    expect(await messagesTo(t.ctx, account.contact_value)).toHaveLength(sent);
    t.clock.advance(61_000);
    const resent = await b.post('/connexion/code/renvoyer', {});
    expect(location(resent)).toBe('/connexion/code?renvoye=1');
    await b.get('/connexion/code?renvoye=1');
    const fresh = await lastCode(t.ctx, account.contact_value);
    const ok = await b.post('/connexion/code', { code: fresh });
    expect(location(ok)).toBe('/mon-espace');
    const types = await auditTypes(t.ctx, account.id);
    expect(types.filter((x) => x === 'code_failed')).toHaveLength(6);
    expect(types.filter((x) => x === 'code_sent')).toHaveLength(2);
  });

  it('sends at most 5 new codes for one login, then says so in the registration’s words', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    await b.post('/connexion', { identifier: account.login_id, password: PASSWORD });
    for (let i = 0; i < 5; i++) {
      t.clock.advance(61_000);
      expect(location(await b.post('/connexion/code/renvoyer', {}))).toBe('/connexion/code?renvoye=1');
    }
    t.clock.advance(61_000);
    const refused = await submitThrottled(b, '/connexion/code/renvoyer', {}, '/connexion/code');
    // The limit lasts at most as long as the login flow (15 minutes from the password): the wait is in minutes.
    expect(refused.body).toMatch(
      /Trop de codes ont été envoyés\. Pour votre sécurité, merci de patienter [1-9]\d? minutes? avant de demander un nouveau code, ou contactez votre Caf\./,
    );
    expect(await messagesTo(t.ctx, account.contact_value)).toHaveLength(6);
  });

  it('session fixation: a cookie present before login is never the one after', async () => {
    const account = await createTestAccount(t.ctx);
    const other = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    const cookies = (b as unknown as { cookies: Map<string, string> }).cookies;
    cookies.set('mc_session', 'planted-by-an-attacker-000000000000000000000');
    await logIn(t.ctx, b, account);
    const after = b.cookie('mc_session');
    expect(after).toBeDefined();
    expect(after).not.toBe('planted-by-an-attacker-000000000000000000000');
    // Logging in again (as someone else) in the same browser gives yet another id and ends the first.
    const before = after!;
    await logIn(t.ctx, b, other);
    expect(b.cookie('mc_session')).not.toBe(before);
    const stale = await t.app.inject({ url: '/mon-espace', cookies: { mc_session: before } });
    expect(location(stale)).toBe('/connexion');
  });

  it('logout (POST with CSRF) ends the session server-side: the old cookie no longer works', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    const token = b.cookie('mc_session')!;
    await b.get('/mon-espace');
    const out = await b.post('/deconnexion', {});
    expect(out.statusCode).toBe(303);
    expect(location(out)).toBe('/deconnexion');
    expect(b.cookie('mc_session')).toBeUndefined();
    expect((await b.get('/deconnexion')).body).toContain('Vous êtes déconnecté');
    const replay = await t.app.inject({ url: '/mon-espace', cookies: { mc_session: token } });
    expect(replay.statusCode).toBe(303);
    expect(location(replay)).toBe('/connexion');
    expect(await auditTypes(t.ctx, account.id)).toContain('logout');
  });

  it('requireAccount: pages go to /connexion, JSON gets a 401', async () => {
    expect(location(await t.app.inject({ url: '/mon-espace' }))).toBe('/connexion');
    const json = await t.app.inject({ url: '/mon-espace', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(401);
    expect(json.json().error.code).toBe('AUTH_REQUIRED');
  });
});

describe('sessions over time (test clock)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('expires after 30 minutes without activity, with a banner on /connexion', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    t.clock.advance(29 * 60_000);
    expect((await b.get('/mon-espace')).statusCode).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await b.get('/mon-espace')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const expired = await b.get('/mon-espace');
    expect(location(expired)).toBe('/connexion?session=expiree');
    expect((await b.get('/connexion?session=expiree')).body).toContain('Votre session a expiré après 30 minutes sans activité');
    expect(await auditTypes(t.ctx, account.id)).toContain('session_ended');
  });

  it('« Rester connecté » keeps the session alive; /session/expiration explains', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    const home = await b.get('/mon-espace');
    expect(home.body).toContain('id="session-timeout" hidden');
    expect(home.body).toContain('data-warn-after-seconds="1500"');
    t.clock.advance(25 * 60_000 + 30_000);
    // The warning page does not need JavaScript.
    const warning = await b.get('/session/expiration');
    expect(warning.body).toContain('Votre session va expirer');
    t.clock.advance(25 * 60_000);
    const stay = await b.post('/session/prolonger', { retour: '/mon-espace/securite' });
    expect(location(stay)).toBe('/mon-espace/securite');
    t.clock.advance(29 * 60_000);
    expect((await b.get('/mon-espace')).statusCode).toBe(200);
    // Only our own paths as a return address.
    expect(location(await b.post('/session/prolonger', { retour: '//evil.example/x' }))).toBe('/mon-espace');
    t.clock.advance(31 * 60_000);
    expect((await b.get('/session/expiration')).body).toContain('Votre session a expiré');
  });

  it('ends 12 hours after login, however active the person is', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    for (let i = 0; i < 35; i++) {
      t.clock.advance(20 * 60_000);
      expect((await b.get('/mon-espace')).statusCode).toBe(200);
    }
    t.clock.advance(20 * 60_000);
    expect(location(await b.get('/mon-espace'))).toBe('/connexion?session=expiree');
  });
});

describe('login without the second factor (LOGIN_SECOND_FACTOR=false)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: testConfig({ LOGIN_SECOND_FACTOR: 'false', ...argon2Fast }) });
  });
  afterAll(() => t.close());

  it('goes straight to /mon-espace and sends no code', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    const res = await b.post('/connexion', { identifier: account.login_id, password: PASSWORD });
    expect(location(res)).toBe('/mon-espace');
    expect(await messagesTo(t.ctx, account.contact_value)).toEqual([]);
    expect((await b.get('/mon-espace')).body).toContain('Bonjour Marie DUPONT');
  });
});

describe('no enumeration in the answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('answers a wrong password and an unknown identifier with the same status and the same page', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    const unknownId = '199017512345678';
    const wrongAnswer = await b.post('/connexion', { identifier: account.login_id, password: 'PasLeBon2026' });
    const wrong = await b.get(location(wrongAnswer));
    const unknownAnswer = await b.post('/connexion', { identifier: unknownId, password: 'PasLeBon2026' });
    const unknown = await b.get(location(unknownAnswer));
    expect(unknownAnswer.statusCode).toBe(wrongAnswer.statusCode);
    expect(unknownAnswer.headers.location).toBe(wrongAnswer.headers.location);
    expect(Object.keys(unknownAnswer.headers).sort()).toEqual(Object.keys(wrongAnswer.headers).sort());
    expect(wrong.body).toContain('Identifiant ou mot de passe incorrect.');
    // Same page but for the identifier typed back into the field.
    expect(unknown.body.replace(unknownId, 'X')).toBe(wrong.body.replace(account.login_id, 'X'));
    expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(wrong.headers).sort());
    // The audit knows the difference (support needs it); it never holds a full NIR.
    const failed = await t.ctx.database.db.selectFrom('audit_events').selectAll().where('type', '=', 'login_failed').execute();
    expect(failed.map((e) => JSON.parse(e.details).reason).sort()).toEqual(['unknown_identifier', 'wrong_password']);
    for (const e of failed) {
      expect(e.details).not.toContain(account.login_id);
      expect(e.details).not.toContain(unknownId);
      expect(JSON.parse(e.details).identifier).toMatch(/^\w{5}\*{10}$/);
      expect(e.ip).toBe('127.0.0.1');
    }
  });

  it('an account without a password (FranceConnect only) answers like a wrong password', async () => {
    const account = await createTestAccount(t.ctx);
    await t.ctx.database.db.updateTable('accounts').set({ password_hash: null }).where('id', '=', account.id).execute();
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    const res = await submitRefused(b, '/connexion', { identifier: account.login_id, password: PASSWORD });
    expect(res.body).toContain('Identifiant ou mot de passe incorrect.');
  });

  it('asks for both fields when empty', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    const res = await submitRefused(b, '/connexion', { identifier: '', password: '' });
    expect(res.body).toContain('Saisissez votre numéro de sécurité sociale ou votre identifiant provisoire.');
    expect(res.body).toContain('Saisissez votre mot de passe.');
    expect(res.body).toContain('<title>Erreur\u00a0: ');
  });
});

describe('throttling over HTTP', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('slows down after 5 failures, refuses without checking the password, tells how long to wait, and forgets after a success', async () => {
    t = await buildTestApp();
    const account = await createTestAccount(t.ctx);
    let verifications = 0;
    const verify = t.ctx.passwords.verify.bind(t.ctx.passwords);
    t.ctx.passwords.verify = async (h, p) => {
      verifications++;
      return verify(h, p);
    };
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    for (let i = 0; i < 4; i++)
      expect(location(await b.post('/connexion', { identifier: account.login_id, password: 'PasLeBon2026' }))).toBe('/connexion');
    const fifth = await submitRefused(b, '/connexion', { identifier: account.login_id, password: 'PasLeBon2026' });
    expect(fifth.body).toContain('Merci de patienter 1 seconde avant de réessayer.');
    expect(verifications).toBe(5);
    // Even the right password is refused during the delay, and not even checked.
    // Back to the login page (303), which answers the 429 with its Retry-After and says the wait once.
    const refused = await submitThrottled(b, '/connexion', { identifier: account.login_id, password: PASSWORD });
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body).toContain(`value="${account.login_id}"`);
    const reloaded = await b.get('/connexion');
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.body).not.toContain('Merci de patienter');
    expect(refused.body).toContain('Merci de patienter 1 seconde avant de réessayer.');
    expect(refused.body).toContain('href="/mot-de-passe-oublie"');
    expect(verifications).toBe(5);
    // The delays grow: after 7 more failures (each after its wait), the wait is 128 s.
    for (let i = 0; i < 7; i++) {
      t.clock.advance(5 * 60_000);
      await b.post('/connexion', { identifier: account.login_id, password: 'PasLeBon2026' });
    }
    const slow = await submitThrottled(b, '/connexion', { identifier: account.login_id, password: PASSWORD });
    expect(Number(slow.headers['retry-after'])).toBeGreaterThan(120);
    expect(slow.body).toContain('Merci de patienter 3 minutes avant de réessayer.');
    // « Mot de passe oublié ? » keeps working meanwhile.
    await b.get('/mot-de-passe-oublie');
    const reset = await b.post('/mot-de-passe-oublie', { identifier: account.login_id });
    expect(location(reset)).toBe('/mot-de-passe-oublie/code');
    // After the wait, the right password goes through, and the counter starts again from zero.
    t.clock.advance(3 * 60_000);
    await logIn(t.ctx, b, account);
    await b.post('/deconnexion', {});
    await b.get('/connexion');
    for (let i = 0; i < 4; i++)
      expect((await submitRefused(b, '/connexion', { identifier: account.login_id, password: 'PasLeBon2026' })).body).not.toContain(
        'Merci de patienter',
      );
    const types = await auditTypes(t.ctx, null);
    expect(types).toContain('login_throttled');
  });

  it('an unknown identifier is throttled exactly like an existing one', async () => {
    t = await buildTestApp();
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    const answers = async (identifier: string) => {
      const out: string[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await b.post('/connexion', { identifier, password: 'PasLeBon2026' });
        const shown = r.statusCode === 303 ? await b.get(location(r)) : r;
        out.push(`${r.statusCode} ${/Merci de patienter[^.]*\./.exec(shown.body)?.[0] ?? ''}`);
      }
      return out;
    };
    expect(await answers('199017512345678')).toEqual(await answers(account.login_id));
  });

  it('counts failures per IP across identifiers', async () => {
    t = await buildTestApp({ env: { ARGON2_MEMORY_KIB: '19456' } });
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    for (let i = 0; i < 100; i++) await b.post('/connexion', { identifier: `1990175${String(10000000 + i)}`, password: 'x' });
    await submitThrottled(b, '/connexion', { identifier: '199017510000100', password: 'x' });
    const other = await t.app.inject({
      method: 'POST',
      url: '/connexion',
      remoteAddress: '203.0.113.5',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        cookie: `mc_csrf=${b.cookie('mc_csrf')}`,
      },
      payload: `_csrf=${encodeURIComponent(b.csrfToken())}&identifier=199017500000000&password=x`,
    });
    expect(location(other)).toBe('/connexion');
  });
});
