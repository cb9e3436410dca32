import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { randomToken } from '../shared/crypto';
import { grantRoles, type AgentRole } from './roles';
import type { Agent } from '../db/tables/agents.table';

/** Agents of the Caf: one query per function; `find…` returns undefined when nothing matches. */
export type NewAgent = Pick<Agent, 'login_id' | 'display_name' | 'email' | 'password_hash'> & {
  /** the rights given (src/agents/roles.ts): an agent has these and no other */
  roles: readonly AgentRole[];
};

/** « Nadia.Martin@caf.fr » and « nadia.martin@caf.fr » are the same agent. */
export function normaliseAgentLogin(typed: string): string {
  return typed.trim().toLowerCase();
}

export async function createAgent(db: Kysely<Database>, a: NewAgent, now: number): Promise<Agent> {
  const { roles, ...rest } = a;
  const agent: Agent = { ...rest, login_id: normaliseAgentLogin(a.login_id), id: randomToken(16), created_at: now, disabled_at: null };
  await db.insertInto('agents').values(agent).execute();
  await grantRoles(db, agent.id, roles, now);
  return agent;
}

/** An agent who may log in (not disabled), by login. */
export function findActiveAgentByLogin(db: Kysely<Database>, loginId: string): Promise<Agent | undefined> {
  return db
    .selectFrom('agents')
    .selectAll()
    .where('login_id', '=', normaliseAgentLogin(loginId))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export function findActiveAgentById(db: Kysely<Database>, id: string): Promise<Agent | undefined> {
  return db.selectFrom('agents').selectAll().where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
}

/** Display names of agents by id (for the history of a démarche). */
export async function agentNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('agents')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function countAgents(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('agents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
