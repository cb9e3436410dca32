import { describe, expect, it } from 'vitest';
import { APPEAL_ROUTES, appealRouteOf, appealSentence } from '../../src/prestations/appeals';
import { prestations } from '../../src/prestations/catalogue';

describe('the appeal route of each prestation (voies et délais de recours)', () => {
  it('every prestation of the catalogue has one, complete, with its legal source', () => {
    for (const p of prestations) {
      const r = appealRouteOf(p.slug);
      expect(r, p.slug).toBeDefined();
      for (const field of ['kind', 'before', 'delay', 'how', 'source'] as const)
        expect(r![field].trim(), `${p.slug}.${field}`).not.toBe('');
      expect(r!.source, p.slug).toMatch(/^Code .+ articles? [LR]\. /);
    }
  });

  it('names no prestation the catalogue does not have', () => {
    const slugs = new Set(prestations.map((p) => p.slug));
    expect(Object.keys(APPEAL_ROUTES).filter((s) => !slugs.has(s))).toEqual([]);
  });

  it('differs where the law does: the département for the RSA, the MDPH for the AAH, the CRA otherwise', () => {
    expect(appealRouteOf('rsa')!.before).toContain('président du conseil départemental');
    expect(appealRouteOf('aah')!.before).toContain('MDPH');
    expect(appealRouteOf('aide-au-logement')!.before).toContain('commission de recours amiable');
    expect(appealSentence(appealRouteOf('rsa')!)).toContain('deux mois');
  });
});
