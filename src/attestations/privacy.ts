import { findPrestation } from '../prestations/catalogue';

/**
 * What an attestation shows is the person's choice; by default the total only. Never the NIR (not
 * even offered). The numéro allocataire, the address, the children's first names, the detail by
 * prestation and the prestations that reveal a disability or the RSA appear only when the person
 * ticks them.
 */
export interface DisclosureChoices {
  /** one line per prestation (and per month) instead of the total only */
  detail: boolean;
  /** in the detail, name the prestations that reveal a disability or the RSA (grouped as « autres prestations » otherwise) */
  sensitive: boolean;
  dossierNumber: boolean;
  address: boolean;
  /** QF: the first names of the dependent children (their number is always shown: it makes the parts) */
  childrenNames: boolean;
}

export const PRIVATE_BY_DEFAULT: DisclosureChoices = {
  detail: false,
  sensitive: false,
  dossierNumber: false,
  address: false,
  childrenNames: false,
};

/**
 * Prestations whose very name reveals a disability (AAH, AEEH, the theme « Handicap »; the AJPA: a
 * relative's disability or loss of autonomy) or the RSA. A prestation the catalogue does not know
 * counts as sensitive: a name we cannot judge is hidden, not shown.
 */
const SENSITIVE_SLUGS = new Set(['rsa', 'ajpa']);

export function isSensitivePrestation(slug: string): boolean {
  const p = findPrestation(slug);
  return !p || p.theme === 'handicap' || SENSITIVE_SLUGS.has(p.slug);
}

/** The prestation's name as an attestation prints it. */
export function prestationLabel(slug: string): string {
  return findPrestation(slug)?.title ?? 'Autre prestation';
}

export const HIDDEN_LABEL = 'Autres prestations';
