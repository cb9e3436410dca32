import { ROLES, type Role } from '../db/tables/household.table';
/**
 * THE permission function of Mon Compte: what a person may do, decided from their place in the
 * household (foyer) — role, autorisation de gestion (procuration), age on the day — and nothing
 * else. Every page and every JSON route asks `can()`; no check is written twice, and rights are
 * read from the database at each request (never cached in the session), so that a revocation or a
 * separation takes effect on the very next request.
 *
 * PRODUCT.md §1.5:
 * | role                                      | can                                                         |
 * | responsable du dossier                    | everything                                                  |
 * | conjoint with procuration                 | the same as the responsable, except granting a procuration  |
 * | conjoint without, child ≥ 15, à charge    | own data, own contact, declare a separation, individual     |
 * |                                           | requests (e.g. AJPA)                                        |
 * A separation declared by a child or a personne à charge is checked by the Caf before it changes
 * the couple's rights (src/demarches/separation.ts).
 * A person with no dossier yet (not allocataire) may ask for a prestation: the first request
 * creates the household's dossier.
 */

export { ROLES, type Role };

export const ACTIONS = [
  /** « Mes informations »: own civil status, identity status, contact, role, numéro allocataire */
  'consult_personal_data',
  /** « Modifier mes coordonnées » (own contact, re-verified by a code) */
  'modify_contact',
  /** « Déclarer une séparation » */
  'declare_separation',
  /** a request that concerns the person alone (e.g. AJPA, proche aidant) */
  'request_individual_prestation',
  /** a request for the whole household (aide au logement, RSA, prime d'activité…) */
  'request_household_prestation',
  /** « Déclarer un changement » (address, bank account) and managing the dossier */
  'manage_dossier',
  /** the démarches of the whole household in « Mes démarches » (one's own are always visible) */
  'view_household_demarches',
  /** grant or revoke the autorisation de gestion to the conjoint */
  'manage_procuration',
  /** « Mes attestations »: an attestation de paiement or de quotient familial of the dossier */
  'issue_attestation',
  /**
   * the droits and payments of the whole dossier (« Mes droits », « Mes paiements »); every member
   * sees those that concern them (src/journeys/droits)
   */
  'view_household_payments',
] as const;
export type Action = (typeof ACTIONS)[number];

/** A person's place in a dossier, as read from the database for this request. */
export interface Membership {
  role: Role;
  /** YYYY-MM-DD: "over 15" is computed on the day, never stored */
  birthDate: string;
  /** autorisation de gestion (meaningful for a conjoint only) */
  hasProcuration: boolean;
}

/** The person asking: their membership of a dossier, or none (not allocataire yet). */
export interface Actor {
  membership?: Membership;
  /**
   * whether the person's dossier counts a couple (a responsable and a conjoint), read with the
   * membership; undefined when not read (then assumed)
   */
  couple?: boolean;
}

export type Decision = { allowed: true } | { allowed: false; who: string };

/** Age in full years on `today` (both YYYY-MM-DD): one's birthday counts from its first day. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** A child may have their own space from their 15th birthday. */
export const MIN_ACCOUNT_AGE = 15;

/** Whether this member may hold an account at all (a child under 15 may not). */
export function mayHaveAccount(m: Membership, today: string): boolean {
  return m.role !== 'enfant' || ageOn(m.birthDate, today) >= MIN_ACCOUNT_AGE;
}

/** Who manages the dossier: the responsable, and the conjoint with an autorisation de gestion. */
export function managesDossier(m: Membership): boolean {
  return m.role === 'responsable' || (m.role === 'conjoint' && m.hasProcuration);
}

/**
 * One of the couple (the responsable, the conjoint): their separation takes effect at once. When
 * another member (a child over 15, a personne à charge) declares one, the Caf checks it first
 * (src/demarches/separation.ts).
 */
export function inCouple(m: Pick<Membership, 'role'>): boolean {
  return m.role === 'responsable' || m.role === 'conjoint';
}

/** Who may do each action, said to the person refused (French, for the 403 page). */
export const WHO_CAN: Record<Action, string> = {
  consult_personal_data: 'Chaque membre du foyer ayant un espace personnel peut consulter ses propres informations.',
  modify_contact: 'Chaque membre du foyer ayant un espace personnel peut modifier ses propres coordonnées.',
  declare_separation: 'Chaque membre du foyer ayant un espace personnel peut déclarer une séparation.',
  request_individual_prestation: 'Chaque membre du foyer ayant un espace personnel peut faire une demande individuelle.',
  request_household_prestation:
    'Seul le responsable du dossier, ou son conjoint s’il a reçu une autorisation de gestion, peut faire une demande de prestation pour le foyer.',
  manage_dossier: 'Seul le responsable du dossier, ou son conjoint s’il a reçu une autorisation de gestion, peut gérer le dossier.',
  view_household_demarches:
    'Seul le responsable du dossier, ou son conjoint s’il a reçu une autorisation de gestion, peut suivre les démarches de tout le foyer.',
  manage_procuration: 'Seul le responsable du dossier peut donner ou retirer l’autorisation de gestion à son conjoint.',
  issue_attestation:
    'Seul le responsable du dossier, ou son conjoint s’il a reçu une autorisation de gestion, peut obtenir une attestation de paiement ou de quotient familial du dossier.',
  view_household_payments:
    'Seul le responsable du dossier, ou son conjoint s’il a reçu une autorisation de gestion, peut voir les droits et les paiements de tout le foyer.',
};

function allowedFor(action: Action, m: Membership | undefined, today: string): boolean {
  if (!m) {
    // Not allocataire yet: their own space, and a first request (which creates the dossier).
    return ['consult_personal_data', 'modify_contact', 'request_individual_prestation', 'request_household_prestation'].includes(action);
  }
  if (!mayHaveAccount(m, today)) return false;
  switch (action) {
    case 'consult_personal_data':
    case 'modify_contact':
    case 'request_individual_prestation':
    case 'declare_separation':
      return true;
    case 'request_household_prestation':
    case 'manage_dossier':
    case 'view_household_demarches':
    case 'issue_attestation':
    case 'view_household_payments':
      return managesDossier(m);
    case 'manage_procuration':
      return m.role === 'responsable';
  }
}

/** The actions about the couple of the dossier: allowed by role, with nothing to act on in a dossier without a couple. */
const ABOUT_THE_COUPLE: ReadonlySet<Action> = new Set<Action>(['declare_separation', 'manage_procuration']);

/**
 * Whether to OFFER `action` to `actor` (a menu entry, a link): `can()` allows it, and the dossier has
 * something for it to act on — no « Déclarer une séparation » nor « Autorisation de gestion de mon
 * conjoint » in a dossier without a couple. The pages themselves still answer whoever can().
 */
export function offered(actor: Actor, action: Action, today: string): boolean {
  return can(actor, action, today).allowed && (!ABOUT_THE_COUPLE.has(action) || actor.couple !== false);
}

/** May `actor` do `action` on `today` (YYYY-MM-DD, the agency's day)? */
export function can(actor: Actor, action: Action, today: string): Decision {
  return allowedFor(action, actor.membership, today) ? { allowed: true } : { allowed: false, who: WHO_CAN[action] };
}
