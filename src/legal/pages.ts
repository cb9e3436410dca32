/** The pages the law asks for, linked from every page's footer. */
export const LEGAL_PAGES = [
  { path: '/accessibilite', title: 'Déclaration d’accessibilité' },
  { path: '/donnees-personnelles', title: 'Données personnelles' },
  { path: '/mentions-legales', title: 'Mentions légales' },
  { path: '/conditions-generales-d-utilisation', title: 'Conditions générales d’utilisation' },
  { path: '/cookies', title: 'Cookies' },
] as const;

/**
 * The compliance status of the accessibility statement: « non conforme » as long as no RGAA audit
 * has been done (the official model: without an audit, a service cannot declare itself partially or
 * totally compliant). Change it only with an audit's result.
 */
export const ACCESSIBILITY_STATUS = 'non conforme';

/** The day the accessibility statement was written, and the hand-filled grid (docs/rgaa-grille.md) with it. */
export const ACCESSIBILITY_STATEMENT_DATE = '7 décembre 2026';

/** Publisher and host, for the legal notice. The host named here must be the one actually used by the deployment. */
export const PUBLISHER = {
  name: 'Caisse nationale des allocations familiales (Cnaf), pour le réseau des Caf',
  address: '32 avenue de la Sibelle, 75685 Paris Cedex 14',
  director: 'le directeur général de la Cnaf',
  host: 'Centre informatique de la branche Famille de la Sécurité sociale (Cnaf)',
  hostAddress: '32 avenue de la Sibelle, 75685 Paris Cedex 14',
} as const;
