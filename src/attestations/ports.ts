/**
 * What the attestations read from elsewhere, as narrow ports (the composition root plugs them):
 * payments (src/payments, the read port of « Mes paiements ») and the dossier's taxable resources.
 * The shapes are those of src/payments' PaymentsReader, repeated structurally so that this module
 * depends on the two methods it calls and nothing else.
 */
export interface PaidLine {
  prestation: string;
  /** YYYY-MM */
  month: string;
  amountCents: number;
  paidOn: string | null;
  status: 'programme' | 'verse' | 'en_attente';
  kind: 'droit' | 'rappel' | 'indu';
  reason: string | null;
}

export interface PaymentsPort {
  paymentsOf(householdId: string, from: string, to: string): Promise<PaidLine[]>;
  monthlyPrestationsOf(householdId: string, month: string): Promise<{ prestation: string; amountCents: number; memberId: string | null }[]>;
}

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
