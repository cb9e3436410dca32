import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The rights of an agent on the Caf side, given one by one and never implied by another:
 * - `instruction`: the démarches (list, open, act on them, their justificatifs);
 * - `assistance`: people's accounts (the assistance console: find an account, end its sessions,
 *   lift a throttle, start a recovery at the counter, confirm a bank account).
 * An agent with both has both; an agent with neither opens nothing but their own logout.
 */
export const AGENT_ROLES = ['instruction', 'assistance'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const ROLE_LABELS: Record<AgentRole, string> = {
  instruction: 'Instruction des démarches',
  assistance: 'Assistance aux comptes',
};

export function isAgentRole(x: string): x is AgentRole {
  return (AGENT_ROLES as readonly string[]).includes(x);
}

/** The rights given to an agent, in the order of AGENT_ROLES. */
export async function rolesOf(db: Kysely<Database>, agentId: string): Promise<AgentRole[]> {
  const rows = await db.selectFrom('agent_roles').select('role').where('agent_id', '=', agentId).execute();
  const given = new Set(rows.map((r) => r.role));
  return AGENT_ROLES.filter((r) => given.has(r));
}

/** Gives rights (those already given are left as they are). */
export async function grantRoles(db: Kysely<Database>, agentId: string, roles: readonly AgentRole[], now: number): Promise<void> {
  if (!roles.length) return;
  await db
    .insertInto('agent_roles')
    .values(roles.map((role) => ({ agent_id: agentId, role, granted_at: now })))
    .onConflict((oc) => oc.columns(['agent_id', 'role']).doNothing())
    .execute();
}

export async function revokeRole(db: Kysely<Database>, agentId: string, role: AgentRole): Promise<void> {
  await db.deleteFrom('agent_roles').where('agent_id', '=', agentId).where('role', '=', role).execute();
}
