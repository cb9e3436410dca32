/**
 * The plausibility limit of the monthly amount an agent enters when a request is accepted, per
 * prestation of ./catalogue.ts: an amount above it is certainly a typing error (a misplaced comma:
 * 2 455 € instead of 245,50 €). They are deliberately generous (well above the scales of 2026),
 * never a computation of the right amount. A prestation without an entry here gives no droit (a
 * declaration) or is not paid by the Caf from Mon Compte.
 */
export const MONTHLY_AMOUNT_LIMITS_CENTS: Readonly<Record<string, number>> = {
  'aide-au-logement': 1_500_00,
  'prime-de-demenagement': 1_500_00,
  'prestation-naissance': 1_200_00,
  'allocation-soutien-familial': 1_000_00,
  'complement-mode-de-garde': 1_500_00,
  'allocations-familiales': 2_000_00,
  rsa: 2_000_00,
  'prime-activite': 1_000_00,
  ajpa: 1_500_00,
  aah: 1_500_00,
  aeeh: 2_000_00,
};

/** The limit of a prestation, or undefined when its acceptance records no droit. */
export function monthlyAmountLimit(prestation: string): number | undefined {
  return MONTHLY_AMOUNT_LIMITS_CENTS[prestation];
}
