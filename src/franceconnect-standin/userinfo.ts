/**
 * `GET|POST /userinfo`: the claims of the requested scopes as a signed JWT (`application/jwt`),
 * for a Bearer access token in the `Authorization` header only (never in the query string),
 * unexpired (60 s) and not revoked.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StandinContext } from './context';
import { oauthError } from './http';

export function registerUserinfo(app: FastifyInstance, ctx: StandinContext): void {
  const userinfo = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer ([A-Za-z0-9_~.+/=-]+)$/.exec(header)?.[1];
    const entry = token === undefined ? undefined : ctx.stores.findAccessToken(token);
    if (!entry) {
      return reply
        .code(401)
        .header('www-authenticate', `Bearer error="invalid_token", error_description="Jeton d'accès invalide ou expiré"`)
        .send({ error: 'invalid_token', error_description: "Jeton d'accès invalide ou expiré." });
    }
    const citizen = ctx.citizens.find((c) => c.id === entry.citizenId);
    if (!citizen) return oauthError(reply, 500, 'server_error', 'Citoyen de test introuvable.');
    const jwt = await ctx.signer.signUserinfo(citizen, entry.clientId, entry.scopes);
    return reply.type('application/jwt').send(jwt);
  };
  app.get(`${ctx.prefix}/userinfo`, userinfo);
  app.post(`${ctx.prefix}/userinfo`, userinfo);
}
