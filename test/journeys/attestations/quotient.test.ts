import { describe, expect, it } from 'vitest';
import { DEMO_PEOPLE as P } from '../../../src/demo/people';
import { seedDemoData } from '../../../src/demo/seed';
import { readPdfText } from '../../support/tagged-pdf';
import { buildTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { api, signedIn } from '../../household/support';

/**
 * The QF of the demo households, from the taxable resources the Caf holds (src/resources/taxable.ts):
 * the figures shown before issuing, the attestation and its PDF, and the dossier whose resources
 * the Caf has not received. On SQLite and PostgreSQL.
 */
describe.each(testDatabases)('the attestation de quotient familial with real resources, on $name', { timeout: 180_000 }, ({ open }) => {
  const withDemo = async (run: (t: TestApp) => Promise<void>) => {
    const t = await buildTestApp({ env: { LOGIN_SECOND_FACTOR: 'false' }, database: await open() });
    try {
      await seedDemoData(t.ctx);
      await run(t);
    } finally {
      await t.close();
    }
  };
  const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');

  it('shows the figures used, then certifies the QF on the page and the PDF — never the amount of the revenus', () =>
    withDemo(async (t) => {
      // dossier 1234567: 38 700 € of 2024 (÷ 12 = 3 225 €), aide au logement 312,45 € + allocations familiales 148,52 €,
      // Hugo (17) and Jade (10): 3 parts → (3 225 + 460,97) ÷ 3 = 1 228,66 → 1 229 €
      const b = await signedIn(t, P.julienMoreau.nir);
      const form = await b.get('/mon-espace/attestations/quotient-familial');
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('Votre quotient familial pour novembre 2026');
      expect(form.body).toMatch(/Revenus imposables 2024 du foyer[\s\S]*?38\s700,00\s€, soit 3\s225,00\s€ par mois/);
      expect(form.body).toMatch(/Prestations pour novembre 2026[\s\S]*?460,97\s€/);
      expect(form.body).toContain('3 parts\u00a0: 2 (vous, seul ou en couple) + 0,5 + 0,5 pour vos 2 enfants à charge');
      expect(form.body).toMatch(/Quotient familial<\/dt>\s*<dd[^>]*>\s*1229 €/);
      expect(form.body).not.toContain('Ressources inconnues');

      const res = await b.post('/mon-espace/attestations/quotient-familial', { month: '2026-11' });
      expect(res.statusCode).toBe(303);
      const page = await b.get(location(res));
      for (const [key, value] of [
        ['Quotient familial', '1229 €'],
        ['Nombre de parts', '3'],
        ['Enfants à charge', '2'],
        ['Ressources prises en compte', 'revenus imposables de 2024 du foyer \\(÷ 12\\) et prestations du mois'],
        ['Prestations du mois prises en compte', '460,97\\s€'],
      ])
        expect(page.body).toMatch(new RegExp(`${key}</dt>\\s*<dd[^>]*>\\s*${value}`));
      expect(page.body).not.toMatch(/38\s700/);

      const pdf = await b.get(`${location(res).split('?')[0]}/pdf`);
      expect(pdf.statusCode).toBe(200);
      // one line per text object (a key and its value are two): read as flowing text
      const text = (await readPdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
      for (const line of [
        'Quotient familial : 1229 €',
        'Nombre de parts : 3',
        'Enfants à charge : 2',
        'Ressources prises en compte : revenus imposables de 2024 du foyer (÷ 12) et prestations du mois',
        'Prestations du mois prises en compte : 460,97 €',
      ])
        expect(text).toContain(line);
      expect(text).not.toMatch(/38\s700/);

      // and « Mes données » lists it
      const mine = (await api(b, 'GET', '/api/mes-donnees')).json().attestations;
      expect(mine).toEqual([
        expect.objectContaining({
          kind: 'quotient_familial',
          period: { from: '2026-11', to: '2026-11', label: 'novembre 2026' },
          status: 'valide',
          checkedCount: 0,
          refusedCount: 0,
        }),
      ]);
    }));

  it('alone with one child: 2,5 parts (JSON)', () =>
    withDemo(async (t) => {
      // dossier 3456789: 15 984 € of 2024 (÷ 12 = 1 332 €) + 199,19 € of ASF, Lucas (11) → 1 531,19 ÷ 2,5 = 612 €
      const b = await signedIn(t, P.sophieGarnier.nir);
      const made = await api(b, 'POST', '/api/attestations/quotient-familial', { month: '2026-11' });
      expect(made.statusCode).toBe(201);
      const rows = Object.fromEntries((made.json().certified as { key: string; value: string }[]).map((r) => [r.key, r.value]));
      expect(rows).toMatchObject({ 'Quotient familial': '612 €', 'Nombre de parts': '2,5', 'Enfants à charge': '1' });
      expect(rows['Prestations du mois prises en compte']).toMatch(/^199,19\s€$/);
    }));

  it('says « ressources inconnues » for the dossier whose revenus the Caf has not received, and issues nothing', () =>
    withDemo(async (t) => {
      const b = await signedIn(t, P.thomasPetit.nir);
      const page = await b.get('/mon-espace/attestations/quotient-familial');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Ressources inconnues');
      expect(page.body).toContain('se calcule sur les revenus imposables de 2024 de votre foyer. La Caf ne les a pas reçus');
      expect(page.body).not.toContain('Obtenir l’attestation');
      expect(page.body).not.toContain('Quotient familial</dt>');
      const json = await api(b, 'POST', '/api/attestations/quotient-familial', { month: '2026-11' });
      expect(json.statusCode).toBe(409);
      expect(json.json().error.code).toBe('ATTESTATION_RESOURCES_UNKNOWN');
      expect(await t.ctx.database.db.selectFrom('attestations').select('id').where('kind', '=', 'quotient_familial').execute()).toEqual([]);
    }));
});
