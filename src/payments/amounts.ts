import type { DroitChange } from '../db/tables/payments.table';

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
