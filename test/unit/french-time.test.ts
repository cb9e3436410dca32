import { describe, expect, it } from 'vitest';
import { periodLabel } from '../../src/attestations/snapshot';
import { frenchMonth } from '../../src/payments/months';
import { qfExpiry } from '../../src/attestations/months';
import { deDate, frenchValidUntil } from '../../src/shared/french-time';

/** « de » before a month in words, elided before a vowel: « d’octobre 2026 », never « de octobre 2026 ». */
describe('deDate', () => {
  it('elides before avril, août and octobre, and only there', () => {
    const months = Array.from({ length: 12 }, (_, i) => deDate(frenchMonth(`2026-${String(i + 1).padStart(2, '0')}`)));
    expect(months.filter((m) => m.startsWith('d’'))).toEqual(['d’avril 2026', 'd’août 2026', 'd’octobre 2026']);
    expect(months.filter((m) => m.startsWith('de '))).toHaveLength(9);
    expect(deDate('novembre 2026')).toBe('de novembre 2026');
  });

  it('the period of an attestation reads « d’octobre 2026 à novembre 2026 »', () => {
    expect(periodLabel({ from: '2026-10', to: '2026-11' })).toBe('d’octobre 2026 à novembre 2026');
    expect(periodLabel({ from: '2026-09', to: '2026-11' })).toBe('de septembre 2026 à novembre 2026');
    expect(periodLabel({ from: '2026-11', to: '2026-11' })).toBe('novembre 2026');
  });
});

/** « valable jusqu’au 31 décembre 2026 », never « 1 janvier 2027 à 00:00 », for an end at midnight in France. */
describe('frenchValidUntil', () => {
  it('an end at midnight in France is the whole day before; any other end keeps its time', () => {
    expect(frenchValidUntil(qfExpiry(Date.UTC(2026, 10, 20, 10)))).toBe('31 décembre 2026');
    expect(frenchValidUntil(Date.UTC(2027, 2, 5, 13, 30))).toBe('5 mars 2027 à 14:30');
  });
});
