import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRANCE_COUNTRY_CODE, TEST_CITIZENS, computeNirKey, findCitizen, isNirKeyValid } from '../../src/franceconnect-standin/citizens';

describe('test citizens', () => {
  it('have unique, stable ids', () => {
    const ids = TEST_CITIZENS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(findCitizen('angela-dubois-paris')?.family_name).toBe('DUBOIS');
    expect(findCitizen('nobody')).toBeUndefined();
  });

  it('cover the cases the application must handle', () => {
    const by = (pred: (c: (typeof TEST_CITIZENS)[number]) => boolean) => TEST_CITIZENS.filter(pred);
    expect(by((c) => c.birthplace.startsWith('751'))).not.toHaveLength(0); // Paris arrondissement
    expect(by((c) => c.birthplace.startsWith('2A') && c.birthdate >= '1976')).not.toHaveLength(0);
    expect(by((c) => c.birthplace === '20004' && c.birthdate < '1976')).not.toHaveLength(0);
    expect(by((c) => c.birthcountry !== FRANCE_COUNTRY_CODE && c.birthplace === '')).not.toHaveLength(0);
    expect(by((c) => c.birthdate.slice(5, 7) === '00')).not.toHaveLength(0);
    expect(by((c) => c.birthdate.slice(8) === '00' && c.birthdate.slice(5, 7) !== '00')).not.toHaveLength(0);
    expect(by((c) => c.email === undefined)).not.toHaveLength(0);
    expect(by((c) => c.preferred_username !== undefined)).not.toHaveLength(0);
    expect(by((c) => c.birthplace === '97411')).not.toHaveLength(0);
    expect(by((c) => c.nir === undefined)).not.toHaveLength(0);
  });

  it('follow the FranceConnect claim formats', () => {
    for (const c of TEST_CITIZENS) {
      expect(c.birthdate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['male', 'female']).toContain(c.gender);
      expect(c.birthcountry).toMatch(/^99\d{3}$/);
      if (c.birthcountry === FRANCE_COUNTRY_CODE) expect(c.birthplace).toMatch(/^(\d{5}|2[AB]\d{3})$/);
      else expect(c.birthplace).toBe('');
      expect(c.given_name.trim()).toBe(c.given_name);
    }
  });

  it('have NIRs consistent with their identity and with a valid key', () => {
    for (const c of TEST_CITIZENS) {
      if (!c.nir) continue;
      const nir = c.nir;
      expect(nir, c.id).toHaveLength(15);
      expect(isNirKeyValid(nir), c.id).toBe(true);
      expect(nir[0]).toBe(c.gender === 'male' ? '1' : '2');
      expect(nir.slice(1, 3)).toBe(c.birthdate.slice(2, 4));
      const month = c.birthdate.slice(5, 7);
      if (month === '00') expect(Number(nir.slice(3, 5))).toSatisfy((m: number) => m === 20 || (m >= 30 && m <= 42) || m >= 50);
      else expect(nir.slice(3, 5)).toBe(month);
      const place = c.birthcountry === FRANCE_COUNTRY_CODE ? c.birthplace : `99${c.birthcountry.slice(2)}`;
      expect(nir.slice(5, 10)).toBe(place);
    }
  });

  it('computes NIR keys with the Corsica substitution', () => {
    // 2A → 19, 2B → 18 for the computation only.
    expect(computeNirKey('281022A004031')).toBe(computeNirKey('2810219004031'));
    expect(computeNirKey('281022B004031')).toBe(computeNirKey('2810218004031'));
    expect(() => computeNirKey('12345')).toThrow();
    expect(isNirKeyValid('262087511208458')).toBe(false);
  });

  it('NIR key property: a key in 01..97 that makes the number ≡ 0 mod 97', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[12]\d{12}$/), (first13) => {
        const key = Number(computeNirKey(first13));
        expect(key).toBeGreaterThanOrEqual(1);
        expect(key).toBeLessThanOrEqual(97);
        expect((BigInt(first13) + BigInt(key)) % 97n).toBe(0n);
      }),
    );
  });
});
