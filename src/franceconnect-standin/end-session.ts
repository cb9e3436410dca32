/**
 * `GET /session/end`: logout as FranceConnect v2 does it. `id_token_hint` (signed by this
 * stand-in, possibly expired), `state` (≥ 32 characters) and a `post_logout_redirect_uri`
 * registered for the hint's audience are required; `client_id`, if given, must be that audience.
 * Accepted: 303 back with the `state`; refused: a French error page, never a redirect.
 */
import type { FastifyInstance } from 'fastify';
import type { JWTPayload } from 'jose';
import { MIN_STATE_NONCE_LENGTH } from './authorize';
import type { StandinContext } from './context';
import { errorPage, paramsProblem, queryParams, single, withParams } from './http';

const END_SESSION_PARAMS = new Set(['id_token_hint', 'state', 'post_logout_redirect_uri', 'client_id']);

export function registerEndSession(app: FastifyInstance, ctx: StandinContext): void {
  app.get(`${ctx.prefix}/session/end`, async (request, reply) => {
    const params = queryParams(request);
    const problem = paramsProblem(params, END_SESSION_PARAMS);
    if (problem !== undefined) return errorPage(reply, 400, 'deconnexion_invalide', `${problem}.`);
    const hint = single(params, 'id_token_hint');
    const state = single(params, 'state');
    const postLogout = single(params, 'post_logout_redirect_uri');
    if (!hint || !state || !postLogout) {
      return errorPage(
        reply,
        400,
        'deconnexion_invalide',
        'Les paramètres id_token_hint, state et post_logout_redirect_uri sont obligatoires.',
      );
    }
    if (state.length < MIN_STATE_NONCE_LENGTH) {
      return errorPage(
        reply,
        400,
        'deconnexion_invalide',
        `Le paramètre state doit comporter au moins ${MIN_STATE_NONCE_LENGTH} caractères.`,
      );
    }
    let claims: JWTPayload & { aud: string };
    try {
      claims = await ctx.signer.verifyIssuedIdToken(hint);
    } catch {
      return errorPage(
        reply,
        400,
        'id_token_hint_invalide',
        "Le jeton d'identité fourni (id_token_hint) n'a pas été émis par ce fournisseur.",
      );
    }
    const client = ctx.clients.get(claims.aud);
    const clientIdParam = single(params, 'client_id');
    if (clientIdParam !== undefined && clientIdParam !== claims.aud) {
      return errorPage(reply, 400, 'deconnexion_invalide', "Le client_id ne correspond pas au jeton d'identité fourni.");
    }
    if (!client || !client.postLogoutRedirectUris.includes(postLogout)) {
      return errorPage(
        reply,
        400,
        'post_logout_redirect_uri_invalide',
        "L'adresse de retour après déconnexion n'est pas enregistrée pour ce service.",
      );
    }
    return reply.redirect(withParams(postLogout, { state }), 303);
  });
}
