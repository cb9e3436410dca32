/**
 * Test kit: a tiny provider whose token and userinfo answers are written by the test, to check
 * that the client refuses forged tokens. It publishes `legitKey` (and optional extra public keys)
 * on its JWKS and counts the JWKS downloads. Only for tests.
 */
import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import { SignJWT, base64url, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { generateStandinKeys, type StandinAlg, type StandinKeys } from '../../src/franceconnect-standin';

export interface TokenContext {
  issuer: string;
  clientId: string;
  code: string;
  accessToken: string;
}

export interface ForgedAnswer {
  status?: number;
  contentType: string;
  body: string;
}

export interface Scenario {
  /** ID token to put in the token response. */
  idToken: (ctx: TokenContext) => Promise<string>;
  /** Replaces the whole token answer (an OAuth error, a failing server…). */
  token?: (ctx: TokenContext) => Promise<ForgedAnswer>;
  /** Userinfo answer; defaults to a valid userinfo JWT signed with the legit key. */
  userinfo?: (ctx: TokenContext & { sub: string }) => Promise<ForgedAnswer>;
}

export interface ForgedProvider {
  issuerUrl: string;
  /** The key the JWKS publishes (changes with `rotate`). */
  readonly legitKey: StandinKeys;
  jwksHits: () => number;
  tokenHits: () => number;
  /** Publishes `key` instead of the current one from now on (the provider's key rotation). */
  rotate: (key: StandinKeys) => void;
  setScenario: (s: Scenario) => void;
  close: () => Promise<void>;
}

export async function startForgedProvider(opts: {
  alg: StandinAlg;
  clientId: string;
  legitKey?: StandinKeys;
  extraPublicJwks?: JWK[];
  /** Advertises RFC 9207 `authorization_response_iss_parameter_supported`. */
  issParameterSupported?: boolean;
}): Promise<ForgedProvider> {
  let legitKey = opts.legitKey ?? (await generateStandinKeys(opts.alg));
  const app = Fastify({ logger: false });
  await app.register(formbody);
  let issuer = '';
  let hits = 0;
  let tokenHits = 0;
  let scenario: Scenario | undefined;
  let lastSub = '';

  app.get('/api/v2/.well-known/openid-configuration', async () => ({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    end_session_endpoint: `${issuer}/session/end`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: [opts.alg],
    userinfo_signing_alg_values_supported: [opts.alg],
    token_endpoint_auth_methods_supported: ['client_secret_post'],
    acr_values_supported: ['eidas1', 'eidas2', 'eidas3'],
    ...(opts.issParameterSupported ? { authorization_response_iss_parameter_supported: true } : {}),
  }));
  app.get('/api/v2/jwks', async () => {
    hits += 1;
    return { keys: [legitKey.publicJwk, ...(opts.extraPublicJwks ?? [])] };
  });
  app.post('/api/v2/token', async (request, reply) => {
    tokenHits += 1;
    if (!scenario) return reply.code(500).send({ error: 'server_error' });
    const body = request.body as Record<string, string>;
    const ctx: TokenContext = { issuer, clientId: opts.clientId, code: body.code ?? '', accessToken: `at-${body.code ?? ''}` };
    if (scenario.token) {
      const answer = await scenario.token(ctx);
      return reply
        .code(answer.status ?? 200)
        .type(answer.contentType)
        .send(answer.body);
    }
    const idToken = await scenario.idToken(ctx);
    try {
      const payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString()) as { sub?: string };
      lastSub = payload.sub ?? '';
    } catch {
      lastSub = '';
    }
    return { access_token: ctx.accessToken, token_type: 'Bearer', expires_in: 60, id_token: idToken };
  });
  app.get('/api/v2/userinfo', async (request, reply) => {
    if (!scenario) return reply.code(500).send({ error: 'server_error' });
    const accessToken = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    const ctx = { issuer, clientId: opts.clientId, code: '', accessToken, sub: lastSub };
    const answer = scenario.userinfo
      ? await scenario.userinfo(ctx)
      : { contentType: 'application/jwt', body: await signJwt(validUserinfoClaims(ctx), legitKey) };
    return reply
      .code(answer.status ?? 200)
      .type(answer.contentType)
      .send(answer.body);
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as { port: number };
  issuer = `http://127.0.0.1:${address.port}/api/v2`;
  return {
    issuerUrl: issuer,
    get legitKey() {
      return legitKey;
    },
    jwksHits: () => hits,
    tokenHits: () => tokenHits,
    rotate: (key) => {
      legitKey = key;
    },
    setScenario: (s) => {
      scenario = s;
    },
    close: () => app.close(),
  };
}

export const FORGED_SUB = `${'ab'.repeat(32)}v1`;

export function validIdTokenClaims(ctx: TokenContext, nonce: string): JWTPayload {
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: ctx.issuer,
    sub: FORGED_SUB,
    aud: ctx.clientId,
    exp: iat + 60,
    iat,
    auth_time: iat,
    nonce,
    acr: 'eidas1',
  };
}

export function validUserinfoClaims(ctx: { issuer: string; clientId: string; sub: string }): JWTPayload {
  const iat = Math.floor(Date.now() / 1000);
  return {
    sub: ctx.sub,
    iss: ctx.issuer,
    aud: ctx.clientId,
    iat,
    exp: iat + 60,
    given_name: 'Angela Claire Louise',
    family_name: 'DUBOIS',
    birthdate: '1962-08-24',
    gender: 'female',
    birthplace: '75112',
    birthcountry: '99100',
    email: 'angela.dubois@example.com',
  };
}

/** Signs with a key pair (its own alg and kid unless overridden). */
export function signJwt(
  claims: JWTPayload,
  key: { alg: string; kid: string; privateKey: CryptoKey },
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header }).sign(key.privateKey);
}

/** HS256 "signed" with a shared secret (e.g. the client secret). */
export function signHs256(claims: JWTPayload, secret: string, kid?: string): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) })
    .sign(new TextEncoder().encode(secret));
}

/** An unsecured JWT (`alg: none`), with an optional fake signature part. */
export function unsecuredJwt(claims: JWTPayload, header: Record<string, unknown> = {}, signature = ''): string {
  const enc = (o: unknown) => base64url.encode(JSON.stringify(o));
  return `${enc({ alg: 'none', typ: 'JWT', ...header })}.${enc(claims)}.${signature}`;
}

/** Replaces the payload of a signed JWT, keeping header and signature (signature no longer matches). */
export function swapPayload(jwt: string, claims: JWTPayload): string {
  const [h, , s] = jwt.split('.');
  return `${h}.${base64url.encode(JSON.stringify(claims))}.${s}`;
}
