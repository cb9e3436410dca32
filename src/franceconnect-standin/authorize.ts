/**
 * `GET|POST /authorize`: FranceConnect v2's strict parameter rules. An unknown client or an
 * unregistered `redirect_uri` gets a French error page (never a redirect); any other refusal is
 * sent back to the client's `redirect_uri` as `error` + `error_description` with its `state`.
 * An accepted request becomes an interaction: 303 to the login page (`login-page.ts`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SCOPE_CLAIMS, SUPPORTED_ACR_VALUES } from './claims';
import type { StandinContext } from './context';
import { errorPage, formParams, isForm, paramsProblem, queryParams, single, withParams, type Params } from './http';
import type { AuthorizationRequest } from './stores';

/** Minimum length of `state` and `nonce` (also of `state` at logout). */
export const MIN_STATE_NONCE_LENGTH = 32;
const MAX_PARAM_LENGTH = 2048;
export const PROMPT_VALUES = new Set(['login', 'consent']);
const AUTHORIZE_PARAMS = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'acr_values',
  'prompt',
  'claims',
  'idp_hint',
]);

class AuthorizeError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

/** The checks made once the client and its `redirect_uri` are known; throws an {@link AuthorizeError}. */
function validateAuthorizeParams(params: Params, clientId: string, redirectUri: string): AuthorizationRequest {
  const problem = paramsProblem(params, AUTHORIZE_PARAMS, MAX_PARAM_LENGTH);
  if (problem !== undefined) throw new AuthorizeError('invalid_request', problem);

  const responseType = single(params, 'response_type');
  if (responseType === undefined) throw new AuthorizeError('invalid_request', 'Le paramètre response_type est obligatoire.');
  if (responseType !== 'code') throw new AuthorizeError('unsupported_response_type', 'Seul response_type=code est accepté.');

  const state = randomValue(params, 'state');
  const nonce = randomValue(params, 'nonce');

  const scopes = (single(params, 'scope') ?? '').split(' ').filter(Boolean);
  if (!scopes.includes('openid')) throw new AuthorizeError('invalid_scope', 'Le scope openid est obligatoire.');
  const unknownScopes = scopes.filter((s) => !(s in SCOPE_CLAIMS));
  if (unknownScopes.length > 0) throw new AuthorizeError('invalid_scope', `Scope(s) inconnu(s) : ${unknownScopes.join(', ')}`);

  const acrValues = (single(params, 'acr_values') ?? '').split(' ').filter(Boolean);
  if (acrValues.length === 0) throw new AuthorizeError('invalid_request', 'Le paramètre acr_values est obligatoire.');
  const badAcr = acrValues.filter((a) => !(SUPPORTED_ACR_VALUES as readonly string[]).includes(a));
  if (badAcr.length > 0) throw new AuthorizeError('invalid_request', `Valeur(s) acr_values non supportée(s) : ${badAcr.join(', ')}`);

  const prompt = single(params, 'prompt');
  if (prompt !== undefined) {
    const values = prompt.split(' ').filter(Boolean);
    if (values.length === 0 || values.some((v) => !PROMPT_VALUES.has(v))) {
      throw new AuthorizeError('invalid_request', 'Valeur de prompt non supportée (login, consent).');
    }
  }

  return { clientId, redirectUri, state, nonce, scopes, amrRequested: amrRequested(single(params, 'claims')) };
}

/** `state` or `nonce`: required, and long enough to be random. */
function randomValue(params: Params, name: 'state' | 'nonce'): string {
  const value = single(params, name);
  if (!value) throw new AuthorizeError('invalid_request', `Le paramètre ${name} est obligatoire.`);
  if (value.length < MIN_STATE_NONCE_LENGTH) {
    throw new AuthorizeError('invalid_request', `Le paramètre ${name} doit comporter au moins ${MIN_STATE_NONCE_LENGTH} caractères.`);
  }
  return value;
}

/** Whether the `claims` parameter asks for `amr` in the ID token (FranceConnect sends it only then). */
function amrRequested(claims: string | undefined): boolean {
  if (claims === undefined) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(claims);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AuthorizeError('invalid_request', "Le paramètre claims n'est pas un objet JSON valide.");
  }
  const idToken = (parsed as { id_token?: unknown }).id_token;
  return !!idToken && typeof idToken === 'object' && 'amr' in idToken;
}

export function registerAuthorize(app: FastifyInstance, ctx: StandinContext): void {
  const authorize = async (request: FastifyRequest, reply: FastifyReply, params: Params) => {
    const clientId = single(params, 'client_id');
    const client = clientId === undefined ? undefined : ctx.clients.get(clientId);
    if (!client) {
      return errorPage(reply, 400, 'client_inconnu', "Le service qui vous a envoyé ici n'est pas reconnu (client_id absent ou inconnu).");
    }
    const redirectUri = single(params, 'redirect_uri');
    if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
      return errorPage(
        reply,
        400,
        'redirect_uri_invalide',
        "L'adresse de retour du service (redirect_uri) est absente ou n'est pas enregistrée.",
      );
    }
    const state = single(params, 'state');
    try {
      const id = ctx.stores.startInteraction(validateAuthorizeParams(params, client.clientId, redirectUri));
      request.log.info({ interaction: id, client: client.clientId }, 'stand-in authorize accepted');
      return reply.redirect(`${ctx.prefix}/interaction/${id}`, 303);
    } catch (err) {
      if (!(err instanceof AuthorizeError)) throw err;
      return reply.redirect(withParams(redirectUri, { error: err.error, error_description: err.description, state }), 303);
    }
  };

  app.get(`${ctx.prefix}/authorize`, async (request, reply) => authorize(request, reply, queryParams(request)));
  app.post(`${ctx.prefix}/authorize`, async (request, reply) => {
    if (!isForm(request)) {
      return errorPage(reply, 400, 'requete_invalide', 'Demande de connexion mal formée (formulaire attendu).');
    }
    return authorize(request, reply, formParams(request.body));
  });
}
