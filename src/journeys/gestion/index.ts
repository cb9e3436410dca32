import type { FastifyPluginAsync } from 'fastify';
import { AGENT_PATH, agentHome, registerAgentSessions } from '../../http/agent-session';
import { agentAccountRoutes, type GestionAccountsDeps } from './accounts';
import { agentDemarcheRoutes, type GestionActionsDeps } from './actions';
import { agentDroitRoutes, type GestionDroitsDeps } from './droits';
import { agentListRoutes, type GestionListDeps } from './list';
import { agentLoginRoutes, type AgentsLoginPagesDeps } from '../agents-login/pages';
import { agentMessageRoutes, type ContactCafAgentPagesDeps } from '../contact-caf/agent-pages';
import type { JourneyDeps } from '../deps';

/** What the Caf side takes from the composition root: what each of its route files takes. */
export type GestionIndexDeps = Pick<JourneyDeps, 'agentSessions' | 'cafMessages' | 'clock' | 'config' | 'database'> &
  AgentsLoginPagesDeps &
  GestionListDeps &
  GestionActionsDeps &
  GestionDroitsDeps &
  GestionAccountsDeps &
  ContactCafAgentPagesDeps;

/**
 * The Caf side, « espace gestionnaire », under /gestion: one encapsulated plugin, so that the agent
 * session hook runs on its routes only (and a person's pages never look at an agent's cookie).
 */
export function gestionPages(ctx: GestionIndexDeps): FastifyPluginAsync {
  return async (app) => {
    registerAgentSessions(app, ctx);
    // The address the README gives to agents: their list when signed in, else their login.
    app.get(AGENT_PATH, async (req, reply) => reply.redirect(req.agent ? agentHome(req.agentRoles) : `${AGENT_PATH}/connexion`, 303));
    agentLoginRoutes(app, ctx);
    agentListRoutes(app, ctx);
    agentDemarcheRoutes(app, ctx);
    agentDroitRoutes(app, ctx);
    agentAccountRoutes(app, ctx);
    agentMessageRoutes(app, ctx, ctx.cafMessages);
  };
}
