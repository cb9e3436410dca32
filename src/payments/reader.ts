import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Clock } from '../shared/clock';
import { agencyDay } from '../shared/french-time';
import { amountForMonth } from './amounts';
import { withChanges } from './droits';
import { addMonths, lastPayableMonth } from './months';

/** One line of « Mes paiements »: a month's payment of a droit, or a rappel / an indu deducted with it. */
export interface PaymentLine {
  prestation: string;
  /** YYYY-MM: the month of the payment the line goes with */
  month: string;
  /** in cents; negative for an indu deducted */
  amountCents: number;
  /** YYYY-MM-DD, when paid */
  paidOn: string | null;
  status: 'programme' | 'verse' | 'en_attente';
  kind: 'droit' | 'rappel' | 'indu';
  /** why (the motif of the change), for a rappel or an indu */
  reason: string | null;
}

/** The read port of payments (attestations, « Mes paiements », « Mon espace » read through it). */
export interface PaymentsReader {
  /** The lines of the months `from`..`to` (YYYY-MM, included), in order of month, prestation, then the droit's line before its rappels and indus; months not paid yet are 'programme'. */
  paymentsOf(householdId: string, from: string, to: string): Promise<PaymentLine[]>;
  /** The prestations due for a month (the droits' amounts of that month, whether paid yet or not). */
  monthlyPrestationsOf(householdId: string, month: string): Promise<{ prestation: string; amountCents: number; memberId: string | null }[]>;
}

export interface PaymentsReaderOptions {
  /** only the droits of these ids (a member who sees only what concerns them); undefined: all the dossier's */
  droitIds?: readonly string[];
}

/** The PaymentsReader over the database. */
export function databasePaymentsReader(db: Kysely<Database>, clock: Clock, o: PaymentsReaderOptions = {}): PaymentsReader {
  const droitsOf = async (householdId: string) => {
    const droits = await db
      .selectFrom('droits')
      .selectAll()
      .where('household_id', '=', householdId)
      .orderBy('first_month')
      .orderBy('id')
      .execute();
    const visible = o.droitIds ? droits.filter((d) => o.droitIds!.includes(d.id)) : droits;
    return withChanges(db, visible);
  };

  return {
    async paymentsOf(householdId, from, to) {
      const droits = await droitsOf(householdId);
      if (droits.length === 0) return [];
      const ids = droits.map((d) => d.id);
      const prestationOf = new Map(droits.map((d) => [d.id, d.prestation]));
      const payments = await db
        .selectFrom('payments')
        .select(['id', 'droit_id', 'month', 'amount_cents', 'status', 'paid_on'])
        .where('droit_id', 'in', ids)
        .where('month', '>=', from)
        .where('month', '<=', to)
        .execute();
      const adjustments = payments.length
        ? await db
            .selectFrom('payment_adjustment_lines as l')
            .innerJoin('payment_adjustments as a', 'a.id', 'l.adjustment_id')
            .select(['l.payment_id', 'l.amount_cents', 'a.kind', 'a.reason', 'a.month', 'a.created_at'])
            .where(
              'l.payment_id',
              'in',
              payments.map((p) => p.id),
            )
            .orderBy('a.month')
            .orderBy('a.created_at')
            .execute()
        : [];
      const lines: Array<PaymentLine & { order: string }> = [];
      for (const p of payments) {
        const prestation = prestationOf.get(p.droit_id)!;
        const base = { prestation, month: p.month, paidOn: p.paid_on, status: p.status };
        lines.push({
          ...base,
          amountCents: p.amount_cents,
          kind: 'droit',
          reason: null,
          order: `${p.month}|${prestation}|${p.droit_id}|0`,
        });
        for (const a of adjustments.filter((x) => x.payment_id === p.id))
          lines.push({
            ...base,
            amountCents: a.amount_cents,
            kind: a.kind,
            reason: a.reason,
            order: `${p.month}|${prestation}|${p.droit_id}|1${a.month}${String(a.created_at).padStart(15, '0')}`,
          });
      }
      // Months whose payment day has not come: what is programmed, from the droits.
      const lastPaid = lastPayableMonth(agencyDay(clock.now()));
      const paid = new Set(payments.map((p) => `${p.droit_id}|${p.month}`));
      for (const d of droits) {
        let m = from > lastPaid ? from : addMonths(lastPaid, 1);
        for (; m <= to; m = addMonths(m, 1)) {
          if (paid.has(`${d.id}|${m}`)) continue;
          const amount = amountForMonth(d, d.changes, m);
          if (amount > 0)
            lines.push({
              prestation: d.prestation,
              month: m,
              amountCents: amount,
              paidOn: null,
              status: 'programme',
              kind: 'droit',
              reason: null,
              order: `${m}|${d.prestation}|${d.id}|0`,
            });
        }
      }
      lines.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
      return lines.map(({ order: _order, ...l }) => l);
    },

    async monthlyPrestationsOf(householdId, month) {
      const droits = await droitsOf(householdId);
      return droits
        .map((d) => ({ prestation: d.prestation, amountCents: amountForMonth(d, d.changes, month), memberId: d.member_id }))
        .filter((x) => x.amountCents > 0);
    },
  };
}
