import type { Generated } from 'kysely';

/** The audit trail, see ./audit.ts. (Conventions: src/db/schema.ts.) */
export interface AuditEventsTable {
  id: Generated<number>;
  at: number;
  type: string;
  account_id: string | null;
  ip: string | null;
  user_agent: string | null;
  /** JSON, never a secret, password, code or full NIR */
  details: string;
}
