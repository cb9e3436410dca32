import type { Insertable, Selectable } from 'kysely';

/**
 * The tables of the household (foyer) module, as Kysely sees them (conventions: src/db/schema.ts).
 * Migrations: src/db/migrations/0001_core.ts (households), 0008_household.ts (the rest).
 */

/** A person's place in a dossier (what each may do: src/household/permissions.ts). */
export const ROLES = ['responsable', 'conjoint', 'enfant', 'personne_a_charge'] as const;
export type Role = (typeof ROLES)[number];

/** Households (dossiers allocataires). */
export interface HouseholdsTable {
  id: string;
  /** numéro allocataire, 7 digits */
  dossier_number: string;
  created_at: number;
}

/**
 * A member of a dossier — a person the agency knows, with or without an account. "Over 15" is
 * computed from `birth_date` on the day (src/household/permissions.ts), never stored. A member who
 * left (separation) keeps their row with `left_at`: the history stays, their rights end.
 */
export interface HouseholdMembersTable {
  id: string;
  household_id: string;
  /** the member's account, once they have created one (linked at sign-up by their NIR) */
  account_id: string | null;
  /** NIR as the répertoire knows it: how an account is linked to the member at sign-up */
  nir: string | null;
  civility: 'M' | 'MME';
  birth_name: string;
  given_names: string;
  /** YYYY-MM-DD */
  birth_date: string;
  role: Role;
  /** autorisation de gestion given by the responsable (meaningful for a conjoint only) */
  has_procuration: number;
  procuration_granted_at: number | null;
  joined_at: number;
  left_at: number | null;
}

/** The addresses of a dossier, one row per declaration; the current one is the latest recorded. */
export interface HouseholdAddressesTable {
  id: string;
  household_id: string;
  line1: string;
  line2: string | null;
  postal_code: string;
  city: string;
  /** YYYY-MM-DD: the day the household lives there */
  since: string;
  recorded_at: number;
  /** who declared it (null: the agency, or the demo data) */
  recorded_by: string | null;
}

/** The bank accounts of a dossier (where the prestations are paid), one row per declaration. */
export interface HouseholdBankAccountsTable {
  id: string;
  household_id: string;
  /** electronic format: upper case, no spaces; checked with its key (src/identity/iban.ts) */
  iban: string;
  holder: string;
  recorded_at: number;
  recorded_by: string | null;
  /** from when payments may go to it (migration 0016); null: held until an agent confirms it */
  effective_at: number | null;
  /** the agent who confirmed it from the assistance console, and when */
  confirmed_by: string | null;
  confirmed_at: number | null;
}

/** A separation declared in « Déclarer une séparation »; its démarche is in `demarches`. */
export interface HouseholdSeparationsTable {
  id: string;
  household_id: string;
  /** the account that declared it */
  declared_by: string;
  /** the conjoint's member row, who left the dossier */
  former_member_id: string;
  /** YYYY-MM-DD */
  separation_date: string;
  /**
   * who left the home: the declarer or their former partner (declared by one of the couple), the
   * responsable or the conjoint (declared by another member)
   */
  leaver: SeparationLeaver;
  /** JSON { line1, line2, postalCode, city } of the declarer when they left, else null */
  new_address: string | null;
  /** where the children live (with the declarer or their partner; with the responsable or the conjoint) */
  children: SeparationChildren;
  demarche_id: string | null;
  created_at: number;
  /** migration 0015: effective (one of the couple declared it), pending / confirmed / dismissed (the Caf checks it) */
  status: SeparationStatus;
  /** the declarer's role when they declared (null before migration 0015) */
  declarer_role: Role | null;
}

export type SeparationLeaver = 'declarer' | 'partner' | 'responsable' | 'conjoint';
export type SeparationChildren = 'none' | 'declarer' | 'partner' | 'alternate' | 'responsable' | 'conjoint';
export type SeparationStatus = 'effective' | 'pending' | 'confirmed' | 'dismissed';

export type HouseholdMember = Selectable<HouseholdMembersTable>;
export type NewHouseholdMember = Insertable<HouseholdMembersTable>;
export type HouseholdAddress = Selectable<HouseholdAddressesTable>;
export type HouseholdBankAccount = Selectable<HouseholdBankAccountsTable>;
export type HouseholdSeparation = Selectable<HouseholdSeparationsTable>;
