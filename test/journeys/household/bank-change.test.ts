import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHousehold, currentBankAccount } from '../../../src/household/repository';
import { RECENT_FRANCECONNECT_MS } from '../../../src/accounts/reauthentication';
import { auditTypes, createTestAccount, logIn, PASSWORD } from '../../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { createLinkedAccount, franceConnectAs, useStandinApp } from '../../support/franceconnect';
import { addAccountMember } from '../../support/household';
import { location, submitRefused, submitThrottled, text } from '../../support/http';
import { lastCode, messagesTo } from '../../support/outbox';
import { BANK_PAGE, changeBankAccount, NEW_IBAN, OLD_IBAN, responsableWithDossier } from '../../recovery/support';

/**
 * « Déclarer un nouveau compte bancaire »: the password AND a code to the verified contact in the
 * same protected step; each refusal goes back (303) to the step's page, at its field with the IBAN and
 * holder kept (sealed, never the password nor the code); on success every verified
 * contact of the dossier's managers is told (IBAN masked), an audit row is written, and the page says
 * from when the new account is paid to.
 */
const CONFIRM = `${BANK_PAGE}/confirmation`;
const typed = { iban: 'FR76 1010 7001 0112 3456 7890 129', holder: 'Marie DUPONT' };

async function auditRows(t: TestApp, accountId: string, type: string) {
  return (
    await t.ctx.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('account_id', '=', accountId)
      .where('type', '=', type)
      .orderBy('id')
      .execute()
  ).map((r) => JSON.parse(r.details) as Record<string, unknown>);
}

describe('changing the bank account through the pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { BANK_CHANGE_DELAY_DAYS: '7' } });
  });
  afterAll(() => t.close());

  it('refuses each missing or wrong proof at its field, keeping the IBAN typed; then the change goes through, told and audited', async () => {
    const { account, householdId } = await responsableWithDossier(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    const form = await b.get(BANK_PAGE);
    expect(text(form.body)).toContain('nous vous demanderons ensuite votre mot de passe et un code envoyé à vos coordonnées de contact');

    const step = await b.post(BANK_PAGE, typed);
    expect(step.statusCode).toBe(200);
    expect(text(step.body)).toContain('Nous vous avons envoyé un code par mail à l’adresse …@exemple.fr');
    expect(step.body).toContain(`value="${typed.iban}"`);
    const code = await lastCode(t.ctx, account.contact_value);
    const codeMessage = (await messagesTo(t.ctx, account.contact_value)).at(-1)!;
    expect(codeMessage.subject).toBe('Votre code pour changer de compte bancaire');

    // Nothing typed: both said at once, no try counted.
    const empty = await submitRefused(b, CONFIRM, { ...typed, currentPassword: '', code: '' });
    expect(text(empty.body)).toContain('Saisissez votre mot de passe.');
    expect(text(empty.body)).toContain('Saisissez le code de vérification à 6 chiffres.');
    expect(empty.body).toContain(`value="${typed.iban}"`);
    expect(await auditTypes(t.ctx, account.id)).not.toContain('login_failed');

    // A wrong password: said at the field, counted; the IBAN and holder are kept, sealed — the
    // password and the code (not tried) are not: they are typed again.
    const wrongPassword = await b.post(CONFIRM, { ...typed, currentPassword: 'Mauvais2026', code });
    expect(location(wrongPassword)).toBe(CONFIRM);
    const kept = await t.ctx.database.db.selectFrom('form_states').select(['page', 'sealed']).where('page', '=', CONFIRM).execute();
    expect(kept).toHaveLength(1);
    const stored = Buffer.from(kept[0]!.sealed, 'base64url').toString('latin1');
    for (const secret of ['1010 7001', 'Marie DUPONT', 'Mauvais2026', code]) expect(stored).not.toContain(secret);
    const refusedPage = await b.get(CONFIRM);
    expect(refusedPage.statusCode).toBe(200);
    expect(refusedPage.body).toMatch(/id="currentPassword-error"[^>]*>[\s\S]*?Votre mot de passe actuel est incorrect\./);
    expect(refusedPage.body).toContain(`value="${typed.iban}"`);
    expect(refusedPage.body).toContain(`value="${typed.holder}"`);
    expect(refusedPage.body).not.toContain(`value="${code}"`);
    expect(refusedPage.body).not.toContain('Mauvais2026');
    // Seen once: the step's page is reached only through a refusal, else step 1.
    expect(location(await b.get(CONFIRM))).toBe(BANK_PAGE);
    expect(await auditRows(t, account.id, 'login_failed')).toEqual([{ step: 'reauthentication' }]);

    // The right password, a wrong code: said at the code with the tries left, counted.
    const wrongCode = await submitRefused(b, CONFIRM, {
      ...typed,
      currentPassword: PASSWORD,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrongCode.body).toMatch(/id="code-error"[^>]*>[\s\S]*?Il vous reste 4 essais\./);
    expect(wrongCode.body).toContain(`value="${typed.iban}"`);
    expect(await auditRows(t, account.id, 'code_failed')).toEqual([{ purpose: 'bank_account_change', reason: 'wrong' }]);
    expect((await currentBankAccount(t.ctx.database.db, householdId))!.iban).toBe(OLD_IBAN);

    const done = await b.post(CONFIRM, { ...typed, currentPassword: PASSWORD, code });
    expect(location(done)).toBe('/mon-espace/foyer/changement');
    const page = text((await b.get('/mon-espace/foyer/changement')).body);
    expect(page).toContain('Votre nouveau compte bancaire a été enregistré.');
    expect(page).toContain(
      'Le nouveau compte recevra les paiements à partir du 3 décembre 2026 à 10:00 ou dès que la Caf l’aura confirmé.',
    );
    // Until then the old account is the one paid to, and the page says so.
    expect(page).toContain('FR76 •••• •••• 0189');
    expect((await currentBankAccount(t.ctx.database.db, householdId))!.iban).toBe(NEW_IBAN);

    const told = (await messagesTo(t.ctx, account.contact_value)).at(-1)!;
    expect(told.subject).toBe('Changement de compte bancaire déclaré sur votre dossier');
    expect(told.text).toContain('un nouveau compte bancaire (FR76 •••• •••• 0129)');
    expect(told.text).toContain('à partir du 3 décembre 2026 à 10:00 ou dès que la Caf l’aura confirmé');
    expect(told.text).not.toContain(NEW_IBAN.slice(4, 20));
    expect(await auditRows(t, account.id, 'bank_account_changed')).toEqual([
      expect.objectContaining({ iban: 'FR76 •••• •••• 0129', proof: 'password', payableFrom: t.clock.now() + 7 * 86_400_000 }),
    ]);

    // The code is single use.
    await b.get(BANK_PAGE);
    const replay = await submitRefused(b, CONFIRM, { ...typed, currentPassword: PASSWORD, code });
    expect(text(replay.body)).toContain('Ce code n’est plus valable');
  });

  it('wrong passwords are counted with the login’s: from the fifth on, refused for a while, even the right one', async () => {
    const { account, householdId } = await responsableWithDossier(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    await b.get(BANK_PAGE);
    await b.post(BANK_PAGE, typed);
    const code = await lastCode(t.ctx, account.contact_value);
    for (let i = 0; i < 5; i++) await submitRefused(b, CONFIRM, { ...typed, currentPassword: `Mauvais202${i}`, code });
    // Back to step 2's page (303), which answers 429 with Retry-After; the password and the code are not kept.
    const throttled = await submitThrottled(b, CONFIRM, { ...typed, currentPassword: PASSWORD, code });
    expect(throttled.body).not.toContain(PASSWORD);
    expect(throttled.body).not.toContain(`value="${code}"`);
    expect(throttled.body).toMatch(/id="currentPassword-error"[^>]*>[\s\S]*?Trop de tentatives\./);
    expect(throttled.body).toContain(`value="${typed.iban}"`);
    expect((await currentBankAccount(t.ctx.database.db, householdId))!.iban).toBe(OLD_IBAN);
    expect(await auditRows(t, account.id, 'login_throttled')).toEqual([{ step: 'reauthentication', scope: 'identifier' }]);
  });

  it('a change by the conjoint with the autorisation de gestion is told to the responsable too', async () => {
    const { account: responsable, householdId } = await responsableWithDossier(t.ctx);
    const conjoint = await createTestAccount(t.ctx, { contact_kind: 'sms', contact_value: '+33612340077' });
    await addAccountMember(t.ctx.database.db, householdId, conjoint, {
      role: 'conjoint',
      birth_date: conjoint.birth_date,
      has_procuration: true,
      joined_at: t.clock.now(),
    });
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, conjoint);
    expect(location(await changeBankAccount(t.ctx, b, conjoint, { iban: NEW_IBAN }))).toBe('/mon-espace/foyer/changement');
    for (const to of [responsable.contact_value, conjoint.contact_value]) {
      const m = (await messagesTo(t.ctx, to)).at(-1)!;
      expect(m.subject).toBe('Changement de compte bancaire déclaré sur votre dossier');
      expect(m.text).toContain('FR76 •••• •••• 0129');
      expect(m.text).not.toContain(NEW_IBAN);
    }
  });

  it('the OpenAPI document shows both JSON steps, the second with the password and the code', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const code = doc.paths['/api/household/changes/bank-account/code'].post;
    expect(Object.keys(code.requestBody.content['application/json'].schema.properties).sort()).toEqual(['holder', 'iban']);
    const change = doc.paths['/api/household/changes/bank-account'].post;
    const body = change.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties).sort()).toEqual(['code', 'currentPassword', 'holder', 'iban']);
    expect(body.required).toEqual(expect.arrayContaining(['iban', 'holder', 'code']));
    expect(change.summary).toContain('mot de passe');
    expect(change.security).toEqual([{ session: [] }]);
  });

  it('a person who does not manage the dossier cannot reach the change', async () => {
    const { householdId } = await responsableWithDossier(t.ctx);
    const conjoint = await createTestAccount(t.ctx);
    await addAccountMember(t.ctx.database.db, householdId, conjoint, {
      role: 'conjoint',
      birth_date: conjoint.birth_date,
      joined_at: t.clock.now(),
    });
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, conjoint);
    expect((await b.get(BANK_PAGE)).statusCode).toBe(403);
    await b.get('/mon-espace');
    expect((await b.post(CONFIRM, { ...typed, currentPassword: PASSWORD, code: '123456' })).statusCode).toBe(403);
  });
});

describe('changing the bank account of an account created with FranceConnect (no password)', () => {
  const fc = useStandinApp();

  it('a FranceConnect login of the last 15 minutes stands for the password, the code is still asked; an older one is refused', async () => {
    const account = await createLinkedAccount(fc.t.ctx, 'angela-dubois-paris', {
      contact_value: 'angela.iban@example.fr',
      password_hash: null,
    });
    const householdId = await createHousehold(fc.t.ctx.database.db, '7654321', fc.t.clock.now());
    await addAccountMember(fc.t.ctx.database.db, householdId, account, {
      role: 'responsable',
      birth_date: account.birth_date,
      joined_at: fc.t.clock.now(),
    });
    const b = new TestBrowser(fc.t.app);
    expect(location((await franceConnectAs(b, { citizenId: 'angela-dubois-paris' })).callback)).toBe('/mon-espace');
    await b.get(BANK_PAGE);
    const step = await b.post(BANK_PAGE, typed);
    expect(step.statusCode).toBe(200);
    expect(step.body).not.toContain('name="currentPassword"');
    expect(text(step.body)).toContain('vous vous êtes connecté avec FranceConnect il y a moins de 15 minutes');
    const noCode = await submitRefused(b, CONFIRM, { ...typed, code: '' });
    expect(noCode.body).not.toContain('name="currentPassword"');
    expect(text(noCode.body)).toContain('Saisissez le code de vérification à 6 chiffres.');
    const done = await b.post(CONFIRM, { ...typed, code: await lastCode(fc.t.ctx, account.contact_value) });
    expect(location(done)).toBe('/mon-espace/foyer/changement');
    expect(await auditRows(fc.t, account.id, 'bank_account_changed')).toEqual([expect.objectContaining({ proof: 'franceconnect' })]);

    fc.t.clock.advance(RECENT_FRANCECONNECT_MS + 60_000);
    const old = await b.get(BANK_PAGE);
    expect(text(old.body)).toContain('connectez-vous de nouveau avec FranceConnect');
    expect(old.body).not.toContain('name="iban"');
    // Refused: back to the step's page (303), which says to log in again with FranceConnect.
    const refused = await submitRefused(b, CONFIRM, { ...typed, code: '123456' });
    expect(text(refused.body)).toContain('connectez-vous de nouveau avec FranceConnect');
    expect((await auditRows(fc.t, account.id, 'bank_account_changed')).length).toBe(1);
  });
});
