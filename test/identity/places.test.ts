import { describe, expect, it } from 'vitest';
import { findCommune, findCountry, sameCommuneLineage, searchCommunes, searchCountries } from '../../src/identity/index';
import { parseCsv } from '../../src/identity/places';

const codes = (list: { code: string }[]): string[] => list.map((p) => p.code);

describe('findCommune — current and historical', () => {
  it('current commune', () => {
    const r = findCommune('75056');
    expect(r).toEqual({ ok: true, value: { code: '75056', name: 'Paris', departement: { code: '75', name: 'Paris' }, current: true } });
  });

  it('Levallois-Perret: 75044 (Seine) before 1968, 92044 after', () => {
    const old = findCommune('75044');
    expect(old.ok && old.value).toMatchObject({
      name: 'Levallois-Perret',
      current: false,
      validTo: '1968-01-01',
      successorCode: '92044',
      departement: { code: '75', name: 'Seine' },
    });
    expect(findCommune('75044', '1960-05-01').ok).toBe(true);
    expect(findCommune('75044', '1990-05-01')).toMatchObject({ ok: false, error: { code: 'COMMUNE_NOT_IN_FORCE' } });
    expect(findCommune('92044', '1990-05-01')).toMatchObject({ ok: true, value: { current: true, validFrom: '1968-01-01' } });
  });

  it('Ajaccio: 20004 before 1976, 2A004 after (lower case accepted)', () => {
    expect(findCommune('20004')).toMatchObject({
      ok: true,
      value: { name: 'Ajaccio', validTo: '1976-01-01', successorCode: '2A004', departement: { name: 'Corse' } },
    });
    expect(findCommune('2a004')).toMatchObject({
      ok: true,
      value: { name: 'Ajaccio', current: true, departement: { code: '2A', name: 'Corse-du-Sud' } },
    });
    expect(findCommune('2A004', '1970-01-01').ok).toBe(false);
  });

  it('Mayotte 985xx before 2008 (supplement), Saint-Barthélemy 97123', () => {
    expect(findCommune('98511')).toMatchObject({
      ok: true,
      value: { name: 'Mamoudzou', successorCode: '97611', departement: { code: '985', name: 'Mayotte' } },
    });
    expect(findCommune('97611')).toMatchObject({ ok: true, value: { name: 'Mamoudzou', current: true } });
    expect(findCommune('97123')).toMatchObject({ ok: true, value: { name: 'Saint-Barthélemy', successorCode: '97701' } });
  });

  it('merged commune: Saint-Bois (01340) → Arboys en Bugey (01015) in 2016', () => {
    expect(findCommune('01340')).toMatchObject({
      ok: true,
      value: { name: 'Saint-Bois', current: false, validTo: '2016-01-01', successorCode: '01015' },
    });
    expect(sameCommuneLineage('01340', '01015')).toBe(true);
    expect(sameCommuneLineage('75044', '92044')).toBe(true);
    expect(sameCommuneLineage('20004', '2A004')).toBe(true);
    expect(sameCommuneLineage('75115', '75056')).toBe(true);
    expect(sameCommuneLineage('75044', '13055')).toBe(false);
  });

  it('errors', () => {
    expect(findCommune('7505')).toMatchObject({ ok: false, error: { code: 'COMMUNE_CODE_INVALID' } });
    expect(findCommune('00001')).toMatchObject({ ok: false, error: { code: 'COMMUNE_NOT_FOUND' } });
    expect(findCommune('75056', '1990/01/01')).toMatchObject({ ok: false, error: { code: 'DATE_INVALID' } });
  });
});

describe('searchCommunes — ranking and folding', () => {
  it('exact first, then prefix, then word prefix, then substring', () => {
    const r = searchCommunes('Paris', { limit: 30 });
    expect(r[0]?.code).toBe('75056');
    expect(r.slice(1, 21).every((p) => p.name.startsWith('Paris'))).toBe(true);
    // 'Cormeilles-en-Parisis' is a word-prefix match, after all the prefix matches.
    const all = searchCommunes('paris', { limit: 1000 });
    const idxPrefix = all.findIndex((p) => p.name === 'Paris 20e Arrondissement');
    const idxWord = all.findIndex((p) => p.name === 'Cormeilles-en-Parisis');
    expect(idxPrefix).toBeGreaterThan(0);
    expect(idxWord).toBeGreaterThan(idxPrefix);
    // Substring only ('Montparisse' does not exist; 'aris' is inside many names) comes last.
    const sub = searchCommunes('aris', { limit: 50 });
    expect(sub.length).toBeGreaterThan(0);
    expect(sub.every((p) => p.name.toLowerCase().includes('aris'))).toBe(true);
  });

  it('is accent-, case-, hyphen-, apostrophe- and Saint/St-insensitive', () => {
    for (const q of ['saint etienne', 'ST ETIENNE', 'St-Étienne', 'saint-etienne', 'Saint Étienne']) {
      expect(searchCommunes(q)[0], q).toMatchObject({ code: '42218', name: 'Saint-Étienne' });
    }
    expect(searchCommunes("l'isle adam")[0]?.code).toBe('95313');
    expect(searchCommunes('lisle adam').length).toBe(0);
    expect(searchCommunes('isle-adam')[0]?.code).toBe('95313');
    expect(searchCommunes('evry')[0]?.name).toMatch(/^[ÉE]vry/);
    // 'st' is also a prefix in its own right.
    expect(codes(searchCommunes('st', { limit: 10 }))).toContain('67482');
  });

  it('shows historical places, filtered by date when asked', () => {
    expect(codes(searchCommunes('levallois'))).toEqual(['92044', '75044']);
    expect(codes(searchCommunes('levallois', { atDate: '1960-01-01' }))).toEqual(['75044']);
    expect(codes(searchCommunes('ajaccio', { atDate: '1980-01-01' }))).toEqual(['2A004']);
    expect(codes(searchCommunes('mamoudzou'))).toEqual(['97611', '98511']);
  });

  it('limit and empty queries', () => {
    expect(searchCommunes('saint', { limit: 3 })).toHaveLength(3);
    expect(searchCommunes('saint')).toHaveLength(10);
    expect(searchCommunes('')).toEqual([]);
    expect(searchCommunes(' - ')).toEqual([]);
    expect(searchCommunes('zzzzzz')).toEqual([]);
  });
});

describe('countries', () => {
  it('parses quoted commas, shared codes, former names', () => {
    expect(parseCsv('a,"b, c",d\n1,"x ""y""",\n')).toEqual([
      ['a', 'b, c', 'd'],
      ['1', 'x "y"', ''],
    ]);
    expect(findCountry('99129')).toMatchObject({ ok: true, value: { name: 'VATICAN, ou SAINT-SIEGE' } });
    expect(findCountry('99101')).toMatchObject({ ok: true, value: { name: 'DANEMARK', otherNames: ['FEROE (ILES)'] } });
    expect(findCountry('99123')).toMatchObject({ ok: true, value: { name: 'RUSSIE', formerNames: ['U.R.S.S.'] } });
    expect(findCountry('99115')).toMatchObject({ ok: true, value: { name: 'TCHECOSLOVAQUIE' } });
    expect(findCountry('99352')).toMatchObject({ ok: true, value: { name: 'ALGERIE', formerlyFrench: true } });
    expect(findCountry('99100')).toMatchObject({ ok: true, value: { name: 'FRANCE' } });
    expect(findCountry('99999')).toMatchObject({ ok: false, error: { code: 'COUNTRY_NOT_FOUND' } });
    expect(findCountry('12345')).toMatchObject({ ok: false, error: { code: 'COUNTRY_CODE_INVALID' } });
  });

  it('searches current and former names', () => {
    expect(searchCountries('espagne')[0]?.code).toBe('99134');
    expect(searchCountries('urss')[0]?.code).toBe('99123');
    expect(searchCountries('tchecoslovaquie')[0]?.code).toBe('99115');
    expect(searchCountries('Féroé')[0]?.code).toBe('99101');
    expect(searchCountries('saint siege')[0]?.code).toBe('99129');
    expect(searchCountries('alle')[0]?.code).toBe('99109');
    expect(searchCountries('')).toEqual([]);
  });
});
