import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { PaymentLine, PaymentsReader } from '../payments/reader';
import { resourcesYearFor, taxableResourcesOf } from '../resources/taxable';

/**
 * What the attestations read from elsewhere, as narrow ports (the composition root plugs them):
 * payments — the two reads of src/payments' PaymentsReader — and the dossier's taxable resources.
 */
export type PaidLine = PaymentLine;
export type PaymentsPort = Pick<PaymentsReader, 'paymentsOf' | 'monthlyPrestationsOf'>;

/** The dossier's annual taxable resources taken into account for a month's QF, if the Caf knows them. */
export interface TaxableResources {
  annualCents: number;
  /** the year of those resources */
  year: number;
}

export interface ResourcesPort {
  taxableResourcesFor(householdId: string, month: string): Promise<TaxableResources | null>;
}

/**
 * The resources the Caf holds for the dossier (src/resources/taxable.ts): those of year N − 2 for a
 * month of year N, or null — the QF page then says « ressources inconnues » rather than invent them.
 */
export function databaseTaxableResources(db: Kysely<Database>): ResourcesPort {
  return {
    async taxableResourcesFor(householdId, month) {
      const r = await taxableResourcesOf(db, householdId, resourcesYearFor(month));
      return r ? { annualCents: r.annualCents, year: r.year } : null;
    },
  };
}
