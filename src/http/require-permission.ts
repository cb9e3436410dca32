import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { requireAccount } from './session';
import type { DatabaseHandle } from '../db/database';
import type { Clock } from '../shared/clock';
import type { Config } from '../config/config';
import { AppError, errorBody } from '../errors/app-error';
import { agencyDay } from '../shared/french-time';
import { can, type Action } from '../household/permissions';
import { findActor, type HouseholdActor } from '../household/repository';
import { sendHtml, wantsJson } from './errors';
import { whoCan } from '../household/who';
import { refusalPage } from './views/refusal';

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in person's place in the household, read for THIS request by requirePermission */
    actor?: HouseholdActor;
  }
}

/**
 * The signed-in person's place in the household for THIS request, read once: the actor
 * requirePermission read, or read now and kept on the request for whatever else the request needs.
 */
export async function requestActor(ctx: { database: Pick<DatabaseHandle, 'db'> }, req: FastifyRequest): Promise<HouseholdActor> {
  if (!req.account) throw new Error('requestActor: nobody is signed in on this request');
  req.actor ??= await findActor(ctx.database.db, req.account.id);
  return req.actor;
}

/**
 * THE guard of every personal page and JSON route: the person must be signed in (else /connexion,
 * or 401 in JSON), then `can(actor, action, today)` decides — the actor read from the database for
 * this request, never from the session, so that a revocation or a separation holds from the next
 * request. A refusal is THE refusal page (src/http/views/refusal.ts; or `{ error: { code:
 * 'FORBIDDEN', message } }`) saying who can do it, by name when the dossier knows them. `action` may depend on the request (e.g. the prestation asked for).
 *
 *   app.get('/mon-espace/…', { preHandler: requirePermission(ctx, 'manage_dossier') }, …)
 */
export function requirePermission(
  ctx: { database: DatabaseHandle; clock: Clock; config: Pick<Config, 'agencyPhone'> },
  action: Action | ((req: FastifyRequest) => Action),
): preHandlerAsyncHookHandler {
  return async function permission(this: unknown, req: FastifyRequest, reply: FastifyReply) {
    if (!req.account || !req.session) return requireAccount(req, reply);
    const actor = await findActor(ctx.database.db, req.account.id);
    req.actor = actor;
    const wanted = typeof action === 'function' ? action(req) : action;
    const decision = can(actor, wanted, agencyDay(ctx.clock.now()));
    if (decision.allowed) return;
    const who = await whoCan(ctx.database.db, actor, wanted);
    if (wantsJson(req)) return reply.status(403).send(errorBody(new AppError('FORBIDDEN', undefined, who)));
    return sendHtml(reply, refusalPage(req, who, ctx.config.agencyPhone), 403);
  } as preHandlerAsyncHookHandler;
}
