import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCountry, searchCountries } from '../../src/identity';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { text, visit } from '../support/http';
import { ANA } from '../support/registration';

/** Countries are shown in French, with their capitals and accents: « Algérie », « Côte d'Ivoire », « Brésil ». */
describe('country names as the pages show them', () => {
  it('every country has a label in proper case, accented, that reads as its INSEE name', () => {
    expect(findCountry('99352')).toMatchObject({ ok: true, value: { name: 'ALGERIE', label: 'Algérie' } });
    expect(findCountry('99326')).toMatchObject({ ok: true, value: { label: "Côte d'Ivoire" } });
    expect(findCountry('99416')).toMatchObject({ ok: true, value: { label: 'Brésil' } });
    expect(findCountry('99101')).toMatchObject({ ok: true, value: { label: 'Danemark' } });
    const fold = (s: string) =>
      s
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toUpperCase()
        .replace(/[-’]/g, (c) => (c === '-' ? ' ' : "'"));
    const codes = new Set(readFileSync(new URL('../../src/identity/data/insee-pays.csv', import.meta.url), 'utf8').match(/^99\d{3}/gm));
    expect(codes.size).toBeGreaterThan(200);
    for (const code of codes) {
      const c = findCountry(code);
      if (!c.ok) throw new Error(code);
      expect(c.value.label).not.toBe(c.value.label.toUpperCase());
      expect(fold(c.value.label)).toBe(fold(c.value.name));
    }
    expect(searchCountries('Brésil')[0]?.label).toBe('Brésil');
  });

  describe('in the registration', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp();
    });
    afterAll(() => t.close());

    it('the search, the JSON results and the récapitulatif', async () => {
      const b = new TestBrowser(t.app);
      await visit(b, '/creer-mon-compte/nouveau');
      const search = await b.post('/creer-mon-compte/etat-civil', {
        ...ANA,
        countryQuery: 'cote',
        countryCode: '',
        action: 'rechercher-pays',
      });
      expect(text(search.body)).toContain("Côte d'Ivoire");
      expect(search.body).not.toContain('COTE D');
      const api = await t.app.inject({ url: '/api/pays?q=alger' });
      expect(api.json().results[0]).toMatchObject({ code: '99352', name: 'Algérie', label: 'Algérie — 99352' });
      const saved = await b.post('/creer-mon-compte/etat-civil', ANA);
      expect(saved.statusCode).toBe(303);
      const flow = await t.ctx.database.db.selectFrom('flows').select('data').where('kind', '=', 'registration').execute();
      expect(flow.some((f) => String(f.data).includes('"name":"Brésil"'))).toBe(true);
    });
  });
});
