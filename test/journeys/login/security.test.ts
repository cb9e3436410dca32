import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountById } from '../../../src/accounts/repository';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { auditTypes, createTestAccount, logIn, PASSWORD } from '../../support/accounts';
import { location, submitRefused, submitThrottled, text } from '../../support/http';
import { lastCode, messagesTo } from '../../support/outbox';

const FIREFOX = { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0' };
const ANDROID = {
  'user-agent': 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
};

describe('« Sécurité du compte »', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('lists recent logins and current sessions; ends one other session, then all others', async () => {
    const account = await createTestAccount(t.ctx);
    const me = new TestBrowser(t.app);
    const phone = new TestBrowser(t.app);
    const tablet = new TestBrowser(t.app);
    await logIn(t.ctx, phone, account, PASSWORD, ANDROID);
    await logIn(t.ctx, tablet, account, PASSWORD, ANDROID);
    await logIn(t.ctx, me, account, PASSWORD, FIREFOX);
    const page = await me.get('/mon-espace/securite', FIREFOX);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Firefox sous Windows');
    expect(page.body).toContain('Chrome sous Android');
    expect(page.body).toContain('Cette session');
    expect(page.body.match(/Mettre fin à cette session/g)).toHaveLength(2);
    expect(page.body).toContain('Se déconnecter de tous les autres appareils');
    expect(page.body.match(/Mot de passe<\/td>/g)).toHaveLength(3);

    const handle = /name="session" value="([0-9a-f]{32})"/.exec(page.body)![1]!;
    const ended = await me.post('/mon-espace/securite/sessions/fin', { session: handle }, { headers: FIREFOX });
    expect(location(ended)).toBe('/mon-espace/securite');
    const stillSignedIn = [(await phone.get('/mon-espace')).statusCode, (await tablet.get('/mon-espace')).statusCode].sort();
    expect(stillSignedIn).toEqual([200, 303]);
    // An unknown handle (or the current session) cannot be ended this way.
    expect((await me.post('/mon-espace/securite/sessions/fin', { session: 'f'.repeat(32) })).statusCode).toBe(404);

    await me.get('/mon-espace/securite');
    expect(location(await me.post('/mon-espace/securite/sessions/autres/fin', {}))).toBe('/mon-espace/securite');
    expect(location(await phone.get('/mon-espace'))).toBe('/connexion');
    expect(location(await tablet.get('/mon-espace'))).toBe('/connexion');
    const after = await me.get('/mon-espace/securite');
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('Toutes vos autres sessions ont été fermées.');
    // shown once: a reload shows the page without it
    expect((await me.get('/mon-espace/securite')).body).not.toContain('Toutes vos autres sessions ont été fermées.');
    expect((await auditTypes(t.ctx, account.id)).filter((x) => x === 'session_ended')).toHaveLength(2);
  });

  it('changing the password asks for the current one, rotates the session id and ends the others', async () => {
    const account = await createTestAccount(t.ctx);
    const me = new TestBrowser(t.app);
    const other = new TestBrowser(t.app);
    await logIn(t.ctx, other, account);
    await logIn(t.ctx, me, account);
    const before = me.cookie('mc_session');
    await me.get('/mon-espace/securite/mot-de-passe');
    const wrong = await submitRefused(me, '/mon-espace/securite/mot-de-passe', {
      currentPassword: 'PasLeBon2026',
      password: 'NouveauMdp2027',
      passwordConfirmation: 'NouveauMdp2027',
    });
    expect(wrong.body).toContain('Votre mot de passe actuel est incorrect.');
    const ok = await me.post('/mon-espace/securite/mot-de-passe', {
      currentPassword: PASSWORD,
      password: 'NouveauMdp2027',
      passwordConfirmation: 'NouveauMdp2027',
    });
    expect(location(ok)).toBe('/mon-espace/securite');
    const after = me.cookie('mc_session');
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect((await me.get('/mon-espace')).statusCode).toBe(200);
    expect(location(await t.app.inject({ url: '/mon-espace', cookies: { mc_session: before! } }))).toBe('/connexion');
    expect(location(await other.get('/mon-espace'))).toBe('/connexion');
    expect((await messagesTo(t.ctx, account.contact_value)).at(-1)?.subject).toBe('Votre mot de passe a été modifié');
    expect(await auditTypes(t.ctx, account.id)).toEqual(expect.arrayContaining(['login_failed', 'password_changed', 'session_ended']));
  });

  it('changing the password while throttled: back to its page (303), which answers 429 with Retry-After and says until when; a reload changes nothing', async () => {
    const account = await createTestAccount(t.ctx);
    const me = new TestBrowser(t.app);
    await logIn(t.ctx, me, account);
    const sent = (await messagesTo(t.ctx, account.contact_value)).length;
    // 12 failures of the login counters (from another address): a wait of 2 minutes 8 seconds.
    for (let i = 0; i < 12; i++) await t.ctx.loginThrottle.failure({ identifier: account.login_id, ip: '203.0.113.66' });
    await me.get('/mon-espace/securite/mot-de-passe');
    // Even the right password is not looked at during the wait; no password is shown back.
    const page = await submitThrottled(me, '/mon-espace/securite/mot-de-passe', {
      currentPassword: PASSWORD,
      password: 'NouveauMdp2027',
      passwordConfirmation: 'NouveauMdp2027',
    });
    expect(Number(page.headers['retry-after'])).toBe(128);
    expect(page.body).toMatch(/id="currentPassword-error"[^>]*>[\s\S]*?Trop de tentatives\./);
    expect(text(page.body)).toMatch(/Vous pourrez réessayer à partir de \d\d:\d\d\./);
    expect(page.body).not.toContain(PASSWORD);
    expect(page.body).not.toContain('NouveauMdp2027');
    const audited = await auditTypes(t.ctx, account.id);
    expect(audited.at(-1)).toBe('login_throttled');
    // A reload is a GET: the page without the error, nothing checked nor changed.
    const reloaded = await me.get('/mon-espace/securite/mot-de-passe');
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.headers['retry-after']).toBeUndefined();
    expect(reloaded.body).not.toContain('govuk-error-summary');
    expect(await auditTypes(t.ctx, account.id)).toEqual(audited);
    expect(await messagesTo(t.ctx, account.contact_value)).toHaveLength(sent);
    const kept = await findAccountById(t.ctx.database.db, account.id);
    expect(await t.ctx.passwords.verify(kept!.password_hash!, PASSWORD)).toBe(true);
  });

  it('a new contact is verified by a code before it replaces the old one, and the old one is told', async () => {
    const account = await createTestAccount(t.ctx);
    const me = new TestBrowser(t.app);
    await logIn(t.ctx, me, account);
    await me.get('/mon-espace/securite/contact');
    await submitRefused(me, '/mon-espace/securite/contact', {
      kind: 'sms',
      phone: '06 12 34 56 78',
      currentPassword: 'PasLeBon2026',
    });
    await submitRefused(me, '/mon-espace/securite/contact', {
      kind: 'sms',
      phone: '01 23 45 67 89',
      currentPassword: PASSWORD,
    });
    const started = await me.post('/mon-espace/securite/contact', { kind: 'sms', phone: '06 98 76 54 32', currentPassword: PASSWORD });
    expect(location(started)).toBe('/mon-espace/securite/contact/code');
    const codePage = await me.get('/mon-espace/securite/contact/code');
    expect(codePage.body).toContain('par SMS au numéro suivant\u00a0: <strong>06 •• •• •• 32</strong>');
    expect(codePage.body).not.toContain('98 76 54');
    // Not replaced yet.
    expect((await findAccountById(t.ctx.database.db, account.id))?.contact_value).toBe(account.contact_value);
    const code = await lastCode(t.ctx, '+33698765432');
    await submitRefused(me, '/mon-espace/securite/contact/code', { code: code === '000000' ? '111111' : '000000' });
    expect(location(await me.post('/mon-espace/securite/contact/code', { code }))).toBe('/mon-espace/securite');
    const updated = await findAccountById(t.ctx.database.db, account.id);
    expect(updated).toMatchObject({ contact_kind: 'sms', contact_value: '+33698765432' });
    const toOld = (await messagesTo(t.ctx, account.contact_value)).at(-1);
    expect(toOld?.subject).toBe('Vos coordonnées de contact ont été modifiées');
    expect(toOld?.text).toContain('06 •• •• •• 32');
    expect(await auditTypes(t.ctx, account.id)).toEqual(expect.arrayContaining(['contact_changed', 'code_failed']));
    // The next login code goes to the new contact.
    const next = new TestBrowser(t.app);
    await next.get('/connexion');
    await next.post('/connexion', { identifier: account.login_id, password: PASSWORD });
    expect((await messagesTo(t.ctx, '+33698765432')).at(-1)?.subject).toBe('Votre code de connexion Mon Compte');
  });

  it('a contact change is a flow of this browser and this account: replaced by a new request, used once', async () => {
    const account = await createTestAccount(t.ctx);
    const me = new TestBrowser(t.app);
    await logIn(t.ctx, me, account);
    await me.get('/mon-espace/securite/contact');
    await me.post('/mon-espace/securite/contact', { kind: 'email', email: 'premiere@example.fr', currentPassword: PASSWORD });
    const first = await lastCode(t.ctx, 'premiere@example.fr');
    const firstCookie = me.cookie('mc_contact')!;
    await me.post('/mon-espace/securite/contact', { kind: 'email', email: 'seconde@example.fr', currentPassword: PASSWORD });
    expect(me.cookie('mc_contact')).not.toBe(firstCookie);
    // Only the last request is pending: one flow for the account, the first code leads nowhere.
    const pending = await t.ctx.database.db
      .selectFrom('flows')
      .select(['kind', 'data'])
      .where('account_id', '=', account.id)
      .where('kind', '=', 'contact_change')
      .execute();
    expect(pending.map((f) => JSON.parse(f.data).value)).toEqual(['seconde@example.fr']);
    await submitRefused(me, '/mon-espace/securite/contact/code', { code: first });
    // Another account's browser holding this cookie finds nothing.
    const other = await createTestAccount(t.ctx);
    const intruder = new TestBrowser(t.app);
    await logIn(t.ctx, intruder, other);
    (intruder as unknown as { cookies: Map<string, string> }).cookies.set('mc_contact', me.cookie('mc_contact')!);
    expect(location(await intruder.get('/mon-espace/securite/contact/code'))).toBe('/mon-espace/securite/contact');
    // The right code changes the contact once; the code page then leads back to the form.
    const code = await lastCode(t.ctx, 'seconde@example.fr');
    expect(location(await me.post('/mon-espace/securite/contact/code', { code }))).toBe('/mon-espace/securite');
    expect((await findAccountById(t.ctx.database.db, account.id))?.contact_value).toBe('seconde@example.fr');
    expect(location(await me.get('/mon-espace/securite/contact/code'))).toBe('/mon-espace/securite/contact');
    expect(
      await t.ctx.database.db
        .selectFrom('flows')
        .select('id')
        .where('account_id', '=', account.id)
        .where('kind', '=', 'contact_change')
        .execute(),
    ).toEqual([]);
  });

  it('refuses new contact details at their field in the registration’s words; no choice is refused before the password is checked', async () => {
    const account = await createTestAccount(t.ctx);
    const me = new TestBrowser(t.app);
    await logIn(t.ctx, me, account);
    await me.get('/mon-espace/securite/contact');
    const cases: [Record<string, string>, string, string][] = [
      [{ currentPassword: 'PasLeBon2026' }, 'kind', 'Choisissez de recevoir le code par téléphone portable ou par adresse mail.'],
      [{ kind: 'email', email: '', currentPassword: PASSWORD }, 'email', 'Saisissez votre adresse mail.'],
      [
        { kind: 'email', email: 'marie@exemple', currentPassword: PASSWORD },
        'email',
        'Saisissez une adresse mail valide, sous la forme nom@exemple.fr.',
      ],
      [{ kind: 'sms', phone: '', currentPassword: PASSWORD }, 'phone', 'Saisissez votre numéro de téléphone portable.'],
      [{ kind: 'sms', phone: '01 23 45 67 89', currentPassword: PASSWORD }, 'phone', 'Ce numéro est un numéro de téléphone fixe'],
    ];
    for (const [fields, field, message] of cases) {
      const res = await submitRefused(me, '/mon-espace/securite/contact', fields);
      expect(res.body).toContain(`<a href="#${field}">${message}`);
      expect(res.body).toContain(
        `<p id="${field}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Erreur\u00a0:</span> ${message}`,
      );
    }
    // The wrong password with no choice was not checked: no failure recorded, nothing sent.
    expect(await auditTypes(t.ctx, account.id)).not.toContain('login_failed');
    expect(await auditTypes(t.ctx, account.id)).not.toContain('code_failed');
    expect((await messagesTo(t.ctx, account.contact_value)).filter((m) => m.subject !== 'Votre code de connexion Mon Compte')).toEqual([]);
  });

  it('sends at most 5 codes an hour to one new address, as the sign-up does (nobody’s phone is bombed from a settings page)', async () => {
    const account = await createTestAccount(t.ctx);
    const me = new TestBrowser(t.app);
    await logIn(t.ctx, me, account);
    for (let i = 0; i < 5; i++) {
      await me.get('/mon-espace/securite/contact');
      expect(
        location(await me.post('/mon-espace/securite/contact', { kind: 'sms', phone: '06 11 22 33 99', currentPassword: PASSWORD })),
      ).toBe('/mon-espace/securite/contact/code');
    }
    await me.get('/mon-espace/securite/contact');
    // Back to the form (303), which answers 429 with Retry-After: the number kept, never the password.
    const sixth = await submitThrottled(me, '/mon-espace/securite/contact', {
      kind: 'sms',
      phone: '06 11 22 33 99',
      currentPassword: PASSWORD,
    });
    expect(sixth.body).toContain('<a href="#phone">Trop de codes ont été envoyés');
    expect(sixth.body).toContain('value="06 11 22 33 99"');
    expect(sixth.body).not.toContain(PASSWORD);
    expect((await me.get('/mon-espace/securite/contact')).statusCode).toBe(200);
    expect(await messagesTo(t.ctx, '+33611223399')).toHaveLength(5);
    // Another address still works.
    expect(
      location(
        await me.post('/mon-espace/securite/contact', { kind: 'email', email: 'autre.adresse@exemple.fr', currentPassword: PASSWORD }),
      ),
    ).toBe('/mon-espace/securite/contact/code');
  });

  it('the header’s « Mon Compte » leads to /mon-espace on every page once signed in', async () => {
    const account = await createTestAccount(t.ctx);
    const me = new TestBrowser(t.app);
    expect((await me.get('/')).body).toContain('href="/mon-compte"');
    await logIn(t.ctx, me, account);
    for (const url of ['/', '/aide', '/mon-espace', '/mon-espace/securite', '/page-inconnue']) {
      const body = (await me.get(url)).body;
      expect(body, url).toContain('<a class="mc-header__link" href="/mon-espace">Mon Compte');
    }
  });

  it('every page of the personal space requires a session', async () => {
    for (const url of [
      '/mon-espace',
      '/mon-espace/securite',
      '/mon-espace/securite/mot-de-passe',
      '/mon-espace/securite/contact',
      '/mon-espace/securite/contact/code',
    ]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(303);
      expect(location(res), url).toBe('/connexion');
    }
  });
});

describe('CSRF on every state-changing route of login and account security', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const routes = [
    '/connexion',
    '/connexion/code',
    '/connexion/code/renvoyer',
    '/deconnexion',
    '/session/prolonger',
    '/mot-de-passe-oublie',
    '/mot-de-passe-oublie/code',
    '/mot-de-passe-oublie/code/renvoyer',
    '/mot-de-passe-oublie/nouveau',
    '/mon-espace/securite/sessions/fin',
    '/mon-espace/securite/sessions/autres/fin',
    '/mon-espace/securite/mot-de-passe',
    '/mon-espace/securite/contact',
    '/mon-espace/securite/contact/code',
  ];

  it.each(routes)('POST %s refuses a missing token and a cross-site request', async (url) => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    await b.get('/mon-espace');
    const missing = await b.post(url, { identifier: account.login_id, password: PASSWORD }, { csrf: false });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('Votre formulaire a expiré');
    const crossSite = await b.post(
      url,
      { identifier: account.login_id, password: PASSWORD },
      { headers: { 'sec-fetch-site': 'cross-site' } },
    );
    expect(crossSite.statusCode).toBe(403);
    const otherOrigin = await b.post(url, {}, { headers: { origin: 'https://evil.example' } });
    expect(otherOrigin.statusCode).toBe(403);
    // The session survived all of that.
    expect((await b.get('/mon-espace')).statusCode).toBe(200);
  });
});
