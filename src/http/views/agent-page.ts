import type { FastifyRequest } from 'fastify';
import { AGENT_PATH, agentHome } from '../agent-session';
import { html, type HtmlValue, type SafeHtml } from './html';
import type { LayoutOptions } from './layout';
import { page } from './account-page';

/**
 * The frame of every page of the Caf side: « Caf · Espace gestionnaire », the agent's name, « Se
 * déconnecter » — the Caf side's own pages (src/journeys/gestion) and its error pages (../errors.ts) alike.
 */
export function agentPage(req: FastifyRequest, o: Omit<LayoutOptions, 'user' | 'header'>, content: HtmlValue): SafeHtml {
  const items = req.agent
    ? html`${req.agentRoles.includes('instruction') ? html`<li><a class="mc-header__link" href="${AGENT_PATH}/demarches">Démarches</a></li>` : ''}
          ${req.agentRoles.includes('assistance') ? html`<li><a class="mc-header__link" href="${AGENT_PATH}/comptes">Comptes</a></li>` : ''}
          <li><a class="mc-header__link" href="${AGENT_PATH}/messages">Messages</a></li>
          <li><a class="mc-header__link" href="${AGENT_PATH}/deconnexion">Se déconnecter <span class="govuk-visually-hidden">(${req.agent.display_name})</span></a></li>`
    : html`<li><a class="mc-header__link" href="${AGENT_PATH}/connexion">Se connecter</a></li>`;
  // The help assistant is for people creating their account: not on the Caf side.
  return page({ ...o, assistant: false, header: { brand: 'Espace gestionnaire', href: agentHome(req.agentRoles), items } }, content);
}
