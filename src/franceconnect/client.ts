/**
 * FranceConnect v2 — service-provider (FS) side.
 *
 * Built on openid-client v6 with `enableNonRepudiationChecks`: by default openid-client trusts an
 * ID token received over TLS from the token endpoint without checking its signature (allowed by
 * OIDC Core §3.1.3.7); FranceConnect requires it, so non-repudiation checks are switched on and
 * they verify the ID token AND the signed userinfo (application/jwt) against the provider's JWKS.
 * The algorithm is pinned through the client metadata (`id_token_signed_response_alg`,
 * `userinfo_signed_response_alg`), so `none`, HS256 or the other asymmetric algorithm are refused.
 *
 * The object is stateless: the caller keeps `state` and `nonce` (returned by `startLogin`) in the
 * person's server-side session and hands them back to `finishLogin`.
 */
import { timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { FranceConnectError, fcError, type FranceConnectErrorCode, type FranceConnectErrorInfo, type FranceConnectResult } from './errors';
import { createJwksCache } from './jwks';
import { parseIdentity, type FranceConnectIdentity } from './identity';

export const FRANCECONNECT_SCOPES = [
  'openid',
  'given_name',
  'family_name',
  'birthdate',
  'gender',
  'birthplace',
  'birthcountry',
  'email',
  'preferred_username',
] as const;

const ACR_ORDER = ['eidas1', 'eidas2', 'eidas3'] as const;
export type EidasLevel = (typeof ACR_ORDER)[number];

export interface FranceConnectConfig {
  /** e.g. `https://fcp-low.integ01.dev-franceconnect.fr/api/v2` or the stand-in's `http://localhost:3001/api/v2`. */
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  alg: 'ES256' | 'RS256';
  acr: 'eidas1';
  /** Whether the application runs in production (NODE_ENV=production, `Config.isProduction`). */
  production: boolean;
  /** Allows `http:` URLs, for the local stand-in only. Refused in production. */
  allowInsecureHttp?: boolean;
  /** Timeout of each HTTP call to the provider, in seconds (default 10). */
  timeoutSeconds?: number;
}

export interface LoginStart {
  /** Where to redirect the browser (303). */
  url: string;
  /** To store in the server-side session, then pass to `finishLogin`. */
  state: string;
  nonce: string;
}

export interface ExpectedLogin {
  state: string;
  nonce: string;
}

export interface FranceConnectLogin {
  /** FranceConnect's pairwise subject: the only key to link an account with. */
  sub: string;
  /** Raw ID token, kept in the session for logout (`id_token_hint`). */
  idToken: string;
  acr: EidasLevel;
  amr?: string[];
  identity: FranceConnectIdentity;
}

export type FinishLoginResult = FranceConnectResult<FranceConnectLogin>;

/**
 * What came back on the callback: the full callback URL (string or URL), its query string
 * (`?code=…&state=…` or `code=…`), URLSearchParams, or a parsed query object (e.g. Fastify's `request.query`).
 */
export type CallbackInput = string | URL | URLSearchParams | Record<string, unknown>;

export interface FranceConnectClient {
  readonly config: Readonly<FranceConnectConfig>;
  /** Builds the authorize URL with fresh random `state` and `nonce` (43 characters each). */
  startLogin(): Promise<LoginStart>;
  /** Verifies the callback, exchanges the code and verifies ID token and userinfo. Never throws. */
  finishLogin(callback: CallbackInput, expected: ExpectedLogin): Promise<FinishLoginResult>;
  /** End-session URL with `id_token_hint`, `state` and `post_logout_redirect_uri`. */
  logoutUrl(input: { idToken: string; state: string }): Promise<string>;
  /** Same as `logoutUrl` with a fresh random `state` (to store, then check with `verifyLogoutState`). */
  startLogout(idToken: string): Promise<{ url: string; state: string }>;
  /** Checks the `state` FranceConnect sends back to the post-logout redirect URI. Never throws. */
  verifyLogoutState(callback: CallbackInput, expectedState: string): FranceConnectResult<object>;
}

const configSchema = z.object({
  issuerUrl: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUri: z.url(),
  postLogoutRedirectUri: z.url(),
  alg: z.enum(['ES256', 'RS256']),
  acr: z.literal('eidas1'),
  production: z.boolean(),
  allowInsecureHttp: z.boolean().optional(),
  timeoutSeconds: z.number().positive().max(60).optional(),
});

/** Validates the configuration (throws at start-up when it is wrong) and returns the client. */
export function createFranceConnectClient(input: FranceConnectConfig): FranceConnectClient {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    throw new Error(`FranceConnect: configuration invalide (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')})`);
  }
  const cfg: Readonly<FranceConnectConfig> = Object.freeze({ ...input });
  const insecure = cfg.allowInsecureHttp === true;
  if (insecure && cfg.production) {
    throw new Error('FranceConnect: allowInsecureHttp est interdit en production');
  }
  for (const [name, value] of [
    ['issuerUrl', cfg.issuerUrl],
    ['redirectUri', cfg.redirectUri],
    ['postLogoutRedirectUri', cfg.postLogoutRedirectUri],
  ] as const) {
    const protocol = new URL(value).protocol;
    if (protocol !== 'https:' && !(insecure && protocol === 'http:')) {
      throw new Error(`FranceConnect: ${name} doit être en https (ou allowInsecureHttp pour le fournisseur de démonstration)`);
    }
  }

  const clientMetadata = {
    client_secret: cfg.clientSecret,
    id_token_signed_response_alg: cfg.alg,
    userinfo_signed_response_alg: cfg.alg,
  };
  const timeout = cfg.timeoutSeconds ?? 10;

  let configuration: Promise<oidc.Configuration> | undefined;
  const getConfiguration = (): Promise<oidc.Configuration> => {
    configuration ??= (async () => {
      const discover = () =>
        oidc.discovery(new URL(cfg.issuerUrl), cfg.clientId, clientMetadata, oidc.ClientSecretPost(cfg.clientSecret), {
          ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
          timeout,
        });
      // A GET: run once more when a kept-alive connection was closed by the provider just as it was reused.
      const c = await discover().catch((err: unknown) => {
        if (isConnectionReset(err)) return discover();
        throw err;
      });
      const meta = c.serverMetadata();
      if (!meta.end_session_endpoint || !meta.userinfo_endpoint || !meta.jwks_uri) {
        throw new Error('discovery document without end_session_endpoint, userinfo_endpoint or jwks_uri');
      }
      if (meta.id_token_signing_alg_values_supported && !meta.id_token_signing_alg_values_supported.includes(cfg.alg)) {
        throw new Error(`provider does not sign ID tokens with ${cfg.alg}`);
      }
      return c;
    })();
    // A failed discovery is retried at the next call.
    configuration.catch(() => {
      configuration = undefined;
    });
    return configuration;
  };

  const jwks = createJwksCache({ timeoutSeconds: timeout });

  /**
   * A configuration for one step of one login (code exchange, userinfo), verifying signatures with
   * our JWKS cache. openid-client keeps its own cache per configuration and refetches on an unknown
   * `kid` only once that cache is 60 s old: a provider that has just rotated its key would be refused
   * for a minute. So each step gets a fresh configuration fed from `jwks`, and a response signed
   * with a `kid` the cache does not hold makes `jwks` refetch at once — once per step.
   */
  const stepConfiguration = async (discovered: oidc.Configuration): Promise<oidc.Configuration> => {
    const meta = discovered.serverMetadata();
    const c = new oidc.Configuration(meta, cfg.clientId, clientMetadata, oidc.ClientSecretPost(cfg.clientSecret));
    if (insecure) oidc.allowInsecureRequests(c);
    c.timeout = timeout;
    oidc.enableNonRepudiationChecks(c);
    const jwksUri = meta.jwks_uri as string;
    oidc.setJwksCache(c, (await jwks.current(jwksUri)) as oidc.ExportedJWKSCache);
    let refetched = false;
    c[oidc.customFetch] = async (url, options) => {
      const response = await fetch(url, options as RequestInit);
      const kid = await signingKid(response);
      if (kid !== undefined && !refetched && !jwks.knows(kid)) {
        refetched = true;
        // A failed download keeps the keys we had: the token is then refused for its unknown kid.
        const fresh = await jwks.refresh(jwksUri).catch(() => undefined);
        if (fresh) oidc.setJwksCache(c, fresh as oidc.ExportedJWKSCache);
      }
      return response;
    };
    return c;
  };

  const requireConfiguration = async (): Promise<oidc.Configuration> => {
    try {
      return await getConfiguration();
    } catch (err) {
      throw new FranceConnectError('FC_PROVIDER_UNAVAILABLE', describe(err), { cause: err });
    }
  };

  const startLogin = async (): Promise<LoginStart> => {
    const c = await requireConfiguration();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(c, {
      redirect_uri: cfg.redirectUri,
      response_type: 'code',
      scope: FRANCECONNECT_SCOPES.join(' '),
      acr_values: cfg.acr,
      state,
      nonce,
    });
    return { url: url.href, state, nonce };
  };

  const finishLogin = async (callback: CallbackInput, expected: ExpectedLogin): Promise<FinishLoginResult> => {
    try {
      return await finishLoginUnsafe(callback, expected);
    } catch (err) {
      // Last resort: nothing unexpected may escape as a raw exception.
      return fcError('FC_UNEXPECTED', describe(err));
    }
  };

  const finishLoginUnsafe = async (callback: CallbackInput, expected: ExpectedLogin): Promise<FinishLoginResult> => {
    const params = toParams(callback);
    if (!params.ok) return fcError('FC_CALLBACK_INVALID', params.detail);
    const p = params.params;
    if (p.size === 0) return fcError('FC_CALLBACK_INVALID', 'callback without parameters');
    const state = p.get('state');
    const error = p.get('error');
    if (error !== undefined) {
      if (state !== undefined && !sameSecret(state, expected.state)) {
        return fcError('FC_STATE_MISMATCH', `error callback (${error}) with another state`);
      }
      if (error === 'access_denied') return fcError('FC_ACCESS_DENIED');
      return fcError('FC_PROVIDER_ERROR', `${error}: ${p.get('error_description') ?? ''}`.slice(0, 300));
    }
    if (state === undefined || !sameSecret(state, expected.state)) {
      return fcError('FC_STATE_MISMATCH', state === undefined ? 'callback without state' : 'state mismatch');
    }
    const code = p.get('code');
    if (!code) return fcError('FC_CALLBACK_INVALID', 'callback without code');

    let discovered: oidc.Configuration;
    try {
      discovered = await getConfiguration();
    } catch (err) {
      return fcError('FC_PROVIDER_UNAVAILABLE', describe(err));
    }

    // RFC 9207: the authorization response names its issuer; a provider that says it does so must,
    // and a different one is a mix-up attack (the code was issued by someone else).
    const iss = p.get('iss');
    const meta = discovered.serverMetadata();
    if (iss === undefined && meta.authorization_response_iss_parameter_supported === true) {
      return fcError('FC_ISSUER_MISMATCH', 'authorization response without iss although the provider advertises it');
    }
    if (iss !== undefined && iss !== meta.issuer) return fcError('FC_ISSUER_MISMATCH', `authorization response iss=${iss.slice(0, 100)}`);

    // openid-client derives redirect_uri from this URL: rebuild it from the configured one, never
    // from the incoming request (proxies, host headers), and with only the parameters we expect
    // (`iss` included, so that openid-client checks it as well).
    const currentUrl = new URL(cfg.redirectUri);
    currentUrl.searchParams.set('code', code);
    currentUrl.searchParams.set('state', state);
    if (iss !== undefined) currentUrl.searchParams.set('iss', iss);

    let c: oidc.Configuration;
    try {
      c = await stepConfiguration(discovered);
    } catch (err) {
      return fcError('FC_PROVIDER_UNAVAILABLE', describe(err));
    }

    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(c, currentUrl, {
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      return fcError(classifyGrantError(err), describe(err));
    }

    const claims = tokens.claims();
    const idToken = tokens.id_token;
    if (!claims || !idToken) return fcError('FC_ID_TOKEN_INVALID', 'no ID token');
    const acr = claims.acr;
    if (typeof acr !== 'string' || !isAcrSufficient(acr, cfg.acr)) {
      return fcError(
        'FC_ACR_INSUFFICIENT',
        `acr=${typeof acr === 'string' ? acr.slice(0, 20) : acr === undefined ? 'missing' : 'not a string'}`,
      );
    }
    if (tokens.token_type !== 'bearer') return fcError('FC_TOKEN_RESPONSE_INVALID', `token_type ${String(tokens.token_type).slice(0, 20)}`);

    let userinfo: oidc.UserInfoResponse;
    try {
      userinfo = await oidc.fetchUserInfo(await stepConfiguration(discovered), tokens.access_token, claims.sub);
    } catch (err) {
      if (isNetworkError(err)) return fcError('FC_PROVIDER_UNAVAILABLE', describe(err));
      return fcError('FC_USERINFO_INVALID', describe(err));
    }

    const identity = parseIdentity(userinfo);
    if (!identity.ok) return fcError('FC_IDENTITY_INCOMPLETE', identity.detail);

    const amr = Array.isArray(claims.amr) && claims.amr.every((x) => typeof x === 'string') ? claims.amr : undefined;
    return {
      ok: true,
      sub: claims.sub,
      idToken,
      acr: acr as EidasLevel,
      ...(amr ? { amr } : {}),
      identity: identity.identity,
    };
  };

  const logoutUrl = async ({ idToken, state }: { idToken: string; state: string }): Promise<string> => {
    const c = await requireConfiguration();
    const endpoint = c.serverMetadata().end_session_endpoint;
    if (!endpoint) throw new FranceConnectError('FC_PROVIDER_UNAVAILABLE', 'no end_session_endpoint');
    const url = new URL(endpoint);
    url.searchParams.set('id_token_hint', idToken);
    url.searchParams.set('state', state);
    url.searchParams.set('post_logout_redirect_uri', cfg.postLogoutRedirectUri);
    return url.href;
  };

  const startLogout = async (idToken: string) => {
    const state = oidc.randomState();
    return { url: await logoutUrl({ idToken, state }), state };
  };

  const verifyLogoutState = (callback: CallbackInput, expectedState: string): FranceConnectResult<object> => {
    const params = toParams(callback);
    if (!params.ok) return fcError('FC_LOGOUT_STATE_MISMATCH', params.detail);
    const state = params.params.get('state');
    if (state === undefined || !sameSecret(state, expectedState)) {
      return fcError('FC_LOGOUT_STATE_MISMATCH', state === undefined ? 'no state' : 'state mismatch');
    }
    return { ok: true };
  };

  return { config: cfg, startLogin, finishLogin, logoutUrl, startLogout, verifyLogoutState };
}

export function isAcrSufficient(received: string, required: EidasLevel): boolean {
  const r = ACR_ORDER.indexOf(received as EidasLevel);
  return r >= 0 && r >= ACR_ORDER.indexOf(required);
}

/** Constant-time comparison of two secrets of possibly different lengths. */
function sameSecret(a: string, b: string): boolean {
  if (b.length === 0) return false;
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/** Reads the callback parameters; a repeated parameter makes the callback invalid. */
function toParams(input: CallbackInput): { ok: true; params: Map<string, string> } | { ok: false; detail: string } {
  let search: URLSearchParams;
  if (input instanceof URLSearchParams) search = input;
  else if (input instanceof URL) search = input.searchParams;
  else if (typeof input === 'string') {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
      try {
        search = new URL(input).searchParams;
      } catch {
        return { ok: false, detail: 'unparsable callback URL' };
      }
    } else {
      const q = input.includes('?') ? input.slice(input.indexOf('?') + 1) : input;
      search = new URLSearchParams(q.split('#')[0]);
    }
  } else {
    search = new URLSearchParams();
    for (const [k, v] of Object.entries(input)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) {
        if (typeof item !== 'string') return { ok: false, detail: `parameter ${k} is not a string` };
        search.append(k, item);
      }
    }
  }
  const params = new Map<string, string>();
  for (const [k, v] of search) {
    if (params.has(k)) return { ok: false, detail: `repeated parameter ${k}` };
    params.set(k, v);
  }
  return { ok: true, params };
}

/** Which failure an error of the code exchange (token endpoint, then ID token checks) is. */
function classifyGrantError(err: unknown): FranceConnectErrorCode {
  if (err instanceof oidc.ResponseBodyError) {
    // The token endpoint answered with an OAuth error (RFC 6749 §5.2).
    if (err.error === 'invalid_grant') return 'FC_TOKEN_REJECTED';
    if (err.error === 'invalid_client' || err.error === 'unauthorized_client') return 'FC_CLIENT_REJECTED';
    return 'FC_PROVIDER_ERROR';
  }
  if (isNetworkError(err)) return 'FC_PROVIDER_UNAVAILABLE';
  const code = (err as { code?: unknown }).code;
  // An HTTP status other than 200 without an OAuth error body: the provider is failing.
  if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_TIMEOUT' || code === 'OAUTH_ABORT') return 'FC_PROVIDER_UNAVAILABLE';
  if (code === 'OAUTH_RESPONSE_IS_NOT_JSON') return 'FC_TOKEN_RESPONSE_INVALID';
  return 'FC_ID_TOKEN_INVALID';
}

/** The `kid` of a signed token in a token-endpoint (JSON `id_token`) or userinfo (application/jwt) answer. */
async function signingKid(response: Response): Promise<string | undefined> {
  if (!response.ok) return undefined;
  const type = response.headers.get('content-type')?.split(';')[0]?.trim();
  let jwt: unknown;
  try {
    if (type === 'application/jwt') jwt = await response.clone().text();
    else if (type === 'application/json') jwt = ((await response.clone().json()) as { id_token?: unknown })?.id_token;
  } catch {
    return undefined;
  }
  if (typeof jwt !== 'string') return undefined;
  try {
    const header = JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString()) as { kid?: unknown };
    return typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}

/** undici's « fetch failed » whose socket was reset by the other side (an idle kept-alive connection closed by the server). */
function isConnectionReset(err: unknown): boolean {
  return err instanceof TypeError && err.message === 'fetch failed' && (err.cause as { code?: unknown } | undefined)?.code === 'ECONNRESET';
}

function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return true;
  // undici: TypeError('fetch failed') with the socket error as cause.
  return err instanceof TypeError && err.message === 'fetch failed';
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 300);
  const parts = [`${err.name}: ${err.message}`];
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') parts.push(`code=${code}`);
  const cause = err.cause;
  if (cause instanceof Error) parts.push(`cause=${cause.message}`);
  else if (cause && typeof cause === 'object' && 'claim' in cause) parts.push(`claim=${String((cause as { claim: unknown }).claim)}`);
  return parts.join(' ').slice(0, 500);
}

export type { FranceConnectErrorInfo, FranceConnectIdentity };
