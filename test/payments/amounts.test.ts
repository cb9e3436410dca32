import { describe, expect, it } from 'vitest';
import { amountPeriods } from '../../src/payments/amounts';

const change = (seq: number, kind: 'attribution' | 'montant' | 'fin', from_month: string, amount_cents: number | null) => ({
  seq,
  kind,
  from_month,
  amount_cents,
});

describe('a droit’s amounts period by period', () => {
  it('keeps the months before a change at their amount, and merges periods of the same amount', () => {
    const droit = { first_month: '2026-10', last_month: null };
    expect(amountPeriods(droit, [change(1, 'attribution', '2026-10', 24_550), change(2, 'montant', '2026-11', 20_000)])).toEqual([
      { from: '2026-10', to: '2026-10', amountCents: 24_550 },
      { from: '2026-11', to: null, amountCents: 20_000 },
    ]);
    // back to the same amount from the first month: one period; a later change of the same month wins
    expect(
      amountPeriods(droit, [
        change(1, 'attribution', '2026-10', 24_550),
        change(2, 'montant', '2027-01', 20_000),
        change(3, 'montant', '2027-01', 24_550),
      ]),
    ).toEqual([{ from: '2026-10', to: null, amountCents: 24_550 }]);
  });

  it('ends with the droit’s last month and ignores changes after it', () => {
    const droit = { first_month: '2026-10', last_month: '2027-02' };
    expect(
      amountPeriods(droit, [
        change(1, 'attribution', '2026-10', 24_550),
        change(2, 'montant', '2026-12', 21_000),
        change(3, 'fin', '2027-03', null),
        change(4, 'montant', '2027-05', 30_000),
      ]),
    ).toEqual([
      { from: '2026-10', to: '2026-11', amountCents: 24_550 },
      { from: '2026-12', to: '2027-02', amountCents: 21_000 },
    ]);
  });
});
