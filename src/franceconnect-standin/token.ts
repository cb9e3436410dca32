/**
 * `POST /token`: client authentication (`client_secret_post` only, constant-time), then the
 * redemption of an authorization code — once, within 30 s, by the client it was issued to, with
 * the same `redirect_uri`; a replayed code revokes the access tokens it gave. Answers a 60 s
 * Bearer access token and a signed ID token; no refresh token, no PKCE.
 */
import type { FastifyInstance } from 'fastify';
import type { StandinClient, StandinContext } from './context';
import { formParams, isForm, oauthError, paramsProblem, safeEqual, single, type Params } from './http';
import { ACCESS_TOKEN_TTL_SECONDS, type AuthorizationCode } from './stores';

const TOKEN_PARAMS = new Set(['grant_type', 'code', 'redirect_uri', 'client_id', 'client_secret']);

export function registerToken(app: FastifyInstance, ctx: StandinContext): void {
  const { stores } = ctx;

  const authenticateClient = (params: Params): StandinClient | undefined => {
    const clientId = single(params, 'client_id');
    const clientSecret = single(params, 'client_secret');
    const client = clientId === undefined ? undefined : ctx.clients.get(clientId);
    return client && clientSecret !== undefined && safeEqual(clientSecret, client.clientSecret) ? client : undefined;
  };

  /** The code, now used; or why it cannot be (`invalid_grant`). A refused code stays usable unless replayed or expired. */
  const redeemCode = (params: Params, client: StandinClient): AuthorizationCode | string => {
    const codeValue = single(params, 'code');
    const entry = codeValue === undefined ? undefined : stores.findCode(codeValue);
    if (!entry || entry.clientId !== client.clientId) return "Code d'autorisation inconnu.";
    if (entry.used) {
      // Replay: the code and everything obtained with it are revoked.
      stores.revokeAccessTokens(entry);
      return "Code d'autorisation déjà utilisé.";
    }
    if (entry.expiresAt <= ctx.now()) {
      stores.deleteCode(codeValue!);
      return "Code d'autorisation expiré.";
    }
    if (single(params, 'redirect_uri') !== entry.redirectUri) return 'redirect_uri différente de celle de la demande.';
    entry.used = true;
    return entry;
  };

  app.post(`${ctx.prefix}/token`, async (request, reply) => {
    if (request.headers.authorization !== undefined) {
      return oauthError(reply, 401, 'invalid_client', 'Seule la méthode client_secret_post est acceptée.');
    }
    if (!isForm(request)) {
      return oauthError(reply, 400, 'invalid_request', 'Corps attendu au format application/x-www-form-urlencoded.');
    }
    const params = formParams(request.body);
    const problem = paramsProblem(params, TOKEN_PARAMS);
    if (problem !== undefined) return oauthError(reply, 400, 'invalid_request', problem);

    const client = authenticateClient(params);
    if (!client) return oauthError(reply, 401, 'invalid_client', 'Authentification du client refusée.');
    if (single(params, 'grant_type') !== 'authorization_code') {
      return oauthError(reply, 400, 'unsupported_grant_type', 'Seul grant_type=authorization_code est accepté.');
    }
    const code = redeemCode(params, client);
    if (typeof code === 'string') return oauthError(reply, 400, 'invalid_grant', code);

    const accessToken = stores.issueAccessToken(code);
    return reply.send({
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      id_token: await ctx.signer.signIdToken(code, accessToken),
      scope: code.scopes.join(' '),
    });
  });
}
