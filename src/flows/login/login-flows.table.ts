/** Legacy: pending logins and resets before the flow engine (migration 0003), until moved into `flows` and dropped. */
export interface LoginFlowsTable {
  id: string;
  kind: 'login' | 'password_reset';
  /** null for a password reset asked for an identifier that has no account (it goes nowhere, silently) */
  account_id: string | null;
  state: 'awaiting_code' | 'code_verified';
  destination: string | null;
  created_at: number;
  expires_at: number;
}
