import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatProvisionalId,
  isProvisionalId,
  newProvisionalId,
  parseNir,
  parseProvisionalId,
  PROVISIONAL_ID_ALPHABET,
} from '../../src/identity/index';

const alphabet = [...PROVISIONAL_ID_ALPHABET];
const seeded = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 8, maxLength: 8 });
const idFrom = (values: number[]): string => {
  let i = 0;
  return newProvisionalId(() => values[i++ % values.length] as number);
};

describe('provisional ids', () => {
  it('shape: P + 9 characters of an unambiguous alphabet', () => {
    expect(alphabet).toHaveLength(29);
    for (const c of '01OILUZ') expect(alphabet).not.toContain(c);
    for (let i = 0; i < 200; i++) {
      const id = newProvisionalId();
      expect(id).toMatch(/^P[23456789ABCDEFGHJKMNPQRSTVWXY]{9}$/);
      expect(isProvisionalId(id)).toBe(true);
    }
  });

  it('CSPRNG ids do not repeat in a sample', () => {
    const seen = new Set(Array.from({ length: 5000 }, () => newProvisionalId()));
    expect(seen.size).toBe(5000);
  });

  it('format and tolerant parsing', () => {
    const id = idFrom([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
    const shown = formatProvisionalId(id);
    expect(shown).toMatch(/^P [0-9A-Z]{4} [0-9A-Z]{4} [0-9A-Z]$/);
    expect(parseProvisionalId(shown.toLowerCase())).toEqual({ ok: true, value: id });
    expect(parseProvisionalId(` ${shown.replace(/ /g, '-')} `)).toEqual({ ok: true, value: id });
    expect(parseProvisionalId('')).toMatchObject({ ok: false, error: { code: 'PROVISIONAL_ID_EMPTY' } });
    expect(parseProvisionalId('P1234')).toMatchObject({ ok: false, error: { code: 'PROVISIONAL_ID_INVALID' } });
    expect(parseProvisionalId(id.replace(/^P/, 'Q'))).toMatchObject({ ok: false, error: { code: 'PROVISIONAL_ID_INVALID' } });
  });

  it('is never a NIR', () => {
    fc.assert(
      fc.property(seeded, (v) => {
        expect(parseNir(idFrom(v)).ok).toBe(false);
      }),
    );
  });

  it('detects any single-character substitution', () => {
    fc.assert(
      fc.property(seeded, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 28 }), (v, pos, c) => {
        const id = idFrom(v);
        const replacement = alphabet[c] as string;
        fc.pre(id[pos] !== replacement);
        const broken = id.slice(0, pos) + replacement + id.slice(pos + 1);
        expect(isProvisionalId(broken)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('detects any adjacent transposition (check character included)', () => {
    fc.assert(
      fc.property(seeded, fc.integer({ min: 1, max: 8 }), (v, pos) => {
        const id = idFrom(v);
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        expect(isProvisionalId(swapped)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
