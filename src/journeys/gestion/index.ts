import type { FastifyPluginAsync } from 'fastify';
import { AGENT_PATH, registerAgentSessions } from '../../http/agent-session';
import type { AppContext } from '../../context';
import { agentAccountRoutes } from './accounts';
import { agentDemarcheRoutes } from './actions';
import { agentDroitRoutes } from './droits';
import { agentListRoutes } from './list';
import { agentLoginRoutes } from '../agents-login/pages';
import { agentMessageRoutes } from '../contact-caf/agent-pages';

/**
 * The Caf side, « espace gestionnaire », under /gestion: one encapsulated plugin, so that the agent
 * session hook runs on its routes only (and a person's pages never look at an agent's cookie).
 */
export function gestionPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    registerAgentSessions(app, ctx);
    // The address the README gives to agents: their list when signed in, else their login.
    app.get(AGENT_PATH, async (req, reply) => reply.redirect(req.agent ? `${AGENT_PATH}/demarches` : `${AGENT_PATH}/connexion`, 303));
    agentLoginRoutes(app, ctx);
    agentListRoutes(app, ctx);
    agentDemarcheRoutes(app, ctx);
    agentDroitRoutes(app, ctx);
    agentAccountRoutes(app, ctx);
    agentMessageRoutes(app, ctx, ctx.cafMessages);
  };
}
