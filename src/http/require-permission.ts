import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { requireAccount } from '../auth/http-session';
import type { AppContext } from '../context';
import { AppError, errorBody } from '../errors/app-error';
import { agencyDay } from '../shared/french-time';
import { can, type Action } from '../household/permissions';
import { findActor, type HouseholdActor } from '../household/repository';
import { sendHtml, wantsJson } from './errors';
import { accountPage } from './pages/account-page';
import { html } from './views/html';

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in person's place in the household, read for THIS request by requirePermission */
    actor?: HouseholdActor;
  }
}

/**
 * THE guard of every personal page and JSON route: the person must be signed in (else /connexion,
 * or 401 in JSON), then `can(actor, action, today)` decides — the actor read from the database for
 * this request, never from the session, so that a revocation or a separation holds from the next
 * request. A refusal is a 403 page (or `{ error: { code: 'FORBIDDEN', message } }`) saying who can
 * do it. `action` may depend on the request (e.g. the prestation asked for).
 *
 *   app.get('/mon-espace/…', { preHandler: requirePermission(ctx, 'manage_dossier') }, …)
 */
export function requirePermission(
  ctx: Pick<AppContext, 'database' | 'clock'>,
  action: Action | ((req: FastifyRequest) => Action),
): preHandlerAsyncHookHandler {
  return async function permission(this: unknown, req: FastifyRequest, reply: FastifyReply) {
    if (!req.account || !req.session) return requireAccount(req, reply);
    const actor = await findActor(ctx.database.db, req.account.id);
    req.actor = actor;
    const wanted = typeof action === 'function' ? action(req) : action;
    const decision = can(actor, wanted, agencyDay(ctx.clock.now()));
    if (decision.allowed) return;
    if (wantsJson(req)) return reply.status(403).send(errorBody(new AppError('FORBIDDEN', undefined, decision.who)));
    return sendHtml(reply, forbiddenPage(req, decision.who), 403);
  } as preHandlerAsyncHookHandler;
}

function forbiddenPage(req: FastifyRequest, who: string) {
  return accountPage(
    req,
    { title: 'Vous ne pouvez pas faire cette démarche' },
    html`<h1 class="govuk-heading-l">Vous ne pouvez pas faire cette démarche</h1>
<p class="govuk-body">${who}</p>
<p class="govuk-body">Vos droits dans Mon Compte dépendent de votre place dans le dossier de votre foyer. Si votre situation a changé, le responsable du dossier peut la déclarer, ou vous pouvez appeler votre Caf.</p>
<p class="govuk-body"><a class="govuk-link" href="/mon-espace">Retour à mon espace</a></p>`,
  );
}
