/**
 * The quotient familial (QF) of a month, as the Caf computes it for its attestation:
 *
 *   QF = (annual taxable resources of the dossier ÷ 12 + the prestations of that month) ÷ number of parts
 *
 * Parts: 2 for the allocataire, alone or in a couple; 0.5 for each of the first two dependent
 * children; 1 for the third; 0.5 for each further one.
 *
 * Source: the Caf's published definition of the quotient familial (caf.fr, « Le quotient
 * familial », used by schools, crèches and leisure centres), as issue 25 of this project sets it
 * out. What it leaves out and we leave out too: the extra half part some Caf regulations give for a
 * disabled child (not asked by the issue; the dossier does not record it).
 *
 * A dependent child: a member of the dossier with the role « enfant », under 20 on the first day of
 * the month (the age limit of the prestations familiales, Code de la sécurité sociale, art. R512-2).
 * Amounts are in cents; the QF is rounded to the nearest euro, as it is printed.
 */
export const CHILD_AGE_LIMIT = 20;

/** The number of parts of a household with this many dependent children. */
export function qfParts(dependentChildren: number): number {
  if (!Number.isInteger(dependentChildren) || dependentChildren < 0) throw new RangeError('dependentChildren');
  let parts = 2;
  for (let rank = 1; rank <= dependentChildren; rank++) parts += rank === 3 ? 1 : 0.5;
  return parts;
}

export interface QfInput {
  /** annual taxable resources of the dossier, in cents */
  annualResourcesCents: number;
  /** the prestations of the month, in cents */
  monthlyPrestationsCents: number;
  dependentChildren: number;
}

export interface QfResult {
  parts: number;
  /** monthly resources taken into account: annual ÷ 12 + prestations of the month, in cents */
  monthlyResourcesCents: number;
  /** the quotient familial, in whole euros */
  qfEuros: number;
}

export function quotientFamilial(i: QfInput): QfResult {
  const parts = qfParts(i.dependentChildren);
  const monthlyResourcesCents = Math.round(i.annualResourcesCents / 12) + i.monthlyPrestationsCents;
  return { parts, monthlyResourcesCents, qfEuros: Math.round(monthlyResourcesCents / parts / 100) };
}

/** Whether a child born on `birthDate` (YYYY-MM-DD) is dependent in `month` (YYYY-MM): under 20 on its first day. */
export function dependentIn(birthDate: string, month: string): boolean {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [my, mm] = month.split('-').map(Number) as [number, number];
  const age = my - by - (mm < bm || (mm === bm && 1 < bd) ? 1 : 0);
  return age < CHILD_AGE_LIMIT;
}
