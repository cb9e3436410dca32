import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database';
import { addMember, createHousehold } from '../../src/household/repository';
import { grantDroit } from '../../src/payments/droits';
import { databasePaymentsReader } from '../../src/payments/reader';
import { TestClock } from '../support/clock';
import { testDatabases } from '../support/databases';

const T0 = Date.UTC(2027, 2, 10, 9, 0, 0); // 10 March 2027: February was paid on the 5th
const clock = new TestClock(T0);

describe.each(testDatabases)('the payments reader on $name', { timeout: 120_000 }, ({ open }) => {
  const withDb = async (run: (h: DatabaseHandle, householdId: string) => Promise<void>) => {
    const h = await open();
    try {
      await run(h, await createHousehold(h.db, '7000017', T0));
    } finally {
      await h.destroy();
    }
  };

  it('reads paid, held and programmed lines, rappels and indus with their reason, and the prestations of a month', () =>
    withDb(async ({ db }, householdId) => {
      const child = await addMember(db, {
        household_id: householdId,
        account_id: null,
        nir: null,
        civility: 'M',
        birth_name: 'PETIT',
        given_names: 'Léo',
        birth_date: '2010-01-02',
        role: 'enfant',
        joined_at: T0,
      });
      const base = { householdId, demarcheId: null, agentId: null, motif: 'Demande acceptée', now: T0, lastMonth: null };
      const apl = await grantDroit(db, {
        ...base,
        memberId: null,
        prestation: 'aide-au-logement',
        monthlyAmountCents: 24_550,
        firstMonth: '2027-01',
      });
      const asf = await grantDroit(db, {
        ...base,
        memberId: child.id,
        prestation: 'allocation-soutien-familial',
        monthlyAmountCents: 19_960,
        firstMonth: '2027-02',
      });
      const pay = (id: string, droitId: string, month: string, status: 'verse' | 'en_attente', amount: number) =>
        db
          .insertInto('payments')
          .values({
            id,
            droit_id: droitId,
            household_id: householdId,
            month,
            amount_cents: amount,
            payment_day: `${month === '2027-01' ? '2027-02' : '2027-03'}-05`,
            status,
            paid_on: status === 'verse' ? `${month === '2027-01' ? '2027-02' : '2027-03'}-05` : null,
            bank_account_id: null,
            created_at: T0,
            released_at: null,
            released_by: null,
          })
          .execute();
      await pay('p1', apl.id, '2027-01', 'verse', 24_550);
      await pay('p2', apl.id, '2027-02', 'verse', 24_550);
      await pay('p3', asf.id, '2027-02', 'en_attente', 19_960);
      await db
        .insertInto('payment_adjustments')
        .values({
          id: 'a1',
          droit_id: apl.id,
          household_id: householdId,
          kind: 'indu',
          month: '2027-01',
          amount_cents: 5_000,
          reason: 'Ressources mises à jour',
          change_seq: 2,
          created_at: T0,
          settled_at: null,
        })
        .execute();
      await db.insertInto('payment_adjustment_lines').values({ adjustment_id: 'a1', payment_id: 'p2', amount_cents: -5_000 }).execute();

      // once per droit and month: the database refuses a second row
      await expect(pay('p4', apl.id, '2027-01', 'verse', 24_550)).rejects.toThrow();

      const reader = databasePaymentsReader(db, clock);
      const lines = await reader.paymentsOf(householdId, '2027-01', '2027-03');
      expect(lines).toEqual([
        {
          prestation: 'aide-au-logement',
          month: '2027-01',
          amountCents: 24_550,
          paidOn: '2027-02-05',
          status: 'verse',
          kind: 'droit',
          reason: null,
        },
        {
          prestation: 'aide-au-logement',
          month: '2027-02',
          amountCents: 24_550,
          paidOn: '2027-03-05',
          status: 'verse',
          kind: 'droit',
          reason: null,
        },
        {
          prestation: 'aide-au-logement',
          month: '2027-02',
          amountCents: -5_000,
          paidOn: '2027-03-05',
          status: 'verse',
          kind: 'indu',
          reason: 'Ressources mises à jour',
        },
        {
          prestation: 'allocation-soutien-familial',
          month: '2027-02',
          amountCents: 19_960,
          paidOn: null,
          status: 'en_attente',
          kind: 'droit',
          reason: null,
        },
        {
          prestation: 'aide-au-logement',
          month: '2027-03',
          amountCents: 24_550,
          paidOn: null,
          status: 'programme',
          kind: 'droit',
          reason: null,
        },
        {
          prestation: 'allocation-soutien-familial',
          month: '2027-03',
          amountCents: 19_960,
          paidOn: null,
          status: 'programme',
          kind: 'droit',
          reason: null,
        },
      ]);
      expect(await reader.monthlyPrestationsOf(householdId, '2027-01')).toEqual([
        { prestation: 'aide-au-logement', amountCents: 24_550, memberId: null },
      ]);
      expect(await reader.monthlyPrestationsOf(householdId, '2027-02')).toEqual(
        expect.arrayContaining([
          { prestation: 'aide-au-logement', amountCents: 24_550, memberId: null },
          { prestation: 'allocation-soutien-familial', amountCents: 19_960, memberId: child.id },
        ]),
      );
      // a member who sees only what concerns them
      const own = databasePaymentsReader(db, clock, { droitIds: [asf.id] });
      expect((await own.paymentsOf(householdId, '2027-01', '2027-03')).map((l) => l.prestation)).toEqual([
        'allocation-soutien-familial',
        'allocation-soutien-familial',
      ]);
      expect(await databasePaymentsReader(db, clock).paymentsOf('nobody', '2027-01', '2027-03')).toEqual([]);
    }));
});
