import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createAgent } from '../../../src/agents/repository';
import type { AgentRole } from '../../../src/agents/roles';
import type { Agent } from '../../../src/db/tables/agents.table';
import type { AppContext } from '../../../src/context';
import type { TestBrowser } from '../../support/app';
import { PASSWORD } from '../../support/accounts';
import { location } from '../../support/http';
import { lastCode } from '../../support/outbox';

/** Helpers of the Caf side's tests: agents with a known password, logged in through the pages. */
let counter = 0;

/** An agent with the rights given (by default an instructing agent, as every agent was before roles). */
export async function createTestAgent(ctx: AppContext, password = PASSWORD, roles: readonly AgentRole[] = ['instruction']): Promise<Agent> {
  counter++;
  const email = `agent${counter}.${Date.now().toString(36)}@caf.example.fr`;
  return createAgent(
    ctx.database.db,
    { login_id: email, display_name: `Agent ${counter} TEST`, email, password_hash: await ctx.passwords.hash(password), roles },
    ctx.clock.now(),
  );
}

/** E-mail + password, then the code read from the outbox: the final answer (303 → /gestion/demarches). */
export async function logInAgent(
  ctx: AppContext,
  b: TestBrowser,
  agent: Pick<Agent, 'login_id' | 'email'>,
  password = PASSWORD,
  home = '/gestion/demarches',
): Promise<LightMyRequestResponse> {
  await b.get('/gestion/connexion');
  const first = await b.post('/gestion/connexion', { login: agent.login_id, password });
  expect(first.statusCode, first.body.slice(0, 300)).toBe(303);
  expect(location(first)).toBe('/gestion/connexion/code');
  await b.get('/gestion/connexion/code');
  const second = await b.post('/gestion/connexion/code', { code: await lastCode(ctx, agent.email) });
  expect(second.statusCode, second.body.slice(0, 300)).toBe(303);
  expect(location(second)).toBe(home);
  return second;
}
