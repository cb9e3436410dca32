import { describe, expect, it } from 'vitest';
import { dependentIn, qfParts, quotientFamilial } from '../../src/attestations/quotient';

describe('the quotient familial', () => {
  it('counts 2 parts for the allocataire, ½ for each of the first two children, 1 for the third, ½ for each further one', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(qfParts)).toEqual([2, 2.5, 3, 4, 4.5, 5, 5.5]);
  });

  it('worked example: a couple, two children, 30 000 € a year, 150 € of prestations → (2 500 + 150) ÷ 3 = 883 €', () => {
    const r = quotientFamilial({ annualResourcesCents: 3_000_000, monthlyPrestationsCents: 15_000, dependentChildren: 2 });
    expect(r).toEqual({ parts: 3, monthlyResourcesCents: 265_000, qfEuros: 883 });
  });

  it('worked example: alone, no child, 18 000 € a year, nothing paid → 1 500 ÷ 2 = 750 €', () => {
    expect(quotientFamilial({ annualResourcesCents: 1_800_000, monthlyPrestationsCents: 0, dependentChildren: 0 }).qfEuros).toBe(750);
  });

  it('worked example: three children, 24 000 € a year, 450,50 € of prestations → (2 000 + 450,50) ÷ 4 = 613 €', () => {
    const r = quotientFamilial({ annualResourcesCents: 2_400_000, monthlyPrestationsCents: 45_050, dependentChildren: 3 });
    expect(r.parts).toBe(4);
    expect(r.qfEuros).toBe(613); // 2 450,50 ÷ 4 = 612,625, rounded to the euro
  });

  it('worked example: five children, 42 000 € a year, 1 000 € of prestations → (3 500 + 1 000) ÷ 5 = 900 €', () => {
    expect(quotientFamilial({ annualResourcesCents: 4_200_000, monthlyPrestationsCents: 100_000, dependentChildren: 5 })).toEqual({
      parts: 5,
      monthlyResourcesCents: 450_000,
      qfEuros: 900,
    });
  });

  it('counts a child as dependent until the month they turn 20 (under 20 on the first day of the month)', () => {
    expect(dependentIn('2006-12-01', '2026-11')).toBe(true);
    expect(dependentIn('2006-12-01', '2026-12')).toBe(false);
    expect(dependentIn('2006-12-02', '2026-12')).toBe(true);
    expect(dependentIn('2020-05-10', '2026-11')).toBe(true);
  });

  it('refuses a negative or fractional number of children', () => {
    expect(() => qfParts(-1)).toThrow(RangeError);
    expect(() => qfParts(1.5)).toThrow(RangeError);
  });
});
