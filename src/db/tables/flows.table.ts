import type { Insertable, Selectable } from 'kysely';

/**
 * One row per flow a person (or an API client) is going through: registration, login, password
 * reset, FranceConnect sign-up, contact change… (see src/flows/README.md).
 */
export interface FlowsTable {
  /** SHA-256 (hex) of the flow's random token: only the browser (cookie) or the API client holds the token */
  id: string;
  /** the machine's name (`registration`, `login`…) */
  kind: string;
  state: string;
  /** JSON of what the flow has collected so far (never a password, never a code) */
  data: string;
  /** optimistic concurrency: incremented by every save; a save from a stale read is refused */
  version: number;
  /** the account the flow acts for, when there is one (login, reset, contact change) */
  account_id: string | null;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

export type FlowRow = Selectable<FlowsTable>;
export type NewFlowRow = Insertable<FlowsTable>;
