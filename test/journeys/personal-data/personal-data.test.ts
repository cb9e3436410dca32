import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, findAccountById } from '../../../src/accounts/repository';
import { DEMO_PASSWORD } from '../../../src/demo/seed';
import { DEMO_PEOPLE } from '../../../src/demo/people';
import { TestBrowser, type TestApp } from '../../support/app';
import { auditTypes, createTestAccount, logIn, PASSWORD, sampleAccount } from '../../support/accounts';
import { location, submitRefused, submitThrottled, text } from '../../support/http';
import { lastCode, messagesTo } from '../../support/outbox';
import { sentDemarche } from '../../justificatifs/support';
import { accountOf, api, demoApp, signedIn } from '../../household/support';

let t: TestApp;
beforeAll(async () => {
  t = await demoApp();
});
afterAll(() => t.close());

describe('« Mes données »', () => {
  it('gives the signed-in person everything held about them, as JSON and as a page, never a secret', async () => {
    const thomas = await accountOf(t, DEMO_PEOPLE.thomasPetit.nir);
    const d = await sentDemarche(t.ctx, thomas);
    const b = await signedIn(t, DEMO_PEOPLE.thomasPetit.nir);
    const res = await api(b, 'GET', '/api/mes-donnees');
    expect(res.statusCode).toBe(200);
    const data = res.json();
    expect(data.account).toMatchObject({
      nir: thomas.nir,
      birthName: thomas.birth_name,
      contact: { value: thomas.contact_value },
      hasPassword: true,
    });
    expect(data.households[0]).toMatchObject({ role: 'responsable' });
    const mine = data.demarches.find((x: { id: string }) => x.id === d.id);
    expect(mine.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['brouillon', 'envoyee']);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.auditEvents.map((e: { type: string }) => e.type)).toContain('login_succeeded');
    expect(res.body).not.toContain(thomas.password_hash!);
    expect(res.body).not.toMatch(/argon2/);
    expect(await auditTypes(t.ctx, thomas.id)).toContain('personal_data_exported');

    const pageRes = await b.get('/mon-espace/mes-donnees');
    expect(pageRes.statusCode).toBe(200);
    expect(pageRes.body).toContain(thomas.contact_value);
    expect(pageRes.body).toContain('href="/mon-espace/mes-donnees/telecharger"');
    const file = await b.get('/mon-espace/mes-donnees/telecharger');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="mes-donnees-mon-compte-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(JSON.parse(file.body).account.loginId).toBe(thomas.login_id);
  });

  it('shows dates, document types and roles in French words on the page, and keeps machine fields in the JSON', async () => {
    const b = await signedIn(t, DEMO_PEOPLE.julienMoreau.nir);
    const page = text((await b.get('/mon-espace/mes-donnees')).body);
    // the date as « Mes informations » writes it, the document by its French name, the role in words
    expect(page).toContain('Date et lieu de naissance 5 septembre 1982, Nantes');
    expect(page).toContain('Titre d’identité Carte nationale d’identité n° 880692310285');
    expect(page).toContain('Dossier 1234567 Responsable du dossier, depuis le');
    expect(page).not.toMatch(/1982-09-05|\bcni\b|\bresponsable,/);
    expect(text((await b.get('/mon-espace/mes-informations')).body)).toContain('5 septembre 1982');

    // the JSON keeps the codes a program reads, with a label for people beside the document's code
    const data = (await api(b, 'GET', '/api/mes-donnees')).json();
    expect(data.account.birthDate).toBe('1982-09-05');
    expect(data.account.identityDocument).toEqual({ kind: 'cni', kindLabel: 'Carte nationale d’identité', number: '880692310285' });
    expect(data.households[0]).toMatchObject({ role: 'responsable', roleLabel: 'Responsable du dossier' });
  });

  it('lists the attestations the person issued — kind, period, issued on, status, counts of checks — never who checked them', async () => {
    const b = await signedIn(t, DEMO_PEOPLE.sophieGarnier.nir);
    const paid = (await api(b, 'POST', '/api/attestations/paiement', { from: '2026-09', to: '2026-10' })).json();
    const qf = (await api(b, 'POST', '/api/attestations/quotient-familial', { month: '2026-11' })).json();
    expect((await api(b, 'POST', `/api/attestations/${qf.id}/revocation`)).statusCode).toBe(200);
    const verifier = '203.0.113.77';
    for (const surname of ['Garnier', 'GARNIER', 'Durand'])
      await t.app.inject({
        method: 'POST',
        url: '/api/attestations/verification',
        payload: { code: paid.code, surname },
        remoteAddress: verifier,
      });

    const res = await api(b, 'GET', '/api/mes-donnees');
    expect(res.statusCode).toBe(200);
    const list = res.json().attestations;
    expect(list).toHaveLength(2);
    const byId = (code: string) => list.find((x: { code: string }) => x.code === code);
    expect(byId(paid.code)).toEqual({
      code: paid.code,
      kind: 'paiement',
      title: 'Attestation de paiement',
      period: { from: '2026-09', to: '2026-10', label: 'de septembre 2026 à octobre 2026' },
      issuedAt: paid.issuedAt,
      expiresAt: paid.expiresAt,
      revokedAt: null,
      status: 'valide',
      statusLabel: 'Valide',
      checkedCount: 2,
      refusedCount: 1,
    });
    expect(byId(qf.code)).toMatchObject({
      kind: 'quotient_familial',
      period: { from: '2026-11', to: '2026-11', label: 'novembre 2026' },
      status: 'revoquee',
      checkedCount: 0,
      refusedCount: 0,
    });
    expect(byId(qf.code).revokedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(res.body).not.toContain(verifier);

    const page = await b.get('/mon-espace/mes-donnees');
    expect(page.body).toContain('<h2 class="govuk-heading-m">Mes attestations</h2>');
    expect(page.body).toMatch(
      /Attestation de paiement, de septembre 2026 à octobre 2026[\s\S]*?délivrée le [^;]+ ; valide ; vérifiée 2 fois \(et 1 tentative avec un autre nom\)/,
    );
    expect(page.body).toMatch(/Attestation de quotient familial, novembre 2026[\s\S]*?; révoquée ; jamais vérifiée/);
    expect(page.body).not.toContain(verifier);
  });

  it('asks for a session, and the route is in the OpenAPI document', async () => {
    expect((await api(new TestBrowser(t.app), 'GET', '/api/mes-donnees')).statusCode).toBe(401);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/mes-donnees']?.get).toBeDefined();
    expect(doc.paths['/api/account/closing']?.post).toBeDefined();
  });
});

describe('closing the online account', () => {
  it('with the password then the code: contact, sessions and credentials go, the dossier and the démarches stay, the NIR can sign up again', async () => {
    const nadia = await accountOf(t, DEMO_PEOPLE.nadiaPetit.nir);
    const d = await sentDemarche(t.ctx, nadia);
    const b = await signedIn(t, DEMO_PEOPLE.nadiaPetit.nir);
    const other = await signedIn(t, DEMO_PEOPLE.nadiaPetit.nir);
    await b.get('/mon-espace/fermer-mon-compte');
    // Each refusal goes back to its step's page (303) with the error; the password and the code are never kept.
    const wrong = await submitRefused(b, '/mon-espace/fermer-mon-compte', { currentPassword: 'pas le bon' });
    expect(text(wrong.body)).toContain('Votre mot de passe actuel est incorrect.');
    expect(wrong.body).not.toContain('pas le bon');
    expect(location(await b.post('/mon-espace/fermer-mon-compte', { currentPassword: DEMO_PASSWORD }))).toBe(
      '/mon-espace/fermer-mon-compte/code',
    );
    await b.get('/mon-espace/fermer-mon-compte/code');
    const code = await lastCode(t.ctx, nadia.contact_value);
    const wrongCode = await submitRefused(b, '/mon-espace/fermer-mon-compte/code', { code: code === '000000' ? '111111' : '000000' });
    expect(wrongCode.body).toMatch(/id="code-error"[^>]*>[\s\S]*?Il vous reste 4 essais\./);
    expect(wrongCode.body).not.toMatch(/value="(000000|111111)"/);
    expect(text((await submitRefused(b, '/mon-espace/fermer-mon-compte/code', { code: '12' })).body)).toContain('6 chiffres');
    const closed = await b.post('/mon-espace/fermer-mon-compte/code', { code });
    expect(location(closed)).toBe('/compte-ferme');

    const row = await findAccountById(t.ctx.database.db, nadia.id);
    expect(row).toMatchObject({ nir: null, contact_value: '', password_hash: null, franceconnect_sub: null });
    expect(row!.closed_at).not.toBeNull();
    expect(await t.ctx.database.db.selectFrom('demarches').select('status').where('id', '=', d.id).executeTakeFirst()).toEqual({
      status: 'envoyee',
    });
    const member = await t.ctx.database.db
      .selectFrom('household_members')
      .selectAll()
      .where('nir', '=', DEMO_PEOPLE.nadiaPetit.nir)
      .executeTakeFirstOrThrow();
    expect(member.account_id).toBeNull();
    expect(member.left_at).toBeNull();
    // every session ended: this browser and the other one
    expect(location(await b.get('/mon-espace'))).toMatch(/^\/connexion/);
    expect(location(await other.get('/mon-espace'))).toMatch(/^\/connexion/);
    expect(await auditTypes(t.ctx, nadia.id)).toEqual(expect.arrayContaining(['account_closing_code_sent', 'account_closed']));
    // the same NIR may open a new account
    const again = await createAccount(
      t.ctx.database.db,
      sampleAccount({ login_id: nadia.nir!, nir: nadia.nir, contact_value: 'nadia@exemple.fr' }),
      t.ctx.clock.now(),
    );
    expect(again.ok).toBe(true);
  });

  it('an account that the Caf’s records do not name is deleted outright; JSON answers the same steps', async () => {
    const a = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, a);
    const wrong = await api(b, 'POST', '/api/account/closing', { currentPassword: 'nope' });
    expect(wrong.statusCode).toBe(400);
    const sent = await api(b, 'POST', '/api/account/closing', { currentPassword: PASSWORD });
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toMatchObject({ status: 'code_sent', contact: { kind: 'email' } });
    const done = await api(b, 'POST', '/api/account/closing/code', { code: await lastCode(t.ctx, a.contact_value) });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ status: 'closed' });
    expect(await findAccountById(t.ctx.database.db, a.id)).toBeUndefined();
    expect((await api(b, 'GET', '/api/mes-donnees')).statusCode).toBe(401);
  });

  it('throttled, or a code already sent: back to the step’s page (303), which answers 429 with Retry-After; a reload sends nothing', async () => {
    const a = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, a);
    const sent = (await messagesTo(t.ctx, a.contact_value)).length;
    // 12 failures of the login counters (from another address): a wait of 2 minutes 8 seconds.
    for (let i = 0; i < 12; i++) await t.ctx.loginThrottle.failure({ identifier: a.login_id, ip: '203.0.113.40' });
    await b.get('/mon-espace/fermer-mon-compte');
    // Even the right password is not looked at during the wait; it is never shown back.
    const throttled = await submitThrottled(b, '/mon-espace/fermer-mon-compte', { currentPassword: PASSWORD });
    expect(Number(throttled.headers['retry-after'])).toBe(128);
    expect(throttled.body).toMatch(/id="currentPassword-error"[^>]*>[\s\S]*?Trop de tentatives\./);
    expect(text(throttled.body)).toMatch(/Vous pourrez réessayer à partir de \d\d:\d\d\./);
    expect(throttled.body).not.toContain(PASSWORD);
    const audited = await auditTypes(t.ctx, a.id);
    expect(audited.at(-1)).toBe('login_throttled');
    // A reload is a GET: the page without the error, nothing checked, no code sent.
    const reloaded = await b.get('/mon-espace/fermer-mon-compte');
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.headers['retry-after']).toBeUndefined();
    expect(reloaded.body).not.toContain('govuk-error-summary');
    expect(await auditTypes(t.ctx, a.id)).toEqual(audited);
    expect(await messagesTo(t.ctx, a.contact_value)).toHaveLength(sent);

    // The wait over, a code is sent; asked again 15 seconds later, the code page says it was just sent.
    t.clock.advance(129_000);
    await b.get('/mon-espace/fermer-mon-compte');
    expect(location(await b.post('/mon-espace/fermer-mon-compte', { currentPassword: PASSWORD }))).toBe(
      '/mon-espace/fermer-mon-compte/code',
    );
    const code = await lastCode(t.ctx, a.contact_value);
    t.clock.advance(15_000);
    await b.get('/mon-espace/fermer-mon-compte');
    const early = await submitThrottled(
      b,
      '/mon-espace/fermer-mon-compte',
      { currentPassword: PASSWORD },
      '/mon-espace/fermer-mon-compte/code',
    );
    expect(Number(early.headers['retry-after'])).toBe(45);
    expect(text(early.body)).toContain('Un code vient de vous être envoyé. Vous pourrez en demander un nouveau dans 45 secondes.');
    expect(early.body).not.toContain(PASSWORD);
    expect(early.body).not.toContain(`value="${code}"`);
    const reloadedCode = await b.get('/mon-espace/fermer-mon-compte/code');
    expect(reloadedCode.statusCode).toBe(200);
    expect(reloadedCode.body).not.toContain('govuk-error-summary');
    expect(await messagesTo(t.ctx, a.contact_value)).toHaveLength(sent + 1);
    // The code sent closes the account.
    expect(location(await b.post('/mon-espace/fermer-mon-compte/code', { code }))).toBe('/compte-ferme');
  });
});
