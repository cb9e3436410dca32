import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { qfFigures } from '../../src/attestations/issue';
import { databaseTaxableResources } from '../../src/attestations/ports';
import type { Database } from '../../src/db/schema';
import { addMember, createHousehold } from '../../src/household/repository';
import type { Role } from '../../src/household/permissions';
import { grantDroit } from '../../src/payments/droits';
import { databasePaymentsReader } from '../../src/payments/reader';
import { recordTaxableResources, resourcesYearFor, taxableResourcesOf } from '../../src/resources/taxable';
import { TestClock } from '../support/clock';
import { testDatabases } from '../support/databases';

const NOW = Date.UTC(2026, 10, 26, 9, 0, 0);

let dossiers = 0;
/** A dossier: the responsable, a conjoint or not, children born in the given years, a droit of `prestationsCents` a month. */
async function household(
  db: Kysely<Database>,
  o: { couple: boolean; childrenBorn: number[]; prestationsCents: number; resources?: { year: number; cents: number } },
): Promise<string> {
  dossiers += 1;
  const id = await createHousehold(db, String(7_100_000 + dossiers), NOW);
  const member = (role: Role, givenNames: string, birthDate: string) =>
    addMember(db, {
      household_id: id,
      account_id: null,
      nir: null,
      civility: 'MME',
      birth_name: 'NOVAK',
      given_names: givenNames,
      birth_date: birthDate,
      role,
      joined_at: NOW,
    });
  await member('responsable', 'Irène', '1984-02-10');
  if (o.couple) await member('conjoint', 'Paul', '1983-06-01');
  for (const [i, year] of o.childrenBorn.entries()) await member('enfant', `Enfant${i + 1} Marie`, `${year}-03-01`);
  if (o.prestationsCents)
    await grantDroit(db, {
      householdId: id,
      memberId: null,
      prestation: 'allocations-familiales',
      monthlyAmountCents: o.prestationsCents,
      firstMonth: '2026-01',
      lastMonth: null,
      demarcheId: null,
      agentId: null,
      motif: 'Demande acceptée',
      now: NOW,
    });
  if (o.resources)
    await recordTaxableResources(db, {
      householdId: id,
      year: o.resources.year,
      annualCents: o.resources.cents,
      source: 'impots',
      now: NOW,
    });
  return id;
}

/** The QF from the resources the Caf holds (table taxable_resources, migration 0023), on SQLite and PostgreSQL. */
describe.each(testDatabases)('the quotient familial from the taxable resources, on $name', { timeout: 120_000 }, ({ open }) => {
  it('takes the revenus imposables of year N − 2, replaces a corrected figure, and knows nothing it was not given', async () => {
    const h = await open();
    try {
      expect(resourcesYearFor('2026-11')).toBe(2024);
      expect(resourcesYearFor('2027-01')).toBe(2025);
      const id = await household(h.db, { couple: false, childrenBorn: [], prestationsCents: 0 });
      const port = databaseTaxableResources(h.db);
      expect(await port.taxableResourcesFor(id, '2026-11')).toBeNull();
      await recordTaxableResources(h.db, { householdId: id, year: 2025, annualCents: 2_000_000, source: 'impots', now: NOW });
      // 2025's figure is for the QF of 2027, not of 2026
      expect(await port.taxableResourcesFor(id, '2026-11')).toBeNull();
      expect(await port.taxableResourcesFor(id, '2027-01')).toEqual({ annualCents: 2_000_000, year: 2025 });
      await recordTaxableResources(h.db, { householdId: id, year: 2024, annualCents: 1_800_000, source: 'impots', now: NOW });
      await recordTaxableResources(h.db, { householdId: id, year: 2024, annualCents: 1_850_050, source: 'declaration', now: NOW + 1 });
      expect(await port.taxableResourcesFor(id, '2026-11')).toEqual({ annualCents: 1_850_050, year: 2024 });
      expect(await taxableResourcesOf(h.db, id, 2024)).toEqual({ year: 2024, annualCents: 1_850_050, source: 'declaration' });
      await expect(
        recordTaxableResources(h.db, { householdId: id, year: 2024, annualCents: -1, source: 'impots', now: NOW }),
      ).rejects.toThrow(RangeError);
    } finally {
      await h.destroy();
    }
  });

  it('computes (resources ÷ 12 + prestations of the month) ÷ parts: alone or in a couple, 0 to 4 dependent children', async () => {
    const h = await open();
    try {
      const d = {
        db: h.db,
        payments: databasePaymentsReader(h.db, new TestClock(NOW)),
        resources: databaseTaxableResources(h.db),
      };
      const cases = [
        // 36 000 € ÷ 12 = 3 000 € a month, + 200 € of prestations = 3 200 €
        { couple: false, childrenBorn: [], parts: 2, qf: 1600 },
        { couple: true, childrenBorn: [], parts: 2, qf: 1600 },
        { couple: false, childrenBorn: [2015], parts: 2.5, qf: 1280 },
        { couple: true, childrenBorn: [2012, 2015], parts: 3, qf: 1067 },
        { couple: true, childrenBorn: [2010, 2012, 2015], parts: 4, qf: 800 },
        { couple: false, childrenBorn: [2010, 2012, 2015, 2019], parts: 4.5, qf: 711 },
        // a child of 21 is no longer dependent: 2 parts
        { couple: true, childrenBorn: [2005], parts: 2, qf: 1600 },
      ];
      for (const c of cases) {
        const id = await household(h.db, { ...c, prestationsCents: 200_00, resources: { year: 2024, cents: 3_600_000 } });
        const f = await qfFigures(d, id, '2026-11');
        expect(f, JSON.stringify(c)).toEqual({
          month: '2026-11',
          resources: { annualCents: 3_600_000, year: 2024 },
          monthlyPrestationsCents: 200_00,
          children: c.childrenBorn.filter((y) => y > 2006).map((_, i) => `Enfant${i + 1}`),
          result: { parts: c.parts, monthlyResourcesCents: 320_000, qfEuros: c.qf },
        });
      }
      const unknown = await household(h.db, { couple: true, childrenBorn: [2015], prestationsCents: 200_00 });
      expect(await qfFigures(d, unknown, '2026-11')).toBeNull();
    } finally {
      await h.destroy();
    }
  });
});
