import { describe, expect, it } from 'vitest';
import { periodLabel } from '../../src/attestations/snapshot';
import { frenchMonth } from '../../src/payments/months';
import { deDate } from '../../src/shared/french-time';

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
