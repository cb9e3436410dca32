/**
 * What a client reads before anything else: the discovery document
 * (`/.well-known/openid-configuration`) and the public key (`/jwks`).
 */
import type { FastifyInstance } from 'fastify';
import { PROMPT_VALUES } from './authorize';
import { SUPPORTED_ACR_VALUES, SUPPORTED_CLAIMS, SUPPORTED_SCOPES } from './claims';
import type { StandinContext } from './context';

/** Claims of the ID token itself, listed before the identity claims. */
const ID_TOKEN_CLAIMS = ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'acr', 'amr', 'at_hash'];

export function registerDiscovery(app: FastifyInstance, ctx: StandinContext): void {
  const { prefix, issuer, keys } = ctx;

  app.get(`${prefix}/.well-known/openid-configuration`, async () => ({
    issuer: issuer(),
    authorization_endpoint: `${issuer()}/authorize`,
    token_endpoint: `${issuer()}/token`,
    userinfo_endpoint: `${issuer()}/userinfo`,
    end_session_endpoint: `${issuer()}/session/end`,
    jwks_uri: `${issuer()}/jwks`,
    scopes_supported: SUPPORTED_SCOPES,
    claims_supported: [...ID_TOKEN_CLAIMS, ...SUPPORTED_CLAIMS.filter((c) => c !== 'sub')],
    claim_types_supported: ['normal'],
    claims_parameter_supported: true,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['pairwise'],
    acr_values_supported: [...SUPPORTED_ACR_VALUES],
    prompt_values_supported: [...PROMPT_VALUES],
    token_endpoint_auth_methods_supported: ['client_secret_post'],
    id_token_signing_alg_values_supported: [keys.alg],
    userinfo_signing_alg_values_supported: [keys.alg],
    ui_locales_supported: ['fr'],
  }));

  app.get(`${prefix}/jwks`, async (_req, reply) => reply.type('application/json').send({ keys: [keys.publicJwk] }));
}
