/**
 * FranceConnect tables (migration 0004). (Conventions: src/db/schema.ts.) `franceconnect_transactions`
 * keeps the OIDC state and nonce between our redirect and FranceConnect's return (not a flow a person
 * drives: single use, 10 minutes). The sign-ups are flows (src/flows).
 */

/** login: state + nonce; logout: state; logout_handoff: the id_token, between our logout and the redirect to FranceConnect. */
export type TransactionKind = 'login' | 'logout' | 'logout_handoff';

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
