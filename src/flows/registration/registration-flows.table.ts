/** Legacy: registration flows before the flow engine (dropped once moved to `flows`). (Conventions: src/db/schema.ts.) */
export interface RegistrationFlowsTable {
  id: string;
  state: string;
  /** JSON of the answers collected so far */
  data: string;
  version: number;
  created_at: number;
  updated_at: number;
  expires_at: number;
}
