/**
 * Test kit of the stand-in's own tests: two registered clients, and {@link useStandin}, which runs
 * one stand-in for the enclosing `describe` with a clock the test can move. Only for tests.
 */
import { randomBytes } from 'node:crypto';
import { createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { generateStandinKeys, type StandinAlg, type StandinKeys } from '../../../src/franceconnect-standin/keys';
import { startStandinProvider, type RunningStandin, type StandinClient } from '../../../src/franceconnect-standin/provider';
import { simulateCitizenLogin } from '../../../src/franceconnect-standin/simulate';

export const ALGS: StandinAlg[] = ['ES256', 'RS256'];

export const rnd = () => randomBytes(32).toString('base64url'); // 43 characters

export const CLIENT_A: StandinClient = {
  clientId: 'client-a',
  clientSecret: 'secret-a-0123456789',
  redirectUris: ['http://app-a.test/callback'],
  postLogoutRedirectUris: ['http://app-a.test/logout-callback'],
  name: 'Application A',
};
export const CLIENT_B: StandinClient = {
  clientId: 'client-b',
  clientSecret: 'secret-b-0123456789',
  redirectUris: ['http://app-b.test/callback'],
  postLogoutRedirectUris: ['http://app-b.test/logout-callback'],
};
export const FULL_SCOPE = 'openid given_name family_name birthdate gender birthplace birthcountry email preferred_username';

/**
 * Starts a stand-in signing with `alg` (clients A and B) before the tests of the enclosing
 * `describe`, stops it after them. `fx.offsetMs` moves its clock and is reset before each test.
 */
export function useStandin(alg: StandinAlg) {
  const fx = {
    keys: undefined as unknown as StandinKeys,
    standin: undefined as unknown as RunningStandin,
    offsetMs: 0,
    get issuerUrl() {
      return this.standin.issuerUrl;
    },
  };

  beforeAll(async () => {
    fx.keys = await generateStandinKeys(alg);
    fx.standin = await startStandinProvider({
      alg,
      keys: fx.keys,
      clients: [CLIENT_A, CLIENT_B],
      now: () => Date.now() + fx.offsetMs,
    });
  });
  afterAll(() => fx.standin.close());
  beforeEach(() => {
    fx.offsetMs = 0;
  });

  const authorizeUrl = (overrides: Record<string, string | undefined> = {}, client = CLIENT_A) => {
    const url = new URL(`${fx.issuerUrl}/authorize`);
    const params: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.redirectUris[0],
      scope: FULL_SCOPE,
      acr_values: 'eidas1',
      state: rnd(),
      nonce: rnd(),
      ...overrides,
    };
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
    return url;
  };

  const authorizeRedirect = async (url: URL) => {
    const res = await fetch(url, { redirect: 'manual' });
    return { status: res.status, location: new URL(res.headers.get('location') ?? 'about:blank', url), res };
  };

  const login = async (citizenId: string, overrides: Record<string, string | undefined> = {}, client = CLIENT_A) => {
    const url = authorizeUrl(overrides, client);
    const { callbackUrl } = await simulateCitizenLogin(url.href, { citizenId });
    const cb = new URL(callbackUrl);
    return { code: cb.searchParams.get('code') ?? '', cb, state: url.searchParams.get('state'), nonce: url.searchParams.get('nonce') };
  };

  const token = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${fx.issuerUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(body),
    });

  const tokenBody = (code: string, client = CLIENT_A) => ({
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUris[0]!,
    client_id: client.clientId,
    client_secret: client.clientSecret,
  });

  const jwks = () => createLocalJWKSet({ keys: [fx.keys.publicJwk] });

  return { fx, authorizeUrl, authorizeRedirect, login, token, tokenBody, jwks };
}
