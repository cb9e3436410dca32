/** The démarches of an account, see ./repository.ts. (Conventions: src/db/schema.ts.) */
export interface DemarchesTable {
  id: string;
  account_id: string;
  /** slug of a prestation of the catalogue (src/prestations/catalogue.ts) asked for online */
  prestation: string;
  /** a_completer: started (« Faire la demande »), the request form not yet filled; at most one per account and prestation;
   *  envoyee: a declaration sent to the Caf (e.g. « Séparation déclarée », src/household/separation.ts) */
  status: 'a_completer' | 'envoyee';
  created_at: number;
  updated_at: number;
}
