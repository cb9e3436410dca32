import type { Selectable } from 'kysely';
import type { SessionsTable } from './sessions.table';

/** The tables of the Caf side (migration 0010), used by src/agents/ (declared in src/db/schema.ts). */
export interface AgentsTable {
  id: string;
  /** what the agent types to log in: their professional e-mail address, in lower case */
  login_id: string;
  /** « Nadia Martin » — shown to other agents and in the history of a démarche, never to a person */
  display_name: string;
  /** where the login code is sent */
  email: string;
  /** argon2id (src/auth/passwords.ts) */
  password_hash: string;
  created_at: number;
  /** an agent who left: can no longer log in */
  disabled_at: number | null;
}

/** The same columns as `sessions` (so that one store serves both), `account_id` naming an agent. */
export type AgentSessionsTable = SessionsTable;

/** The rights of an agent (migration 0016): one row per right given, nothing else is implied. */
export interface AgentRolesTable {
  agent_id: string;
  /** src/agents/roles.ts: 'instruction' (the démarches) or 'assistance' (people's accounts) */
  role: string;
  granted_at: number;
}

export type Agent = Selectable<AgentsTable>;
