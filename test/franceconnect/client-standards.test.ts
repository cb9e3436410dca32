/**
 * What a certified provider does and the client must follow: RFC 9207 `iss` in the authorization
 * response, the token endpoint's OAuth errors told apart, an immediate JWKS refetch when the
 * provider rotates its signing key; and the failure's log line (code and cause, never a token).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStandinKeys } from '../../src/franceconnect-standin';
import { createFranceConnectClient, type FranceConnectClient } from '../../src/franceconnect/client';
import { FC_ERROR_CATALOGUE, fcError, scrubDetail } from '../../src/franceconnect/errors';
import { logFranceConnectFailure } from '../../src/journeys/franceconnect/pages-common';
import { createLogger, readableLines } from '../../src/shared/logger';
import {
  FORGED_SUB,
  signJwt,
  startForgedProvider,
  validIdTokenClaims,
  type ForgedProvider,
  type Scenario,
} from './forged-provider.testkit';

const CLIENT_ID = 'mon-compte-test';
const CLIENT_SECRET = 'mon-compte-test-secret-0123456789';

describe('FranceConnect client against a provider that follows RFC 9207 (iss in the authorization response)', () => {
  let provider: ForgedProvider;
  let client: FranceConnectClient;

  beforeAll(async () => {
    provider = await startForgedProvider({ alg: 'ES256', clientId: CLIENT_ID, issParameterSupported: true });
    client = newClient(provider);
  });
  afterAll(() => provider.close());

  const attempt = async (callback: (state: string) => string, make?: (nonce: string) => Scenario) => {
    const { state, nonce } = await client.startLogin();
    provider.setScenario(make?.(nonce) ?? { idToken: (ctx) => signJwt(validIdTokenClaims(ctx, nonce), provider.legitKey) });
    return client.finishLogin(callback(state), { state, nonce });
  };

  it('accepts the callback carrying the provider’s iss', async () => {
    const result = await attempt((state) => `?code=c1&state=${state}&iss=${encodeURIComponent(provider.issuerUrl)}`);
    expect(result.ok, result.ok ? '' : result.error.detail).toBe(true);
    if (result.ok) expect(result.sub).toBe(FORGED_SUB);
  });

  it.each([
    ['another issuer', 'https://fcp-low.integ01.dev-franceconnect.fr/api/v2'],
    ['the issuer with a trailing slash', 'ISSUER/'],
    ['no iss although the provider advertises it', undefined],
  ])('refuses a callback with %s, before the code is exchanged', async (_name, iss) => {
    const before = provider.tokenHits();
    const value = iss?.replace('ISSUER', provider.issuerUrl);
    const result = await attempt((state) => `?code=c2&state=${state}${value === undefined ? '' : `&iss=${encodeURIComponent(value)}`}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('FC_ISSUER_MISMATCH');
    expect(result.error.message).toBe(FC_ERROR_CATALOGUE.FC_ISSUER_MISMATCH.message);
    expect(provider.tokenHits()).toBe(before);
  });
});

describe('FranceConnect client: the token endpoint’s answers told apart', () => {
  let provider: ForgedProvider;
  let client: FranceConnectClient;

  beforeAll(async () => {
    provider = await startForgedProvider({ alg: 'ES256', clientId: CLIENT_ID });
    client = newClient(provider);
  });
  afterAll(() => provider.close());

  const withTokenAnswer = async (status: number, contentType: string, body: string) => {
    const { state, nonce } = await client.startLogin();
    provider.setScenario({ idToken: async () => 'unused', token: async () => ({ status, contentType, body }) });
    return client.finishLogin(`?code=c3&state=${state}`, { state, nonce });
  };

  it.each([
    [400, 'application/json', '{"error":"invalid_client","error_description":"client authentication failed"}', 'FC_CLIENT_REJECTED'],
    [401, 'application/json', '{"error":"invalid_client"}', 'FC_CLIENT_REJECTED'],
    [400, 'application/json', '{"error":"unauthorized_client"}', 'FC_CLIENT_REJECTED'],
    [400, 'application/json', '{"error":"invalid_grant","error_description":"grant request is invalid"}', 'FC_TOKEN_REJECTED'],
    [400, 'application/json', '{"error":"invalid_request"}', 'FC_PROVIDER_ERROR'],
    [500, 'text/html', '<h1>Internal Server Error</h1>', 'FC_PROVIDER_UNAVAILABLE'],
    [200, 'text/html', '<h1>Bienvenue</h1>', 'FC_TOKEN_RESPONSE_INVALID'],
  ] as const)('HTTP %i %s %s → %s', async (status, type, body, code) => {
    const result = await withTokenAnswer(status, type, body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code, result.error.detail).toBe(code);
    expect(result.error.detail?.length).toBeGreaterThan(0);
  });

  it('does not call a wrong client secret an expiry, nor a refusal of the code an identity problem', () => {
    expect(FC_ERROR_CATALOGUE.FC_CLIENT_REJECTED.message).not.toMatch(/expir/);
    expect(FC_ERROR_CATALOGUE.FC_ISSUER_MISMATCH.message).not.toMatch(/identité/);
  });
});

describe('FranceConnect client: the provider rotates its signing key', () => {
  let provider: ForgedProvider;
  let client: FranceConnectClient;

  beforeAll(async () => {
    provider = await startForgedProvider({ alg: 'ES256', clientId: CLIENT_ID });
    client = newClient(provider);
  });
  afterAll(() => provider.close());

  const login = async () => {
    const { state, nonce } = await client.startLogin();
    provider.setScenario({ idToken: (ctx) => signJwt(validIdTokenClaims(ctx, nonce), provider.legitKey) });
    return client.finishLogin(`?code=c4&state=${state}`, { state, nonce });
  };

  it('a token signed with the new key is accepted at once, after exactly one JWKS download', async () => {
    expect((await login()).ok).toBe(true);
    const hits = provider.jwksHits();
    expect((await login()).ok).toBe(true);
    expect(provider.jwksHits(), 'the keys are cached between logins').toBe(hits);

    provider.rotate(await generateStandinKeys('ES256'));
    const result = await login();
    expect(result.ok, result.ok ? '' : result.error.detail).toBe(true);
    expect(provider.jwksHits()).toBe(hits + 1);
    // The refreshed keys serve the next logins (and their userinfo) without another download.
    expect((await login()).ok).toBe(true);
    expect(provider.jwksHits()).toBe(hits + 1);
  });

  it('a kid the provider does not publish costs one download, then the token is refused', async () => {
    expect((await login()).ok).toBe(true);
    const hits = provider.jwksHits();
    const stranger = await generateStandinKeys('ES256');
    const { state, nonce } = await client.startLogin();
    provider.setScenario({ idToken: (ctx) => signJwt(validIdTokenClaims(ctx, nonce), stranger) });
    const result = await client.finishLogin(`?code=c5&state=${state}`, { state, nonce });
    expect(result.ok === false && result.error.code).toBe('FC_ID_TOKEN_INVALID');
    expect(provider.jwksHits()).toBe(hits + 1);
  });
});

describe('the log line of a FranceConnect failure', () => {
  it('carries the code and the cause in the readable development line, and no token', () => {
    const lines: string[] = [];
    const logger = createLogger({ env: 'development', destination: readableLines((l) => lines.push(l)) });
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';
    const failure = fcError('FC_CLIENT_REJECTED', `invalid_client: client authentication failed for ${jwt}`);
    logFranceConnectFailure(logger, failure.error);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN +franceconnect failure FC_CLIENT_REJECTED \(invalid_client: client authentication failed for \[jwt\]\)/);
    expect(lines[0]).not.toContain('eyJ');
    expect(lines[0]).not.toContain(failure.error.message);
  });

  it('scrubs tokens, codes and control characters from a detail', () => {
    expect(scrubDetail('access token 9fQ3kR7vT1xZ8wP2mN5bL6cH4jD0sA in the answer')).toBe('access token […] in the answer');
    expect(scrubDetail(`sub=${'ab'.repeat(32)}v1\nforged line`)).toBe('sub=[…] forged line');
    expect(scrubDetail('ab '.repeat(300))).toHaveLength(500);
    expect(scrubDetail('acr=eidas0')).toBe('acr=eidas0');
  });
});

function newClient(provider: ForgedProvider): FranceConnectClient {
  return createFranceConnectClient({
    issuerUrl: provider.issuerUrl,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: 'http://localhost:3000/franceconnect/callback',
    postLogoutRedirectUri: 'http://localhost:3000/franceconnect/logout-callback',
    alg: 'ES256',
    acr: 'eidas1',
    production: false,
    allowInsecureHttp: true,
  });
}
