/** FranceConnect tables (migration 0004). (Conventions: src/db/schema.ts.) */

/** login: state + nonce; logout: state; logout_handoff: the id_token, between our logout and the redirect to FranceConnect. */
export type TransactionKind = 'login' | 'logout' | 'logout_handoff';

/**
 * - `identity`: the certified identity is shown, with the NIR found in the répertoire — or a field
 *   to type it (none or several matches), checked against the identity;
 * - `existing_account`: the NIR already has an account: its password proves ownership before linking;
 * - `contact` / `code`: a contact is verified with a code;
 * - `completed`: the account exists (the row only serves the confirmation page).
 */
export type SignupStep = 'identity' | 'existing_account' | 'contact' | 'code' | 'completed';

export interface FranceConnectTransactionsTable {
  /** SHA-256 of the cookie token */
  id: string;
  kind: TransactionKind;
  state: string;
  /** login only */
  nonce: string | null;
  /** logout hand-off only: the ID token of the session just ended (for `id_token_hint`) */
  id_token: string | null;
  created_at: number;
  expires_at: number;
}

export interface FranceConnectSignupsTable {
  /** SHA-256 of the cookie token */
  id: string;
  /** FranceConnect's pairwise subject: the only key the account will be linked with */
  sub: string;
  step: SignupStep;
  /** JSON of SignupData */
  data: string;
  version: number;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

