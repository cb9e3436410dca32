import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../auth/audit';
import { requestOrigin, resolveHolder, sessionCookieOptions, type SessionBaseDeps } from './session';
import type { SessionRecord, SessionService } from '../auth/sessions';
import { AppError } from '../errors/app-error';
import { wantsJson } from './negotiation';
import { findActiveAgentById } from '../agents/repository';
import { rolesOf, type AgentRole } from '../agents/roles';
import type { Agent } from '../db/tables/agents.table';

/**
 * Sessions of agents on the Caf side: their own cookie (`mc_agent`, path /gestion, so that it never
 * travels with a person's pages), their own store (`ctx.agentSessions`: table agent_sessions or
 * Redis prefix mc:agent:) and `req.agent`. The public `mc_session` names only people, this one only
 * agents: a person's session opens nothing under /gestion, an agent's nothing under /mon-espace.
 * The same rules as people's sessions: opaque token, SHA-256 stored, 30 minutes idle, 12 hours.
 */
export const AGENT_SESSION_COOKIE = 'mc_agent';
export const AGENT_PATH = '/gestion';

/** What the agents' sessions take from the composition root (src/context.ts builds them). */
export interface AgentSessionDeps extends SessionBaseDeps {
  agentSessions: SessionService;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in agent (only under /gestion), or undefined */
    agent: Agent | undefined;
    agentSession: SessionRecord | undefined;
    /** the rights of the signed-in agent, read at each request (a right taken away counts at once) */
    agentRoles: readonly AgentRole[];
  }
}

function cookieOptions(ctx: AgentSessionDeps) {
  return sessionCookieOptions(ctx.config, { path: AGENT_PATH, sameSite: 'strict' });
}

/** Registered inside the /gestion plugin only: resolves the agent's cookie on its routes. */
export function registerAgentSessions(app: FastifyInstance, ctx: AgentSessionDeps): void {
  if (!app.hasRequestDecorator('agent')) {
    app.decorateRequest('agent', undefined);
    app.decorateRequest('agentSession', undefined);
    app.decorateRequest('agentRoles', null as unknown as readonly AgentRole[]);
  }
  app.addHook('onRequest', async (req, reply) => {
    req.agentRoles = [];
    const token = req.cookies[AGENT_SESSION_COOKIE];
    if (!token) return;
    const r = await resolveHolder(ctx.agentSessions, token, (id) => findActiveAgentById(ctx.database.db, id));
    if (r.status === 'active') {
      req.agent = r.holder;
      req.agentSession = r.session;
      req.agentRoles = await rolesOf(ctx.database.db, r.holder.id);
      return;
    }
    reply.clearCookie(AGENT_SESSION_COOKIE, cookieOptions(ctx));
  });
}

/** preHandler of every agent page: without an agent session, to /gestion/connexion (JSON: 401). */
export async function requireAgent(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.agent && req.agentSession) return;
  if (wantsJson(req)) throw new AppError('AUTH_REQUIRED');
  await reply.redirect(`${AGENT_PATH}/connexion`, 303);
}

/**
 * preHandler of the pages of one right: without an agent session as `requireAgent`; an agent without
 * this right gets a 403 (« vous n'avez pas le droit… »), and the refusal is audited.
 */
export function requireAgentRole(ctx: AgentSessionDeps, role: AgentRole) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await requireAgent(req, reply);
    if (reply.sent || !req.agent) return;
    if (req.agentRoles.includes(role)) return;
    await recordAudit(
      ctx.database.db,
      {
        type: 'agent_access_refused',
        accountId: req.agent.id,
        ...requestOrigin(req),
        details: { role, path: req.routeOptions.url ?? null },
      },
      ctx.clock.now(),
    );
    throw new AppError('AGENT_ROLE_REQUIRED');
  };
}

/** Where an agent lands after login: the démarches for an instructing agent, otherwise the accounts. */
export function agentHome(roles: readonly AgentRole[]): string {
  return roles.includes('instruction') || !roles.includes('assistance') ? `${AGENT_PATH}/demarches` : `${AGENT_PATH}/comptes`;
}

/** Opens a NEW agent session (whatever the browser had is ended), sets the cookie, audits the login. */
export async function createAgentSession(ctx: AgentSessionDeps, agent: Agent, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const origin = requestOrigin(req);
  const before = await ctx.agentSessions.resolve(req.cookies[AGENT_SESSION_COOKIE]);
  if (before.status === 'active') await ctx.agentSessions.end(before.session.id);
  const { token, session } = await ctx.agentSessions.create({ accountId: agent.id, ...origin, data: { authMethod: 'password' } });
  reply.setCookie(AGENT_SESSION_COOKIE, token, cookieOptions(ctx));
  req.agent = agent;
  req.agentSession = session;
  req.agentRoles = await rolesOf(ctx.database.db, agent.id);
  await recordAudit(ctx.database.db, { type: 'agent_login_succeeded', accountId: agent.id, ...origin }, ctx.clock.now());
}

export async function endAgentSession(ctx: AgentSessionDeps, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.clearCookie(AGENT_SESSION_COOKIE, cookieOptions(ctx));
  const s = req.agentSession;
  if (!s) return;
  await ctx.agentSessions.end(s.id);
  await recordAudit(ctx.database.db, { type: 'agent_logout', accountId: s.accountId, ...requestOrigin(req) }, ctx.clock.now());
  req.agent = undefined;
  req.agentSession = undefined;
}
