import type { PaymentLine, PaymentsReader } from '../payments/reader';

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
 * Today Mon Compte holds no taxable resources for a dossier: the request forms ask for three months
 * of resources for some prestations (src/forms/definitions/common.ts), which are not the annual
 * taxable resources of a QF. So the QF page says « ressources inconnues » rather than invent them,
 * until the resources feed is plugged here.
 */
export const unknownResources: ResourcesPort = {
  taxableResourcesFor: async () => null,
};
