import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecovery, markRecoveryCompleted } from '../../src/recovery/repository';
import { payableBankAccount } from '../../src/recovery/bank';
import { auditTypes, logIn } from '../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { location, text } from '../support/http';
import { NEW_IBAN, OLD_IBAN, responsableWithDossier } from './support';

/** « Déclarer un changement » of bank account through HTTP: the delay before payments, the freeze after a recovery. */
describe('bank account change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { BANK_CHANGE_DELAY_DAYS: '7', RECOVERY_BANK_FREEZE_DAYS: '20' } });
  });
  afterAll(() => t.close());
  const DAY = 86_400_000;

  it('a new account is paid to only after the configured delay', async () => {
    const { account, householdId } = await responsableWithDossier(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    await b.get('/mon-espace/foyer/changement/compte-bancaire');
    const r = await b.post('/mon-espace/foyer/changement/compte-bancaire', { iban: NEW_IBAN, holder: 'Marie DUPONT' });
    expect(location(r)).toBe('/mon-espace/foyer/changement?fait=compte-bancaire');
    const now = t.ctx.clock.now();
    expect((await payableBankAccount(t.ctx.database.db, householdId, now + 7 * DAY - 1))!.iban).toBe(OLD_IBAN);
    expect((await payableBankAccount(t.ctx.database.db, householdId, now + 7 * DAY))!.iban).toBe(NEW_IBAN);
  });

  it('after a recovery of access, a change is refused for the configured days (409, audited)', async () => {
    const { account, householdId } = await responsableWithDossier(t.ctx);
    const db = t.ctx.database.db;
    const now = t.ctx.clock.now();
    const r = await createRecovery(
      db,
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
    await markRecoveryCompleted(db, r.id, now);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    await b.get('/mon-espace/foyer/changement/compte-bancaire');
    const refused = await b.post('/mon-espace/foyer/changement/compte-bancaire', { iban: NEW_IBAN, holder: 'Marie DUPONT' });
    expect(refused.statusCode).toBe(409);
    expect(text(refused.body)).toContain('le compte bancaire ne peut pas être modifié en ligne pour le moment');
    expect((await payableBankAccount(db, householdId, now + 60 * DAY))!.iban).toBe(OLD_IBAN);
    expect(await auditTypes(t.ctx, account.id)).toContain('bank_account_change_refused');
    t.clock.advance(20 * DAY);
    const c = new TestBrowser(t.app);
    await logIn(t.ctx, c, account);
    await c.get('/mon-espace/foyer/changement/compte-bancaire');
    expect(location(await c.post('/mon-espace/foyer/changement/compte-bancaire', { iban: NEW_IBAN, holder: 'Marie DUPONT' }))).toBe(
      '/mon-espace/foyer/changement?fait=compte-bancaire',
    );
  });
});
