import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database';
import { createHousehold, recordBankAccount } from '../../src/household/repository';
import { changeDroit } from '../../src/payments/changes';
import { grantDroit } from '../../src/payments/droits';
import { databasePaymentsReader } from '../../src/payments/reader';
import { INDU_MAX_SHARE, releaseHeldPayments, runPayments } from '../../src/payments/run';
import { TestClock } from '../support/clock';
import { testDatabases } from '../support/databases';

const DAY = 86_400_000;
/** 5 February 2027, 09:00 in Paris: January is paid. */
const FEB_5 = Date.UTC(2027, 1, 5, 8);
const IBAN_A = 'FR7630006000011234567890189';
const IBAN_B = 'FR7610107001011234567890129';

describe.each(testDatabases)('the payment run on $name', { timeout: 120_000 }, ({ open }) => {
  const withDb = async (run: (h: DatabaseHandle, householdId: string) => Promise<void>) => {
    const h = await open();
    try {
      await run(h, await createHousehold(h.db, '7000025', FEB_5 - 400 * DAY));
    } finally {
      await h.destroy();
    }
  };
  const grant = (db: DatabaseHandle['db'], householdId: string, cents: number, firstMonth = '2027-01') =>
    grantDroit(db, {
      householdId,
      memberId: null,
      prestation: 'aide-au-logement',
      monthlyAmountCents: cents,
      firstMonth,
      lastMonth: null,
      demarcheId: null,
      agentId: null,
      motif: 'Demande acceptée',
      now: FEB_5 - 20 * DAY,
    });

  it('pays each droit and month once on the 5th of the following month, to the payable account; runs again do nothing', () =>
    withDb(async ({ db }, householdId) => {
      const account = await recordBankAccount(db, householdId, { iban: IBAN_A, holder: 'A' }, null, FEB_5 - 300 * DAY);
      const droit = await grant(db, householdId, 24_550, '2026-12');
      expect(await runPayments(db, FEB_5 - DAY)).toEqual({ created: 1, held: 0, released: 0 }); // 4 Feb: December only (paid on 5 Jan, late)
      expect(await runPayments(db, FEB_5)).toEqual({ created: 1, held: 0, released: 0 });
      expect(await runPayments(db, FEB_5 + 3_600_000)).toEqual({ created: 0, held: 0, released: 0 });
      const rows = await db.selectFrom('payments').selectAll().where('droit_id', '=', droit.id).orderBy('month').execute();
      expect(rows.map((r) => [r.month, r.amount_cents, r.status, r.paid_on, r.bank_account_id])).toEqual([
        ['2026-12', 24_550, 'verse', '2027-02-04', account.id],
        ['2027-01', 24_550, 'verse', '2027-02-05', account.id],
      ]);
      const lines = await databasePaymentsReader(db, new TestClock(FEB_5)).paymentsOf(householdId, '2026-12', '2027-02');
      expect(lines.map((l) => [l.month, l.status])).toEqual([
        ['2026-12', 'verse'],
        ['2027-01', 'verse'],
        ['2027-02', 'programme'],
      ]);
    }));

  it('a bank account changed before the payment day holds the payment; the delay passing, or an agent, releases it once', () =>
    withDb(async ({ db }, householdId) => {
      await recordBankAccount(db, householdId, { iban: IBAN_A, holder: 'A' }, null, FEB_5 - 300 * DAY);
      const changed = FEB_5 - 2 * DAY;
      const b = await recordBankAccount(db, householdId, { iban: IBAN_B, holder: 'A' }, null, changed, changed + 10 * DAY);
      await grant(db, householdId, 24_550);
      expect(await runPayments(db, FEB_5)).toEqual({ created: 1, held: 1, released: 0 });
      const held = await db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
      expect([held.status, held.paid_on, held.bank_account_id]).toEqual(['en_attente', null, null]);
      expect(await runPayments(db, FEB_5 + DAY)).toEqual({ created: 0, held: 0, released: 0 });
      // the delay passes: the run releases it to the new account, once
      expect(await runPayments(db, changed + 10 * DAY)).toEqual({ created: 0, held: 0, released: 1 });
      expect(await runPayments(db, changed + 10 * DAY + 1)).toEqual({ created: 0, held: 0, released: 0 });
      const paid = await db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
      expect([paid.status, paid.paid_on, paid.bank_account_id, paid.released_by]).toEqual(['verse', '2027-02-13', b.id, null]);
    }));

  it('an agent releases a held payment (and so confirms the account); a second release does nothing', () =>
    withDb(async ({ db }, householdId) => {
      await db
        .insertInto('agents')
        .values({
          id: 'agent-1',
          login_id: 'a@caf.test',
          email: 'a@caf.test',
          display_name: 'Agent',
          password_hash: 'x',
          created_at: 0,
          disabled_at: null,
        })
        .execute();
      const b = await recordBankAccount(db, householdId, { iban: IBAN_B, holder: 'A' }, null, FEB_5 - DAY, null);
      await grant(db, householdId, 10_000);
      expect((await runPayments(db, FEB_5)).held).toBe(1);
      const p = await db.selectFrom('payments').select('id').executeTakeFirstOrThrow();
      expect(await releaseHeldPayments(db, FEB_5 + DAY, { agentId: 'agent-1', paymentId: p.id })).toBe(1);
      expect(await releaseHeldPayments(db, FEB_5 + DAY, { agentId: 'agent-1', paymentId: p.id })).toBe(0);
      const paid = await db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
      expect([paid.status, paid.bank_account_id, paid.released_by]).toEqual(['verse', b.id, 'agent-1']);
      const account = await db.selectFrom('household_bank_accounts').selectAll().where('id', '=', b.id).executeTakeFirstOrThrow();
      expect(account.confirmed_by).toBe('agent-1');
    }));

  it('an amount lowered from a past month makes an indu, deducted from the next payments within the floor; raised, a rappel paid with the next', () =>
    withDb(async ({ db }, householdId) => {
      await recordBankAccount(db, householdId, { iban: IBAN_A, holder: 'A' }, null, FEB_5 - 300 * DAY);
      const droit = await grant(db, householdId, 30_000, '2026-11');
      await runPayments(db, FEB_5); // November, December, January: 300 € each
      const lowered = await changeDroit(db, {
        droitId: droit.id,
        change: { kind: 'montant', fromMonth: '2026-11', amountCents: 20_000 },
        motif: 'Ressources mises à jour',
        agentId: null,
        now: FEB_5 + DAY,
      });
      expect(lowered.adjustments).toEqual([
        { kind: 'indu', month: '2026-11', amountCents: 10_000 },
        { kind: 'indu', month: '2026-12', amountCents: 10_000 },
        { kind: 'indu', month: '2027-01', amountCents: 10_000 },
      ]);
      expect(lowered.droit.monthly_amount_cents).toBe(20_000);
      // 5 March: February is paid 200 €, of which at most half (100 €) is deducted
      const MARCH_5 = Date.UTC(2027, 2, 5, 8);
      await runPayments(db, MARCH_5);
      const reader = databasePaymentsReader(db, new TestClock(MARCH_5));
      const feb = (await reader.paymentsOf(householdId, '2027-02', '2027-02')).filter((l) => l.status !== 'programme');
      expect(feb.map((l) => [l.kind, l.amountCents])).toEqual([
        ['droit', 20_000],
        ['indu', -10_000],
      ]);
      expect(feb[1]!.reason).toContain('Ressources mises à jour');
      expect(feb[1]!.reason).toContain('novembre 2026');
      expect(-feb[1]!.amountCents).toBeLessThanOrEqual(20_000 * INDU_MAX_SHARE);
      // April and May: the rest, 100 € each; then nothing more is deducted
      await runPayments(db, Date.UTC(2027, 3, 5, 8));
      await runPayments(db, Date.UTC(2027, 4, 5, 8));
      await runPayments(db, Date.UTC(2027, 5, 5, 8));
      const all = await databasePaymentsReader(db, new TestClock(Date.UTC(2027, 5, 6))).paymentsOf(householdId, '2027-02', '2027-05');
      expect(all.filter((l) => l.kind === 'indu').reduce((s, l) => s + l.amountCents, 0)).toBe(-30_000);
      expect(all.filter((l) => l.month === '2027-05').map((l) => l.kind)).toEqual(['droit']);
      const open = await db.selectFrom('payment_adjustments').select('id').where('settled_at', 'is', null).execute();
      expect(open).toEqual([]);

      // raised from April: a rappel of 50 € for April and May, paid with June's payment
      const raised = await changeDroit(db, {
        droitId: droit.id,
        change: { kind: 'montant', fromMonth: '2027-04', amountCents: 25_000 },
        motif: 'Loyer revu',
        agentId: null,
        now: Date.UTC(2027, 5, 10),
      });
      expect(raised.adjustments.map((a) => [a.kind, a.month, a.amountCents])).toEqual([
        ['rappel', '2027-04', 5_000],
        ['rappel', '2027-05', 5_000],
      ]);
      await runPayments(db, Date.UTC(2027, 6, 5, 8));
      const june = await databasePaymentsReader(db, new TestClock(Date.UTC(2027, 6, 6))).paymentsOf(householdId, '2027-06', '2027-06');
      expect(june.map((l) => [l.kind, l.amountCents])).toEqual([
        ['droit', 25_000],
        ['rappel', 5_000],
        ['rappel', 5_000],
      ]);
      // the end of the droit after May: June was paid, it becomes an indu (recovered on nothing more of this droit)
      const ended = await changeDroit(db, {
        droitId: droit.id,
        change: { kind: 'fin', lastMonth: '2027-05' },
        motif: 'Déménagement',
        agentId: null,
        now: Date.UTC(2027, 6, 10),
      });
      expect(ended.adjustments).toEqual([{ kind: 'indu', month: '2027-06', amountCents: 25_000 }]);
      expect(await runPayments(db, Date.UTC(2027, 7, 5, 8))).toEqual({ created: 0, held: 0, released: 0 });
    }));
});
