import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { TaxableResourcesSource } from '../db/tables/taxable-resources.table';

/**
 * The dossier's annual taxable resources (« revenus imposables » of the household), as the Caf holds
 * them: one figure per dossier and year (`taxable_resources`, migration 0023). They are what the
 * quotient familial takes (src/attestations/quotient.ts), not the monthly salaries and pensions of
 * the resources feed (./feed.ts), which the aide au logement takes.
 *
 * Rule: the QF of a month of year N takes the revenus imposables of year N − 2 — the last year for
 * which the tax administration has the household's return when year N begins; it transmits them to
 * the Caf, which uses them from January to December of year N. Source: caf.fr, « Le quotient
 * familial » (« calculé à partir des revenus de l’année N-2 »), and Code de la sécurité sociale,
 * art. R532-3 (resources of the reference year, « l’avant-dernière année » before the period).
 *
 * Mon Compte never invents them: a dossier without a figure for that year has « ressources
 * inconnues ». Filled by `recordTaxableResources` (the yearly transmission, a declaration taken by
 * the Caf, the demo households of src/demo/households.ts).
 */
export const RESOURCES_YEARS_BACK = 2;

/** The year of the resources a month's QF takes: YYYY-MM → YYYY − 2. */
export function resourcesYearFor(month: string): number {
  return Number(month.slice(0, 4)) - RESOURCES_YEARS_BACK;
}

export interface TaxableResourcesOfYear {
  year: number;
  annualCents: number;
  source: TaxableResourcesSource;
}

export async function taxableResourcesOf(
  db: Kysely<Database>,
  householdId: string,
  year: number,
): Promise<TaxableResourcesOfYear | undefined> {
  const row = await db
    .selectFrom('taxable_resources')
    .select(['year', 'annual_cents', 'source'])
    .where('household_id', '=', householdId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row && { year: Number(row.year), annualCents: Number(row.annual_cents), source: row.source };
}

/** Records (or replaces, when a corrected figure arrives) a dossier's resources of a year. */
export async function recordTaxableResources(
  db: Kysely<Database>,
  i: { householdId: string; year: number; annualCents: number; source: TaxableResourcesSource; now: number },
): Promise<void> {
  if (!Number.isSafeInteger(i.annualCents) || i.annualCents < 0) throw new RangeError('annualCents');
  if (!Number.isInteger(i.year) || i.year < 1900 || i.year > 2999) throw new RangeError('year');
  const values = { annual_cents: i.annualCents, source: i.source, recorded_at: i.now };
  await db
    .insertInto('taxable_resources')
    .values({ household_id: i.householdId, year: i.year, ...values })
    .onConflict((oc) => oc.columns(['household_id', 'year']).doUpdateSet(values))
    .execute();
}
