/** The dossier's annual taxable resources (migration 0023; rules: src/resources/taxable.ts). */
export interface TaxableResourcesTable {
  household_id: string;
  /** the year the resources were earned (not the year they are used for) */
  year: number;
  /** the household's « revenus imposables » of that year, in cents */
  annual_cents: number;
  source: TaxableResourcesSource;
  recorded_at: number;
}

/**
 * Where the figure comes from: `impots`, transmitted by the tax administration (the usual case);
 * `declaration`, declared to the Caf by a household that has no tax return in France.
 */
export type TaxableResourcesSource = 'impots' | 'declaration';
