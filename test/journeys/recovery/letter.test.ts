import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountById } from '../../../src/accounts/repository';
import { LETTER_CODE_TTL_MS } from '../../../src/journeys/recovery/letter';
import { payableBankAccount } from '../../../src/household/bank';
import { recordBankAccount } from '../../../src/household/repository';
import { auditTypes, logIn, PASSWORD } from '../../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { location, submitRefused, submitThrottled, text } from '../../support/http';
import { lastCode, messagesTo } from '../../support/outbox';
import { NEW_IBAN, responsableWithDossier } from '../../recovery/support';

/** Recovery by letter, end to end through HTTP: the letter, the code, the new contact, the new password, and what follows. */
describe('recovery by letter', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());
  const db = () => t.ctx.database.db;
  const letters = () => db().selectFrom('outbox_messages').selectAll().where('channel', '=', 'post').orderBy('created_at').execute();
  const letterCode = async (recipientLine: string) => {
    const l = (await letters()).filter((m) => m.recipient.includes(recipientLine)).at(-1)!;
    return /Votre code personnel : (\d{6})/.exec(l.text)![1]!;
  };
  const NEW_PASSWORD = 'NouveauSecret2027';

  const askLetter = async (b: TestBrowser, identifier: string) => {
    const start = await b.get('/mot-de-passe-oublie/sans-contact');
    expect(start.statusCode).toBe(200);
    const r = await b.post('/mot-de-passe-oublie/sans-contact', { identifier });
    expect(location(r)).toBe('/mot-de-passe-oublie/sans-contact/courrier-demande');
    return text((await b.get(location(r))).body);
  };

  it('« Mot de passe oublié » leads to it; the same answer for an unknown identifier, and a letter only to a dossier’s address', async () => {
    const b = new TestBrowser(t.app);
    expect((await b.get('/mot-de-passe-oublie')).body).toContain('href="/mot-de-passe-oublie/sans-contact"');
    const before = (await letters()).length;
    const unknown = await askLetter(b, '299999999999999');
    expect((await letters()).length).toBe(before);
    const { account } = await responsableWithDossier(t.ctx, { given_names: 'Lucie', birth_name: 'COURRIER' });
    const known = await askLetter(b, account.login_id);
    expect(known).toBe(unknown);
    const [letter] = (await letters()).slice(before);
    expect(letter!.recipient).toBe('Madame Lucie COURRIER\n12 rue des Lilas\n69003 LYON');
    expect(letter!.text).toMatch(/Votre code personnel : \d{6}/);
    expect(letter!.text).toContain('/recuperation/courrier');
    expect(letter!.text).not.toContain(account.login_id);
    // Hashed: the code is nowhere in the codes table.
    const code = await letterCode('Lucie COURRIER');
    const rows = await db().selectFrom('verification_codes').selectAll().where('purpose', '=', 'recovery_letter').execute();
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(rows.at(-1)!.expires_at - rows.at(-1)!.created_at).toBe(LETTER_CODE_TTL_MS);
    expect(await auditTypes(t.ctx, account.id)).toContain('recovery_letter_requested');
  });

  it('with the letter’s code: a new contact verified by a code, a new password; the old contact told, other devices signed out, the code spent', async () => {
    const { account, householdId } = await responsableWithDossier(t.ctx, { given_names: 'Paul', birth_name: 'PERDU' });
    const b = new TestBrowser(t.app);
    await askLetter(b, account.login_id);
    t.clock.advance(5 * 86_400_000); // the letter arrives
    // Someone else is signed in (whoever holds the contact now).
    const elsewhere = new TestBrowser(t.app);
    await logIn(t.ctx, elsewhere, account);
    expect((await elsewhere.get('/mon-espace')).statusCode).toBe(200);
    // A change of bank account waiting for its delay when the recovery completes: held for an agent.
    await recordBankAccount(
      db(),
      householdId,
      { iban: NEW_IBAN, holder: 'X' },
      account.id,
      t.ctx.clock.now(),
      t.ctx.clock.now() + 86_400_000,
    );
    const code = await letterCode('Paul PERDU');
    await b.get('/recuperation/courrier');
    // A refused code goes back to its page (303) with the identifier typed, never the code.
    const typedWrong = code === '000000' ? '111111' : '000000';
    const wrong = await submitRefused(b, '/recuperation/courrier', { identifier: account.login_id, code: typedWrong });
    expect(wrong.body).toContain(`value="${account.login_id}"`);
    expect(wrong.body).not.toContain(`value="${typedWrong}"`);
    const unknown = await submitRefused(b, '/recuperation/courrier', { identifier: '299999999999999', code });
    expect(unknown.body).not.toContain(`value="${code}"`);
    expect(text(unknown.body)).toBe(text(wrong.body));
    const ok = await b.post('/recuperation/courrier', { identifier: account.login_id, code });
    expect(location(ok)).toBe('/recuperation/contact');

    await b.get('/recuperation/contact');
    // The contact and code steps answer a refusal with 303 to their page (the address typed kept, never a code).
    const bad = await submitRefused(b, '/recuperation/contact', { kind: 'email', email: 'pas-une-adresse' });
    expect(bad.body).toContain('value="pas-une-adresse"');
    const sent = await b.post('/recuperation/contact', { kind: 'sms', phone: '06 98 76 54 32' });
    expect(location(sent)).toBe('/recuperation/contact/code');
    await b.get('/recuperation/contact/code');
    const wrongCode = await submitRefused(b, '/recuperation/contact/code', { code: '12' });
    expect(text(wrongCode.body)).toContain('6 chiffres');
    expect(wrongCode.body).not.toContain('value="12"');
    const verified = await b.post('/recuperation/contact/code', { code: await lastCode(t.ctx, '+33698765432') });
    expect(location(verified)).toBe('/recuperation/mot-de-passe');
    await b.get('/recuperation/mot-de-passe');
    // A refused password goes back to its page (303) with the error, never the password.
    const weak = await submitRefused(b, '/recuperation/mot-de-passe', { password: 'court', passwordConfirmation: 'court' });
    expect(weak.body).not.toContain('value="court"');
    expect(await db().selectFrom('form_states').select('id').where('page', '=', '/recuperation/mot-de-passe').execute()).toEqual([]);
    const done = await b.post('/recuperation/mot-de-passe', { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    expect(location(done)).toBe('/recuperation/termine');
    expect(text((await b.get('/recuperation/termine')).body)).toContain('L’accès à votre compte est rétabli');

    const after = (await findAccountById(db(), account.id))!;
    expect([after.contact_kind, after.contact_value]).toEqual(['sms', '+33698765432']);
    expect(after.contact_verified_at).toBe(t.ctx.clock.now());
    expect(await t.ctx.passwords.verify(after.password_hash!, NEW_PASSWORD)).toBe(true);
    // The old contact is told; the other device is signed out.
    const told = (await messagesTo(t.ctx, account.contact_value)).at(-1)!;
    expect(told.subject).toBe('L’accès à votre compte Mon Compte a été rétabli');
    expect(told.text).toContain('avec le code reçu par courrier');
    expect(location(await elsewhere.get('/mon-espace'))).toMatch(/^\/connexion/);
    // The bank change waiting for its delay now waits for an agent: the old account stays payable.
    expect((await payableBankAccount(db(), householdId, t.ctx.clock.now() + 30 * 86_400_000))!.iban).not.toBe(NEW_IBAN);
    expect(await auditTypes(t.ctx, account.id)).toEqual(expect.arrayContaining(['recovery_code_failed', 'recovery_completed']));
    const completed = await db()
      .selectFrom('audit_events')
      .select('details')
      .where('account_id', '=', account.id)
      .where('type', '=', 'recovery_completed')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(completed.details)).toEqual({
      channel: 'letter',
      contact: 'sms',
      password: true,
      sessionsEnded: 1,
      bankChangesHeld: 1,
    });

    // Single use: the same code opens nothing any more.
    const again = new TestBrowser(t.app);
    await again.get('/recuperation/courrier');
    await submitRefused(again, '/recuperation/courrier', { identifier: account.login_id, code });
    // The new password and the new contact log in.
    const next = new TestBrowser(t.app);
    await logIn(t.ctx, next, after, NEW_PASSWORD);
    expect(PASSWORD).not.toBe(NEW_PASSWORD);
  });

  it('the limit of codes at « nouveau contact »: back to its page (303), which answers 429 with Retry-After and says until when; a reload sends nothing', async () => {
    const { account } = await responsableWithDossier(t.ctx, { given_names: 'Marc', birth_name: 'LIMITE' });
    const b = new TestBrowser(t.app);
    await askLetter(b, account.login_id);
    const code = await letterCode('Marc LIMITE');
    await b.get('/recuperation/courrier');
    expect(location(await b.post('/recuperation/courrier', { identifier: account.login_id, code }))).toBe('/recuperation/contact');
    const contact = { kind: 'email', email: 'marc.limite@example.fr' };
    for (let i = 0; i < 5; i++) {
      await b.get('/recuperation/contact');
      expect(location(await b.post('/recuperation/contact', contact))).toBe('/recuperation/contact/code');
    }
    const sent = await messagesTo(t.ctx, 'marc.limite@example.fr');
    expect(sent).toHaveLength(5);
    await b.get('/recuperation/contact');
    const page = await submitThrottled(b, '/recuperation/contact', contact);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(60);
    expect(page.body).toContain('<a href="#email">Trop de codes ont été envoyés');
    expect(text(page.body)).toMatch(/Vous pourrez réessayer à partir de \d\d:\d\d\./);
    expect(page.body).toContain('value="marc.limite@example.fr"');
    // Neither the letter's code nor a code sent is shown back.
    expect(text(page.body)).not.toContain(code);
    expect(page.body).not.toContain(`value="${code}"`);
    for (const m of sent) expect(text(page.body)).not.toContain(/\b(\d{6})\b/.exec(m.text)![1]!);
    // A reload is a GET: the page without the error, no code sent.
    const reloaded = await b.get('/recuperation/contact');
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.headers['retry-after']).toBeUndefined();
    expect(reloaded.body).not.toContain('govuk-error-summary');
    expect(await messagesTo(t.ctx, 'marc.limite@example.fr')).toHaveLength(5);
  });

  it('a refused request or code goes back to its page (303) with the identifier typed; the start page still says an expired démarche', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/mot-de-passe-oublie/sans-contact');
    const empty = await submitRefused(b, '/mot-de-passe-oublie/sans-contact', { identifier: '   ' });
    expect(text(empty.body)).toContain('Saisissez votre numéro de sécurité sociale ou votre identifiant provisoire.');
    expect((await b.get('/mot-de-passe-oublie/sans-contact')).body).not.toContain('govuk-error-summary');
    expect(text((await b.get('/mot-de-passe-oublie/sans-contact?expiree=1')).body)).toContain('Votre démarche a expiré');
    for (const page of ['/recuperation/courrier', '/recuperation/guichet']) {
      await b.get(page);
      const shown = await submitRefused(b, page, { identifier: '1850575123456', code: '12' });
      expect(shown.body).toContain('value="1850575123456"');
      expect(shown.body).not.toContain('value="12"');
      expect((await b.get(page)).body).not.toContain('value="1850575123456"');
    }
  });

  it('a letter’s code lasts 30 days, 5 tries, and a new letter voids the previous one', async () => {
    const { account } = await responsableWithDossier(t.ctx, { given_names: 'Anne', birth_name: 'DELAI' });
    const b = new TestBrowser(t.app);
    await askLetter(b, account.login_id);
    const first = await letterCode('Anne DELAI');
    await askLetter(b, account.login_id);
    const second = await letterCode('Anne DELAI');
    await b.get('/recuperation/courrier');
    if (first !== second) await submitRefused(b, '/recuperation/courrier', { identifier: account.login_id, code: first });
    t.clock.advance(LETTER_CODE_TTL_MS + 1);
    await submitRefused(b, '/recuperation/courrier', { identifier: account.login_id, code: second });

    await askLetter(b, account.login_id);
    const third = await letterCode('Anne DELAI');
    const wrongCode = third === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++) await b.post('/recuperation/courrier', { identifier: account.login_id, code: wrongCode });
    await submitRefused(b, '/recuperation/courrier', { identifier: account.login_id, code: third });
    // A fourth letter within 30 days is refused (3 per identifier).
    await askLetter(b, account.login_id);
    await askLetter(b, account.login_id);
    await b.get('/mot-de-passe-oublie/sans-contact');
    const page = await submitThrottled(b, '/mot-de-passe-oublie/sans-contact', { identifier: account.login_id });
    expect(page.body).toContain('Trop de demandes de courrier pour cet identifiant.');
    expect(page.body).toMatch(/Vous pourrez réessayer à partir de le? ?[^.]+\./);
    const reloaded = await b.get('/mot-de-passe-oublie/sans-contact');
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.body).not.toContain('govuk-error-summary');
  });
});
