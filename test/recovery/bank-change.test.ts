import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payableBankAccount, pendingBankAccount } from '../../src/household/bank';
import { createRecovery, markRecoveryCompleted } from '../../src/recovery/repository';
import { frenchDateTime } from '../../src/shared/french-time';
import { maskIban } from '../../src/identity/iban';
import { auditTypes, logIn } from '../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { location, text } from '../support/http';
import { messagesTo } from '../support/outbox';
import { createTestAgent, logInAgent } from '../journeys/gestion/helpers';
import { BANK_PAGE, changeBankAccount, NEW_IBAN, OLD_IBAN, responsableWithDossier } from './support';

/**
 * The bank account change through HTTP under each condition: a fresh change before the payment day
 * (the old account is paid until the delay ends), after a recovery of access (refused during the
 * freeze, with until when), confirmed by an agent on the assistance console (paid to at once).
 */
describe('bank account change under each condition', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { BANK_CHANGE_DELAY_DAYS: '7', RECOVERY_BANK_FREEZE_DAYS: '20' } });
  });
  afterAll(() => t.close());
  const DAY = 86_400_000;
  const db = () => t.ctx.database.db;

  it('a fresh change two days before the payment day: the old account is paid on the 5th, the new one after the delay', async () => {
    const paymentDay = Date.UTC(2026, 11, 5, 8);
    t.clock.advance(paymentDay - 2 * DAY - t.clock.now());
    const { account, householdId } = await responsableWithDossier(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    const r = await changeBankAccount(t.ctx, b, account, { iban: NEW_IBAN });
    expect(location(r)).toBe('/mon-espace/foyer/changement');
    const declared = t.clock.now();
    const page = text((await b.get('/mon-espace/foyer/changement')).body);
    expect(page).toContain(
      `Le nouveau compte recevra les paiements à partir du ${frenchDateTime(declared + 7 * DAY)} ou dès que la Caf l’aura confirmé.`,
    );
    expect((await payableBankAccount(db(), householdId, paymentDay))!.iban).toBe(OLD_IBAN);
    expect((await payableBankAccount(db(), householdId, declared + 7 * DAY - 1))!.iban).toBe(OLD_IBAN);
    expect((await payableBankAccount(db(), householdId, declared + 7 * DAY))!.iban).toBe(NEW_IBAN);
  });

  it('after a recovery of access: refused during the freeze with until when (the form’s page says it, 409 in JSON, audited), possible again after it', async () => {
    const { account, householdId } = await responsableWithDossier(t.ctx);
    const now = t.clock.now();
    const r = await createRecovery(
      db(),
      {
        account_id: account.id,
        channel: 'counter',
        started_by: null,
        new_contact_kind: null,
        new_contact_value: null,
        expires_at: now + DAY,
      },
      now,
    );
    await markRecoveryCompleted(db(), r.id, now);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    const until = `jusqu’au ${frenchDateTime(now + 20 * DAY)}`;
    const form = await b.get(BANK_PAGE);
    expect(text(form.body)).toContain(`le compte bancaire ne peut pas être modifié en ligne ${until}`);
    expect(form.body).not.toContain('name="iban"');
    // Refused: back to the form's page (303), which says until when.
    const refused = await b.post(BANK_PAGE, { iban: NEW_IBAN, holder: 'Marie DUPONT' });
    expect(location(refused)).toBe(BANK_PAGE);
    expect(text((await b.get(BANK_PAGE)).body)).toContain(`le compte bancaire ne peut pas être modifié en ligne ${until}`);
    // Not even the protected step goes through, whatever is typed.
    const direct = await b.post(`${BANK_PAGE}/confirmation`, {
      iban: NEW_IBAN,
      holder: 'Marie DUPONT',
      currentPassword: 'x',
      code: '123456',
    });
    expect(location(direct)).toBe(BANK_PAGE);
    const json = await b.postJson('/api/household/changes/bank-account/code', { iban: NEW_IBAN, holder: 'Marie DUPONT' });
    expect(json.statusCode).toBe(409);
    expect(json.json()).toMatchObject({ error: { code: 'BANK_CHANGE_FROZEN' }, frozenUntil: new Date(now + 20 * DAY).toISOString() });
    expect(json.json().error.message).toContain(until);
    expect((await payableBankAccount(db(), householdId, now + 60 * DAY))!.iban).toBe(OLD_IBAN);
    expect((await auditTypes(t.ctx, account.id)).filter((x) => x === 'bank_account_change_refused')).toHaveLength(3);
    expect((await messagesTo(t.ctx, account.contact_value)).map((m) => m.subject)).not.toContain(
      'Votre code pour changer de compte bancaire',
    );

    t.clock.advance(20 * DAY);
    const c = new TestBrowser(t.app);
    await logIn(t.ctx, c, account);
    expect(location(await changeBankAccount(t.ctx, c, account, { iban: NEW_IBAN }))).toBe('/mon-espace/foyer/changement');
  });

  it('confirmed by an assistance agent on the console: paid to at once, before the delay ends', async () => {
    const { account, householdId } = await responsableWithDossier(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    expect(location(await changeBankAccount(t.ctx, b, account, { iban: NEW_IBAN }))).toBe('/mon-espace/foyer/changement');
    expect((await payableBankAccount(db(), householdId, t.clock.now()))!.iban).toBe(OLD_IBAN);
    const pending = (await pendingBankAccount(db(), householdId, t.clock.now()))!;
    expect(pending.iban).toBe(NEW_IBAN);

    t.clock.advance(DAY);
    const agent = await createTestAgent(t.ctx, undefined, ['assistance']);
    const a = new TestBrowser(t.app);
    await logInAgent(t.ctx, a, agent, undefined, '/gestion/comptes');
    await a.get('/gestion/comptes');
    await a.post(`/gestion/comptes/${account.id}/consulter`, { motif: 'Appel de la personne' });
    const console = await a.get(`/gestion/comptes/${account.id}`);
    expect(text(console.body)).toContain('Confirmer ce compte bancaire après vérification');
    expect(location(await a.post(`/gestion/comptes/${account.id}/iban/confirmation`, { iban: pending.id }))).toBe(
      `/gestion/comptes/${account.id}`,
    );
    expect((await payableBankAccount(db(), householdId, t.clock.now()))!.iban).toBe(NEW_IBAN);
    expect(await pendingBankAccount(db(), householdId, t.clock.now())).toBeUndefined();
    const page = text((await b.get('/mon-espace/foyer/changement')).body);
    expect(page).not.toContain('Nouveau compte déclaré');
  });

  it('shows a masked IBAN as one piece, never broken inside its mask: the person’s changes page and the agent’s console', async () => {
    const { account } = await responsableWithDossier(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    await changeBankAccount(t.ctx, b, account, { iban: NEW_IBAN });
    const nowrap = (iban: string) => `<span class="mc-nowrap">${maskIban(iban)}</span>`;
    const changes = (await b.get('/mon-espace/foyer/changement')).body;
    expect(changes).toContain(nowrap(OLD_IBAN));
    expect(changes).toContain(nowrap(NEW_IBAN));

    const agent = await createTestAgent(t.ctx, undefined, ['assistance']);
    const a = new TestBrowser(t.app);
    await logInAgent(t.ctx, a, agent, undefined, '/gestion/comptes');
    await a.get('/gestion/comptes');
    await a.post(`/gestion/comptes/${account.id}/consulter`, { motif: 'Appel de la personne' });
    expect((await a.get(`/gestion/comptes/${account.id}`)).body).toContain(nowrap(NEW_IBAN));
  });
});
