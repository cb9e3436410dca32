/** Households (dossiers allocataires) and their members. (Conventions: src/db/schema.ts.) */
export interface HouseholdsTable {
  id: string;
  /** numéro allocataire, 7 digits */
  dossier_number: string;
  created_at: number;
}
export interface HouseholdMembersTable {
  household_id: string;
  account_id: string;
  role: 'responsable' | 'conjoint' | 'enfant' | 'personne_a_charge';
  /** autorisation de gestion given by the responsable (conjoint only) */
  has_procuration: number;
  joined_at: number;
  left_at: number | null;
}
