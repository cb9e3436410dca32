/** Sessions of signed-in people, see src/auth/sessions.ts. (Conventions: src/db/schema.ts.) */
export interface SessionsTable {
  /** SHA-256 of the opaque session token (the token itself is only in the cookie) */
  id: string;
  account_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ended_at: number | null;
  ip: string | null;
  user_agent: string | null;
  /** JSON: data attached to the session (e.g. the FranceConnect id_token for logout) */
  data: string;
}
