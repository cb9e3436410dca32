import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { auditTypes, createTestAccount, logIn, PASSWORD } from '../../support/accounts';
import { location, submitRefused, submitThrottled } from '../../support/http';
import { lastCode, messagesTo } from '../../support/outbox';

describe('« Mot de passe oublié ? »', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('identifier → code → new password: other sessions ended, contact told, old password refused', async () => {
    const account = await createTestAccount(t.ctx);
    // Two devices signed in before the reset.
    const phone = new TestBrowser(t.app);
    const laptop = new TestBrowser(t.app);
    await logIn(t.ctx, phone, account);
    await logIn(t.ctx, laptop, account);

    const b = new TestBrowser(t.app);
    const form = await b.get('/mot-de-passe-oublie');
    expect(form.statusCode).toBe(200);
    const asked = await b.post('/mot-de-passe-oublie', { identifier: account.login_id });
    expect(location(asked)).toBe('/mot-de-passe-oublie/code');
    expect(asked.cookies.find((c) => c.name === 'mc_reset')).toMatchObject({ httpOnly: true, path: '/mot-de-passe-oublie' });
    const codePage = await b.get('/mot-de-passe-oublie/code');
    expect(codePage.body).toContain('Si un compte Mon Compte correspond');
    // Not reachable before the code.
    expect(location(await b.get('/mot-de-passe-oublie/nouveau'))).toBe('/mot-de-passe-oublie?expiree=1');
    const code = await lastCode(t.ctx, account.contact_value);
    expect(location(await b.post('/mot-de-passe-oublie/code', { code }))).toBe('/mot-de-passe-oublie/nouveau');

    await b.get('/mot-de-passe-oublie/nouveau');
    const weak = await submitRefused(b, '/mot-de-passe-oublie/nouveau', { password: 'court', passwordConfirmation: 'court' });
    expect(weak.body).toContain('Le mot de passe doit comporter entre 10 et 64 caractères');
    expect(weak.body).toContain('data-password-checklist="password-checklist"');
    const mismatch = await submitRefused(b, '/mot-de-passe-oublie/nouveau', {
      password: 'NouveauMdp2027',
      passwordConfirmation: 'NouveauMdp2028',
    });
    expect(mismatch.body).toContain('Les deux mots de passe ne sont pas identiques.');
    const done = await b.post('/mot-de-passe-oublie/nouveau', { password: 'NouveauMdp2027', passwordConfirmation: 'NouveauMdp2027' });
    expect(location(done)).toBe('/mot-de-passe-oublie/termine');
    const confirmation = await b.get('/mot-de-passe-oublie/termine');
    expect(confirmation.body).toContain('Votre mot de passe a été modifié');
    expect(confirmation.body).toContain('href="/connexion"');

    // Every session that existed is over.
    expect(location(await phone.get('/mon-espace'))).toBe('/connexion');
    expect(location(await laptop.get('/mon-espace'))).toBe('/connexion');
    const messages = await messagesTo(t.ctx, account.contact_value);
    expect(messages.at(-1)).toMatchObject({ subject: 'Votre mot de passe a été modifié' });
    expect(messages.at(-1)!.text).not.toContain('NouveauMdp2027');
    // The flow is used up; the old password no longer works, the new one does.
    expect(location(await b.get('/mot-de-passe-oublie/nouveau'))).toBe('/mot-de-passe-oublie?expiree=1');
    const old = new TestBrowser(t.app);
    await old.get('/connexion');
    const refused = await submitRefused(old, '/connexion', { identifier: account.login_id, password: PASSWORD });
    expect(refused.body).toContain('Identifiant ou mot de passe incorrect.');
    await logIn(t.ctx, new TestBrowser(t.app), account, 'NouveauMdp2027');

    const types = await auditTypes(t.ctx, account.id);
    expect(types).toEqual(expect.arrayContaining(['password_reset_requested', 'code_sent', 'password_changed', 'session_ended']));
  });

  it('answers an unknown identifier exactly like a known one, and sends nothing', async () => {
    const account = await createTestAccount(t.ctx);
    const known = new TestBrowser(t.app);
    const unknown = new TestBrowser(t.app);
    await known.get('/mot-de-passe-oublie');
    await unknown.get('/mot-de-passe-oublie');
    const a = await known.post('/mot-de-passe-oublie', { identifier: account.login_id });
    const b = await unknown.post('/mot-de-passe-oublie', { identifier: '199017512345678' });
    expect(b.statusCode).toBe(a.statusCode);
    expect(location(b)).toBe(location(a));
    const pa = await known.get('/mot-de-passe-oublie/code');
    const pb = await unknown.get('/mot-de-passe-oublie/code');
    const strip = (s: string) => s.replace(/name="_csrf" value="[^"]+"/g, '');
    expect(strip(pb.body)).toBe(strip(pa.body));
    const count = await t.ctx.database.db
      .selectFrom('outbox_messages')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('recipient', '=', '')
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(0);
    // Any code is refused for the unknown identifier.
    const wrong = await submitRefused(unknown, '/mot-de-passe-oublie/code', { code: '123456' });
    expect(wrong.body).toContain('Le code de vérification n’est pas le bon. Il vous reste 4 essais.');
    expect(await auditTypes(t.ctx, null)).toContain('password_reset_requested');
  });

  it('limits requests per identifier (the same for existing and unknown identifiers)', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/mot-de-passe-oublie');
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await b.post('/mot-de-passe-oublie', { identifier: '299017512345678' })).statusCode);
    expect(statuses).toEqual([303, 303, 303, 303, 303]);
    // The sixth goes back to the form (303), which answers 429 with Retry-After and the identifier typed.
    const page = await submitThrottled(b, '/mot-de-passe-oublie', { identifier: '299017512345678' });
    expect(page.body).toContain('Merci de patienter');
    expect(page.body).toContain('value="299017512345678"');
  });
});
