import type { Generated } from 'kysely';

/** The audit trail, see src/auth/audit.ts. (Conventions: src/db/schema.ts.) */
export interface AuditEventsTable {
  id: Generated<number>;
  at: number;
  type: string;
  account_id: string | null;
  ip: string | null;
  user_agent: string | null;
  /** JSON, never a secret, password, code or full NIR */
  details: string;
  /** a random UUID per event, unique: the same event written twice is one row (null on rows older than migration 0013) */
  event_key: string | null;
}
