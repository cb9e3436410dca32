import type { DroitChange } from '../db/tables/payments.table';
import { deDate } from '../shared/french-time';
import { addMonths, frenchMonth } from './months';

/**
 * The amount of a droit for a month, from its history: the latest amount whose `from_month` is not
 * after the month (a later change of the same month wins), within the droit's first and last month.
 */
export function amountForMonth(
  droit: { first_month: string; last_month: string | null },
  changes: readonly Pick<DroitChange, 'seq' | 'kind' | 'from_month' | 'amount_cents'>[],
  month: string,
): number {
  if (month < droit.first_month) return 0;
  if (droit.last_month !== null && month > droit.last_month) return 0;
  let best: { from: string; seq: number; amount: number } | undefined;
  for (const c of changes) {
    if (c.amount_cents === null || c.kind === 'fin' || c.from_month > month) continue;
    if (!best || c.from_month > best.from || (c.from_month === best.from && c.seq > best.seq))
      best = { from: c.from_month, seq: c.seq, amount: c.amount_cents };
  }
  return best?.amount ?? 0;
}

/** One period of a droit at one monthly amount: `to` null for no end (YYYY-MM months). */
export interface AmountPeriod {
  from: string;
  to: string | null;
  amountCents: number;
}

/**
 * The droit's amounts period by period, as its history makes them (what the Caf side reads before
 * changing one): each month an amount starts, within the first and last month, with the periods of
 * the same amount side by side merged. A change from November after October was paid at 245,50 €
 * gives « 245,50 € d’octobre 2026 à octobre 2026, puis 200,00 € depuis novembre 2026 ».
 */
export function amountPeriods(
  droit: { first_month: string; last_month: string | null },
  changes: readonly Pick<DroitChange, 'seq' | 'kind' | 'from_month' | 'amount_cents'>[],
): AmountPeriod[] {
  const last = droit.last_month;
  const starts = new Set([droit.first_month]);
  for (const c of changes)
    if (c.kind !== 'fin' && c.amount_cents !== null && c.from_month > droit.first_month && (last === null || c.from_month <= last))
      starts.add(c.from_month);
  const out: AmountPeriod[] = [];
  for (const month of [...starts].sort()) {
    const amountCents = amountForMonth(droit, changes, month);
    const previous = out.at(-1);
    if (previous?.amountCents === amountCents) continue;
    if (previous) previous.to = addMonths(month, -1);
    out.push({ from: month, to: last, amountCents });
  }
  return out;
}

/** « octobre 2026 », « d’octobre 2026 à mars 2027 », « depuis novembre 2026 » */
export function periodText(p: Pick<AmountPeriod, 'from' | 'to'>): string {
  if (p.to === null) return `depuis ${frenchMonth(p.from)}`;
  if (p.to === p.from) return frenchMonth(p.from);
  return `${deDate(frenchMonth(p.from))} à ${frenchMonth(p.to)}`;
}
