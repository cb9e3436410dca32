/**
 * Stand-in OpenID provider behaving like FranceConnect v2 (fcp-low), for development and tests.
 *
 * Flow: GET|POST {prefix}/authorize → 303 {prefix}/interaction/:id (citizen chooser, no JS)
 *   → POST {prefix}/interaction/:id/login → 303 redirect_uri?code&state
 *   → POST {prefix}/token (client_secret_post) → { access_token (60 s), id_token, … }
 *   → GET {prefix}/userinfo → signed JWT (application/jwt)
 *   → GET {prefix}/session/end?id_token_hint&state&post_logout_redirect_uri → 303 back with state.
 *
 * Everything is kept in memory: one instance only, made for a developer machine and tests.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { SignJWT, compactVerify, decodeProtectedHeader, importJWK, type CryptoKey, type JWTPayload } from 'jose';
import { TEST_CITIZENS, type TestCitizen } from './citizens';
import { generateStandinKeys, type StandinAlg, type StandinKeys } from './keys';
import { renderErrorPage, renderLoginPage } from './pages';

export interface StandinClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Name shown on the login page. */
  name?: string;
}

export interface StandinProviderOptions {
  /** Issuer, e.g. `http://localhost:3001/api/v2`; its path is the route prefix. */
  issuerUrl: string;
  alg: StandinAlg;
  clients: StandinClient[];
  /** Clock in milliseconds (defaults to `Date.now`); inject it to test expiries. */
  now?: () => number;
  /** Pre-generated signing keys (tests: generate once, reuse). Must match `alg`. */
  keys?: StandinKeys;
  citizens?: readonly TestCitizen[];
  /** Secret of the per-client `sub` derivation. A fixed development default keeps `sub` stable across restarts. */
  subjectSecret?: string;
  logger?: boolean;
}

export const AUTHORIZATION_CODE_TTL_SECONDS = 30;
export const ACCESS_TOKEN_TTL_SECONDS = 60;
export const ID_TOKEN_TTL_SECONDS = 60;
export const INTERACTION_TTL_SECONDS = 10 * 60;
export const MIN_STATE_NONCE_LENGTH = 32;
const MAX_PARAM_LENGTH = 2048;

export const SUPPORTED_ACR_VALUES = ['eidas1', 'eidas2', 'eidas3'] as const;
/** Level of the simulated identity providers: FranceConnect (not FranceConnect+) is eidas1. */
const DELIVERED_ACR = 'eidas1';
const DELIVERED_AMR = ['pwd'];

/** Claims released by each scope (FranceConnect v2 names). */
const SCOPE_CLAIMS: Record<string, readonly string[]> = {
  openid: ['sub'],
  given_name: ['given_name'],
  family_name: ['family_name'],
  preferred_username: ['preferred_username'],
  birthdate: ['birthdate'],
  gender: ['gender'],
  birthplace: ['birthplace'],
  birthcountry: ['birthcountry'],
  email: ['email'],
  profile: ['given_name', 'family_name', 'preferred_username', 'birthdate', 'gender'],
  birth: ['birthplace', 'birthcountry'],
  identite_pivot: ['given_name', 'family_name', 'birthdate', 'gender', 'birthplace', 'birthcountry'],
  idp_id: ['idp_id'],
  idp_acr: ['idp_acr'],
};
const SUPPORTED_SCOPES = Object.keys(SCOPE_CLAIMS);
const SUPPORTED_CLAIMS = [...new Set(Object.values(SCOPE_CLAIMS).flat())];
const SIMULATED_IDP_ID = 'fi-demonstration';

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
const TOKEN_PARAMS = new Set(['grant_type', 'code', 'redirect_uri', 'client_id', 'client_secret']);
const PROMPT_VALUES = new Set(['login', 'consent']);
const END_SESSION_PARAMS = new Set(['id_token_hint', 'state', 'post_logout_redirect_uri', 'client_id']);

interface Interaction {
  clientId: string;
  redirectUri: string;
  state: string;
  nonce: string;
  scopes: string[];
  amrRequested: boolean;
  csrfToken: string;
  expiresAt: number;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  citizenId: string;
  nonce: string;
  scopes: string[];
  amrRequested: boolean;
  authTime: number;
  expiresAt: number;
  used: boolean;
  accessTokens: string[];
}

interface AccessToken {
  clientId: string;
  citizenId: string;
  scopes: string[];
  expiresAt: number;
}

type Params = Map<string, string[]>;

class AuthorizeError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

function paramsFromSearch(search: URLSearchParams): Params {
  const params: Params = new Map();
  for (const [k, v] of search) params.set(k, [...(params.get(k) ?? []), v]);
  return params;
}

function paramsFromBody(body: unknown): Params {
  const params: Params = new Map();
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      const values = Array.isArray(v) ? v : [v];
      params.set(
        k,
        values.map((x) => (typeof x === 'string' ? x : String(x))),
      );
    }
  }
  return params;
}

/** The single value of a parameter, `undefined` when absent or repeated. */
function single(params: Params, name: string): string | undefined {
  const values = params.get(name);
  return values && values.length === 1 ? values[0] : undefined;
}

function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.append(k, v);
  return url.href;
}

/**
 * Pairwise subject like FranceConnect's: 64 hexadecimal characters followed by `v1`,
 * different for every client, stable for a given citizen and client.
 */
export function pairwiseSubject(secret: string, citizenId: string, clientId: string): string {
  return createHmac('sha256', secret).update(`${citizenId}\u0000${clientId}`).digest('hex') + 'v1';
}

function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

/** Builds the stand-in as a Fastify app whose issuer is known in advance. */
export async function buildStandinProvider(opts: StandinProviderOptions): Promise<FastifyInstance> {
  const ref = { issuer: opts.issuerUrl.replace(/\/+$/, '') };
  return createApp(opts, ref, new URL(ref.issuer).pathname.replace(/\/+$/, ''));
}

export interface RunningStandin {
  app: FastifyInstance;
  issuerUrl: string;
  close: () => Promise<void>;
}

/**
 * Starts the stand-in on `host:port` (port 0 = any free port) under `/api/v2`,
 * the issuer being derived from the address actually bound. Convenient for tests.
 */
export async function startStandinProvider(
  opts: Omit<StandinProviderOptions, 'issuerUrl'> & { host?: string; port?: number },
): Promise<RunningStandin> {
  const host = opts.host ?? '127.0.0.1';
  const ref = { issuer: '' };
  const app = await createApp({ ...opts, issuerUrl: 'http://placeholder/api/v2' }, ref, '/api/v2');
  await app.listen({ host, port: opts.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('stand-in: unexpected listen address');
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  ref.issuer = `http://${hostPart}:${address.port}/api/v2`;
  return { app, issuerUrl: ref.issuer, close: () => app.close() };
}

async function createApp(opts: StandinProviderOptions, ref: { issuer: string }, prefix: string): Promise<FastifyInstance> {
  const now = opts.now ?? Date.now;
  const nowSeconds = () => Math.floor(now() / 1000);
  const keys = opts.keys ?? (await generateStandinKeys(opts.alg));
  if (keys.alg !== opts.alg) throw new Error(`stand-in: keys are ${keys.alg}, alg is ${opts.alg}`);
  const publicKey = (await importJWK(keys.publicJwk, keys.alg)) as CryptoKey;
  const citizens = opts.citizens ?? TEST_CITIZENS;
  const subjectSecret = opts.subjectSecret ?? 'franceconnect-standin-development-only';
  const clients = new Map(opts.clients.map((c) => [c.clientId, c]));
  if (clients.size !== opts.clients.length) throw new Error('stand-in: duplicate clientId');

  const interactions = new Map<string, Interaction>();
  const codes = new Map<string, AuthorizationCode>();
  const accessTokens = new Map<string, AccessToken>();
  let lastSweep = 0;
  const sweep = () => {
    const t = now();
    if (t - lastSweep < 10_000) return;
    lastSweep = t;
    for (const [k, v] of interactions) if (v.expiresAt <= t) interactions.delete(k);
    // Used codes are kept until expiry so that a replay is recognised (and its tokens revoked).
    for (const [k, v] of codes) if (v.expiresAt <= t) codes.delete(k);
    for (const [k, v] of accessTokens) if (v.expiresAt <= t) accessTokens.delete(k);
  };

  const sign = (payload: JWTPayload) =>
    new SignJWT(payload).setProtectedHeader({ alg: keys.alg, kid: keys.kid, typ: 'JWT' }).sign(keys.privateKey);

  const app = Fastify({ logger: opts.logger ?? false, trustProxy: false });
  await app.register(formbody);

  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('pragma', 'no-cache');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
  app.addHook('onRequest', async () => sweep());

  const htmlHeaders = (reply: FastifyReply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
      .header('x-frame-options', 'DENY');

  const errorPage = (reply: FastifyReply, status: number, code: string, message: string) =>
    htmlHeaders(reply)
      .code(status)
      .send(renderErrorPage({ title: 'Connexion impossible', message, code }));

  const oauthError = (reply: FastifyReply, status: number, error: string, description: string) =>
    reply.code(status).send({ error, error_description: description });

  // ---------------------------------------------------------------- discovery, jwks
  app.get(`${prefix}/.well-known/openid-configuration`, async () => ({
    issuer: ref.issuer,
    authorization_endpoint: `${ref.issuer}/authorize`,
    token_endpoint: `${ref.issuer}/token`,
    userinfo_endpoint: `${ref.issuer}/userinfo`,
    end_session_endpoint: `${ref.issuer}/session/end`,
    jwks_uri: `${ref.issuer}/jwks`,
    scopes_supported: SUPPORTED_SCOPES,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'acr', 'amr', 'at_hash', ...SUPPORTED_CLAIMS.filter((c) => c !== 'sub')],
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

  // ---------------------------------------------------------------- authorize
  const authorize = async (request: FastifyRequest, reply: FastifyReply, params: Params) => {
    const clientId = single(params, 'client_id');
    const client = clientId === undefined ? undefined : clients.get(clientId);
    if (!client) {
      return errorPage(reply, 400, 'client_inconnu', "Le service qui vous a envoyé ici n'est pas reconnu (client_id absent ou inconnu).");
    }
    const redirectUri = single(params, 'redirect_uri');
    if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
      return errorPage(reply, 400, 'redirect_uri_invalide', "L'adresse de retour du service (redirect_uri) est absente ou n'est pas enregistrée.");
    }
    const state = single(params, 'state');
    try {
      const interaction = validateAuthorizeParams(params, client.clientId, redirectUri);
      const id = randomToken(16);
      interactions.set(id, interaction);
      request.log.info({ interaction: id, client: client.clientId }, 'stand-in authorize accepted');
      return reply.redirect(`${prefix}/interaction/${id}`, 303);
    } catch (err) {
      if (!(err instanceof AuthorizeError)) throw err;
      return reply.redirect(withParams(redirectUri, { error: err.error, error_description: err.description, state }), 303);
    }
  };

  const validateAuthorizeParams = (params: Params, clientId: string, redirectUri: string): Interaction => {
    for (const [name, values] of params) {
      if (values.length > 1) throw new AuthorizeError('invalid_request', `Paramètre répété : ${name}`);
      if ((values[0] ?? '').length > MAX_PARAM_LENGTH) throw new AuthorizeError('invalid_request', `Paramètre trop long : ${name}`);
    }
    const unknown = [...params.keys()].filter((k) => !AUTHORIZE_PARAMS.has(k));
    if (unknown.length > 0) throw new AuthorizeError('invalid_request', `Paramètre(s) non autorisé(s) : ${unknown.join(', ')}`);

    const responseType = single(params, 'response_type');
    if (responseType === undefined) throw new AuthorizeError('invalid_request', 'Le paramètre response_type est obligatoire.');
    if (responseType !== 'code') throw new AuthorizeError('unsupported_response_type', 'Seul response_type=code est accepté.');

    const state = single(params, 'state');
    if (!state) throw new AuthorizeError('invalid_request', 'Le paramètre state est obligatoire.');
    if (state.length < MIN_STATE_NONCE_LENGTH) {
      throw new AuthorizeError('invalid_request', `Le paramètre state doit comporter au moins ${MIN_STATE_NONCE_LENGTH} caractères.`);
    }
    const nonce = single(params, 'nonce');
    if (!nonce) throw new AuthorizeError('invalid_request', 'Le paramètre nonce est obligatoire.');
    if (nonce.length < MIN_STATE_NONCE_LENGTH) {
      throw new AuthorizeError('invalid_request', `Le paramètre nonce doit comporter au moins ${MIN_STATE_NONCE_LENGTH} caractères.`);
    }

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

    let amrRequested = false;
    const claims = single(params, 'claims');
    if (claims !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(claims);
      } catch {
        throw new AuthorizeError('invalid_request', "Le paramètre claims n'est pas un objet JSON valide.");
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new AuthorizeError('invalid_request', "Le paramètre claims n'est pas un objet JSON valide.");
      }
      const idToken = (parsed as { id_token?: unknown }).id_token;
      amrRequested = !!idToken && typeof idToken === 'object' && 'amr' in idToken;
    }

    return {
      clientId,
      redirectUri,
      state,
      nonce,
      scopes,
      amrRequested,
      csrfToken: randomToken(),
      expiresAt: now() + INTERACTION_TTL_SECONDS * 1000,
    };
  };

  app.get(`${prefix}/authorize`, async (request, reply) =>
    authorize(request, reply, paramsFromSearch(new URL(request.url, 'http://standin.invalid').searchParams)),
  );
  app.post(`${prefix}/authorize`, async (request, reply) => {
    if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return errorPage(reply, 400, 'requete_invalide', 'Demande de connexion mal formée (formulaire attendu).');
    }
    return authorize(request, reply, paramsFromBody(request.body));
  });

  // ---------------------------------------------------------------- interaction (login page)
  const findInteraction = (id: string) => {
    const interaction = interactions.get(id);
    return interaction && interaction.expiresAt > now() ? interaction : undefined;
  };
  const expired = (reply: FastifyReply) =>
    errorPage(reply, 400, 'session_expiree', 'Votre demande de connexion a expiré ou a déjà été utilisée.');

  app.get<{ Params: { id: string } }>(`${prefix}/interaction/:id`, async (request, reply) => {
    const interaction = findInteraction(request.params.id);
    if (!interaction) return expired(reply);
    return htmlHeaders(reply).send(
      renderLoginPage({
        routePrefix: prefix,
        interactionId: request.params.id,
        csrfToken: interaction.csrfToken,
        clientName: clients.get(interaction.clientId)?.name ?? interaction.clientId,
        citizens,
      }),
    );
  });

  /** Checks the interaction and its form token; consumes nothing. */
  const checkForm = (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const interaction = findInteraction(request.params.id);
    if (!interaction) {
      expired(reply);
      return undefined;
    }
    const form = paramsFromBody(request.body);
    const formId = single(form, 'interactionId');
    const csrf = single(form, 'csrfToken');
    if (formId !== request.params.id || csrf === undefined || !safeEqual(csrf, interaction.csrfToken)) {
      errorPage(reply, 403, 'formulaire_invalide', "Le formulaire envoyé n'est pas valide. Recommencez la connexion depuis le service.");
      return undefined;
    }
    return { interaction, form };
  };

  app.post<{ Params: { id: string } }>(`${prefix}/interaction/:id/login`, async (request, reply) => {
    const checked = checkForm(request, reply);
    if (!checked) return reply;
    const { interaction, form } = checked;
    const citizenId = single(form, 'citizenId');
    const citizen = citizenId === undefined ? undefined : citizens.find((c) => c.id === citizenId);
    if (!citizen) {
      return htmlHeaders(reply)
        .code(400)
        .send(
          renderLoginPage({
            routePrefix: prefix,
            interactionId: request.params.id,
            csrfToken: interaction.csrfToken,
            clientName: clients.get(interaction.clientId)?.name ?? interaction.clientId,
            citizens,
            errorMessage: 'Choisissez un citoyen de test dans la liste.',
          }),
        );
    }
    interactions.delete(request.params.id);
    const code = randomToken();
    codes.set(code, {
      clientId: interaction.clientId,
      redirectUri: interaction.redirectUri,
      citizenId: citizen.id,
      nonce: interaction.nonce,
      scopes: interaction.scopes,
      amrRequested: interaction.amrRequested,
      authTime: nowSeconds(),
      expiresAt: now() + AUTHORIZATION_CODE_TTL_SECONDS * 1000,
      used: false,
      accessTokens: [],
    });
    return reply.redirect(withParams(interaction.redirectUri, { code, state: interaction.state }), 303);
  });

  app.post<{ Params: { id: string } }>(`${prefix}/interaction/:id/cancel`, async (request, reply) => {
    const checked = checkForm(request, reply);
    if (!checked) return reply;
    interactions.delete(request.params.id);
    return reply.redirect(
      withParams(checked.interaction.redirectUri, {
        error: 'access_denied',
        error_description: "L'usager a annulé la connexion.",
        state: checked.interaction.state,
      }),
      303,
    );
  });

  // ---------------------------------------------------------------- token
  app.post(`${prefix}/token`, async (request, reply) => {
    if (request.headers.authorization !== undefined) {
      return oauthError(reply, 401, 'invalid_client', 'Seule la méthode client_secret_post est acceptée.');
    }
    const contentType = request.headers['content-type'] ?? '';
    if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return oauthError(reply, 400, 'invalid_request', 'Corps attendu au format application/x-www-form-urlencoded.');
    }
    const params = paramsFromBody(request.body);
    for (const [name, values] of params) {
      if (values.length > 1) return oauthError(reply, 400, 'invalid_request', `Paramètre répété : ${name}`);
    }
    const unknown = [...params.keys()].filter((k) => !TOKEN_PARAMS.has(k));
    if (unknown.length > 0) return oauthError(reply, 400, 'invalid_request', `Paramètre(s) non autorisé(s) : ${unknown.join(', ')}`);

    const clientId = single(params, 'client_id');
    const clientSecret = single(params, 'client_secret');
    const client = clientId === undefined ? undefined : clients.get(clientId);
    if (!client || clientSecret === undefined || !safeEqual(clientSecret, client.clientSecret)) {
      return oauthError(reply, 401, 'invalid_client', 'Authentification du client refusée.');
    }
    if (single(params, 'grant_type') !== 'authorization_code') {
      return oauthError(reply, 400, 'unsupported_grant_type', 'Seul grant_type=authorization_code est accepté.');
    }
    const codeValue = single(params, 'code');
    const entry = codeValue === undefined ? undefined : codes.get(codeValue);
    if (!entry || entry.clientId !== client.clientId) {
      return oauthError(reply, 400, 'invalid_grant', "Code d'autorisation inconnu.");
    }
    if (entry.used) {
      // Replay: the code and everything obtained with it are revoked.
      for (const t of entry.accessTokens) accessTokens.delete(t);
      return oauthError(reply, 400, 'invalid_grant', "Code d'autorisation déjà utilisé.");
    }
    if (entry.expiresAt <= now()) {
      codes.delete(codeValue!);
      return oauthError(reply, 400, 'invalid_grant', "Code d'autorisation expiré.");
    }
    if (single(params, 'redirect_uri') !== entry.redirectUri) {
      return oauthError(reply, 400, 'invalid_grant', 'redirect_uri différente de celle de la demande.');
    }
    entry.used = true;

    const accessToken = randomToken();
    entry.accessTokens.push(accessToken);
    accessTokens.set(accessToken, {
      clientId: client.clientId,
      citizenId: entry.citizenId,
      scopes: entry.scopes,
      expiresAt: now() + ACCESS_TOKEN_TTL_SECONDS * 1000,
    });
    const iat = nowSeconds();
    const idToken = await sign({
      iss: ref.issuer,
      sub: pairwiseSubject(subjectSecret, entry.citizenId, client.clientId),
      aud: client.clientId,
      exp: iat + ID_TOKEN_TTL_SECONDS,
      iat,
      auth_time: entry.authTime,
      nonce: entry.nonce,
      acr: DELIVERED_ACR,
      ...(entry.amrRequested ? { amr: DELIVERED_AMR } : {}),
      at_hash: atHash(accessToken),
    });
    return reply.send({
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      id_token: idToken,
      scope: entry.scopes.join(' '),
    });
  });

  // ---------------------------------------------------------------- userinfo
  const userinfo = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_~.+/=-]+)$/.exec(header);
    const token = match?.[1];
    const entry = token === undefined ? undefined : accessTokens.get(token);
    if (!entry || entry.expiresAt <= now()) {
      if (token !== undefined && entry) accessTokens.delete(token);
      return reply
        .code(401)
        .header('www-authenticate', `Bearer error="invalid_token", error_description="Jeton d'accès invalide ou expiré"`)
        .send({ error: 'invalid_token', error_description: "Jeton d'accès invalide ou expiré." });
    }
    const citizen = citizens.find((c) => c.id === entry.citizenId);
    if (!citizen) return oauthError(reply, 500, 'server_error', 'Citoyen de test introuvable.');
    const released = new Set(entry.scopes.flatMap((s) => SCOPE_CLAIMS[s] ?? []));
    const source: Record<string, string | undefined> = {
      given_name: citizen.given_name,
      family_name: citizen.family_name,
      preferred_username: citizen.preferred_username,
      birthdate: citizen.birthdate,
      gender: citizen.gender,
      birthplace: citizen.birthplace,
      birthcountry: citizen.birthcountry,
      email: citizen.email,
      idp_id: SIMULATED_IDP_ID,
      idp_acr: DELIVERED_ACR,
    };
    const claims: JWTPayload = {};
    for (const name of released) {
      const value = source[name];
      if (value !== undefined) claims[name] = value;
    }
    const iat = nowSeconds();
    const jwt = await sign({
      ...claims,
      sub: pairwiseSubject(subjectSecret, citizen.id, entry.clientId),
      iss: ref.issuer,
      aud: entry.clientId,
      iat,
      exp: iat + ID_TOKEN_TTL_SECONDS,
    });
    return reply.type('application/jwt').send(jwt);
  };
  app.get(`${prefix}/userinfo`, userinfo);
  app.post(`${prefix}/userinfo`, userinfo);

  // ---------------------------------------------------------------- end session
  app.get(`${prefix}/session/end`, async (request, reply) => {
    const params = paramsFromSearch(new URL(request.url, 'http://standin.invalid').searchParams);
    for (const [name, values] of params) {
      if (values.length > 1) return errorPage(reply, 400, 'deconnexion_invalide', `Paramètre répété : ${name}.`);
    }
    const unknown = [...params.keys()].filter((k) => !END_SESSION_PARAMS.has(k));
    if (unknown.length > 0) {
      return errorPage(reply, 400, 'deconnexion_invalide', `Paramètre(s) non autorisé(s) : ${unknown.join(', ')}.`);
    }
    const hint = single(params, 'id_token_hint');
    const state = single(params, 'state');
    const postLogout = single(params, 'post_logout_redirect_uri');
    if (!hint || !state || !postLogout) {
      return errorPage(reply, 400, 'deconnexion_invalide', 'Les paramètres id_token_hint, state et post_logout_redirect_uri sont obligatoires.');
    }
    if (state.length < MIN_STATE_NONCE_LENGTH) {
      return errorPage(reply, 400, 'deconnexion_invalide', `Le paramètre state doit comporter au moins ${MIN_STATE_NONCE_LENGTH} caractères.`);
    }
    let claims: JWTPayload;
    try {
      // The signature and the issuer are checked; an expired ID token is still a valid hint.
      const header = decodeProtectedHeader(hint);
      if (header.alg !== keys.alg) throw new Error('alg');
      const { payload } = await compactVerify(hint, publicKey, { algorithms: [keys.alg] });
      claims = JSON.parse(new TextDecoder().decode(payload)) as JWTPayload;
      if (claims.iss !== ref.issuer || typeof claims.aud !== 'string') throw new Error('claims');
    } catch {
      return errorPage(reply, 400, 'id_token_hint_invalide', "Le jeton d'identité fourni (id_token_hint) n'a pas été émis par ce fournisseur.");
    }
    const client = clients.get(claims.aud);
    const clientIdParam = single(params, 'client_id');
    if (clientIdParam !== undefined && clientIdParam !== claims.aud) {
      return errorPage(reply, 400, 'deconnexion_invalide', "Le client_id ne correspond pas au jeton d'identité fourni.");
    }
    if (!client || !client.postLogoutRedirectUris.includes(postLogout)) {
      return errorPage(reply, 400, 'post_logout_redirect_uri_invalide', "L'adresse de retour après déconnexion n'est pas enregistrée pour ce service.");
    }
    return reply.redirect(withParams(postLogout, { state }), 303);
  });

  return app;
}
