/**
 * Attacks on the client: a provider (our own forged one) answers the token and userinfo calls with
 * tokens the client must refuse. A positive control with the same machinery shows the refusals
 * come from the checks, not from a broken test set-up.
 */
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStandinKeys, type StandinAlg, type StandinKeys } from '../../src/franceconnect-standin';
import { createFranceConnectClient, type FranceConnectClient } from '../../src/franceconnect/client';
import type { FranceConnectErrorCode } from '../../src/franceconnect/errors';
import {
  FORGED_SUB,
  signHs256,
  signJwt,
  startForgedProvider,
  swapPayload,
  unsecuredJwt,
  validIdTokenClaims,
  validUserinfoClaims,
  type ForgedProvider,
  type Scenario,
  type TokenContext,
} from './forged-provider.testkit';

const CLIENT_ID = 'mon-compte-test';
const CLIENT_SECRET = 'mon-compte-test-secret-0123456789';

describe.each<StandinAlg>(['ES256', 'RS256'])('FranceConnect client refuses forged answers (%s)', (alg) => {
  const otherAlg: StandinAlg = alg === 'ES256' ? 'RS256' : 'ES256';
  let provider: ForgedProvider;
  let attackerKey: StandinKeys;
  let otherAlgKey: StandinKeys;

  beforeAll(async () => {
    attackerKey = await generateStandinKeys(alg);
    // A key of the other algorithm, published in the JWKS: still refused because alg is pinned.
    otherAlgKey = await generateStandinKeys(otherAlg);
    provider = await startForgedProvider({ alg, clientId: CLIENT_ID, extraPublicJwks: [otherAlgKey.publicJwk] });
  });
  afterAll(() => provider.close());

  const newClient = (): FranceConnectClient =>
    createFranceConnectClient({
      issuerUrl: provider.issuerUrl,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: 'http://localhost:3000/franceconnect/callback',
      postLogoutRedirectUri: 'http://localhost:3000/franceconnect/logout-callback',
      alg,
      acr: 'eidas1',
      production: false,
      allowInsecureHttp: true,
    });

  /** Runs a login whose token/userinfo answers are produced by `make(nonce)`. */
  const attempt = async (make: (nonce: string) => Scenario) => {
    const client = newClient();
    const { state, nonce } = await client.startLogin();
    provider.setScenario(make(nonce));
    return client.finishLogin(`?code=code-${Math.random().toString(36).slice(2)}&state=${state}`, { state, nonce });
  };

  const legit = (ctx: TokenContext, nonce: string, overrides: Record<string, unknown> = {}) =>
    signJwt({ ...validIdTokenClaims(ctx, nonce), ...overrides }, provider.legitKey);

  const expectRefused = (result: Awaited<ReturnType<typeof attempt>>, code: FranceConnectErrorCode) => {
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code, result.error.detail).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(0);
    }
  };

  it('positive control: a correctly signed ID token and userinfo are accepted, the JWKS is fetched', async () => {
    const before = provider.jwksHits();
    const result = await attempt((nonce) => ({ idToken: (ctx) => legit(ctx, nonce) }));
    expect(result.ok, result.ok ? '' : result.error.detail).toBe(true);
    if (result.ok) expect(result.sub).toBe(FORGED_SUB);
    expect(provider.jwksHits()).toBeGreaterThan(before);
  });

  describe('ID token', () => {
    it('signed with another key (same kid)', async () => {
      const result = await attempt((nonce) => ({
        idToken: (ctx) => signJwt(validIdTokenClaims(ctx, nonce), attackerKey, { kid: provider.legitKey.kid }),
      }));
      expectRefused(result, 'FC_ID_TOKEN_INVALID');
    });

    it('signed with another key (its own kid)', async () => {
      const result = await attempt((nonce) => ({ idToken: (ctx) => signJwt(validIdTokenClaims(ctx, nonce), attackerKey) }));
      expectRefused(result, 'FC_ID_TOKEN_INVALID');
    });

    it('with a payload swapped under a valid signature (signature is really checked)', async () => {
      const result = await attempt((nonce) => ({
        idToken: async (ctx) => {
          const genuine = await legit(ctx, nonce);
          return swapPayload(genuine, { ...validIdTokenClaims(ctx, nonce), sub: `${'cd'.repeat(32)}v1` });
        },
      }));
      expectRefused(result, 'FC_ID_TOKEN_INVALID');
    });

    it('alg: none', async () => {
      const result = await attempt((nonce) => ({ idToken: async (ctx) => unsecuredJwt(validIdTokenClaims(ctx, nonce)) }));
      expectRefused(result, 'FC_ID_TOKEN_INVALID');
    });

    it('alg: none with a kid and a fake signature', async () => {
      const result = await attempt((nonce) => ({
        idToken: async (ctx) => unsecuredJwt(validIdTokenClaims(ctx, nonce), { kid: provider.legitKey.kid }, 'c2lnbmF0dXJl'),
      }));
      expectRefused(result, 'FC_ID_TOKEN_INVALID');
    });

    it('HS256 signed with the client secret (FranceConnect v1 style)', async () => {
      const result = await attempt((nonce) => ({ idToken: (ctx) => signHs256(validIdTokenClaims(ctx, nonce), CLIENT_SECRET) }));
      expectRefused(result, 'FC_ID_TOKEN_INVALID');
    });

    it(`signed with the other algorithm (${otherAlg}) by a key that is in the JWKS`, async () => {
      const result = await attempt((nonce) => ({ idToken: (ctx) => signJwt(validIdTokenClaims(ctx, nonce), otherAlgKey) }));
      expectRefused(result, 'FC_ID_TOKEN_INVALID');
    });

    it.each<[string, (ctx: TokenContext, nonce: string) => Record<string, unknown>]>([
      ['a wrong nonce', () => ({ nonce: 'n'.repeat(43) })],
      ['no nonce', () => ({ nonce: undefined })],
      ['a wrong audience', () => ({ aud: 'autre-service' })],
      ['an audience list with another client and no azp', () => ({ aud: ['autre-service', CLIENT_ID] })],
      ['a wrong issuer', () => ({ iss: 'https://fcp-low.integ01.dev-franceconnect.fr/api/v2' })],
      ['an expired token', () => ({ exp: Math.floor(Date.now() / 1000) - 120, iat: Math.floor(Date.now() / 1000) - 180 })],
      ['no exp', () => ({ exp: undefined })],
      ['no iat', () => ({ iat: undefined })],
      ['no sub', () => ({ sub: undefined })],
    ])('with %s', async (_name, overrides) => {
      const result = await attempt((nonce) => ({ idToken: (ctx) => legit(ctx, nonce, overrides(ctx, nonce)) }));
      expectRefused(result, 'FC_ID_TOKEN_INVALID');
    });

    it.each<[string, unknown]>([
      ['missing', undefined],
      ['eidas0', 'eidas0'],
      ['an unknown level', 'https://refeds.org/profile/mfa'],
      ['not a string', 1],
    ])('with an acr %s', async (_name, acr) => {
      const result = await attempt((nonce) => ({ idToken: (ctx) => legit(ctx, nonce, { acr }) }));
      expectRefused(result, 'FC_ACR_INSUFFICIENT');
    });

    it('accepts a higher acr (eidas2)', async () => {
      const result = await attempt((nonce) => ({ idToken: (ctx) => legit(ctx, nonce, { acr: 'eidas2' }) }));
      expect(result.ok).toBe(true);
    });

    it('a garbage string', async () => {
      const result = await attempt(() => ({ idToken: async () => 'not-a-jwt' }));
      expectRefused(result, 'FC_ID_TOKEN_INVALID');
    });
  });

  describe('userinfo', () => {
    const withUserinfo = (userinfo: Scenario['userinfo']) => attempt((nonce) => ({ idToken: (ctx) => legit(ctx, nonce), userinfo }));

    it('unsigned JSON (application/json)', async () => {
      const result = await withUserinfo(async (ctx) => ({
        contentType: 'application/json',
        body: JSON.stringify(validUserinfoClaims(ctx)),
      }));
      expectRefused(result, 'FC_USERINFO_INVALID');
    });

    it('alg: none', async () => {
      const result = await withUserinfo(async (ctx) => ({ contentType: 'application/jwt', body: unsecuredJwt(validUserinfoClaims(ctx)) }));
      expectRefused(result, 'FC_USERINFO_INVALID');
    });

    it('signed with another key', async () => {
      const result = await withUserinfo(async (ctx) => ({
        contentType: 'application/jwt',
        body: await signJwt(validUserinfoClaims(ctx), attackerKey, { kid: provider.legitKey.kid }),
      }));
      expectRefused(result, 'FC_USERINFO_INVALID');
    });

    it('with a payload swapped under a valid signature', async () => {
      const result = await withUserinfo(async (ctx) => ({
        contentType: 'application/jwt',
        body: swapPayload(await signJwt(validUserinfoClaims(ctx), provider.legitKey), {
          ...validUserinfoClaims(ctx),
          family_name: 'USURPATEUR',
        }),
      }));
      expectRefused(result, 'FC_USERINFO_INVALID');
    });

    it('HS256 with the client secret', async () => {
      const result = await withUserinfo(async (ctx) => ({
        contentType: 'application/jwt',
        body: await signHs256(validUserinfoClaims(ctx), CLIENT_SECRET),
      }));
      expectRefused(result, 'FC_USERINFO_INVALID');
    });

    it('about another person (sub different from the ID token)', async () => {
      const result = await withUserinfo(async (ctx) => ({
        contentType: 'application/jwt',
        body: await signJwt({ ...validUserinfoClaims(ctx), sub: `${'ef'.repeat(32)}v1` }, provider.legitKey),
      }));
      expectRefused(result, 'FC_USERINFO_INVALID');
    });

    it('for another audience or from another issuer', async () => {
      for (const overrides of [{ aud: 'autre-service' }, { iss: 'https://ailleurs.example/api/v2' }]) {
        const result = await withUserinfo(async (ctx) => ({
          contentType: 'application/jwt',
          body: await signJwt({ ...validUserinfoClaims(ctx), ...overrides }, provider.legitKey),
        }));
        expectRefused(result, 'FC_USERINFO_INVALID');
      }
    });

    it('an error status (expired access token)', async () => {
      const result = await withUserinfo(async () => ({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'invalid_token' }),
      }));
      expectRefused(result, 'FC_USERINFO_INVALID');
    });

    it('correctly signed but with an incomplete identity', async () => {
      const result = await withUserinfo(async (ctx) => ({
        contentType: 'application/jwt',
        body: await signJwt({ ...validUserinfoClaims(ctx), birthdate: undefined, gender: 'other' }, provider.legitKey),
      }));
      expectRefused(result, 'FC_IDENTITY_INCOMPLETE');
    });
  });

  it('why non-repudiation checks are on: plain openid-client accepts a forged ID token signature', async () => {
    // Documents the library default the client guards against. Without enableNonRepudiationChecks,
    // openid-client validates the claims but not the signature of an ID token from the token endpoint.
    const config = await oidc.discovery(
      new URL(provider.issuerUrl),
      CLIENT_ID,
      { client_secret: CLIENT_SECRET, id_token_signed_response_alg: alg },
      oidc.ClientSecretPost(CLIENT_SECRET),
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    provider.setScenario({ idToken: (ctx) => signJwt(validIdTokenClaims(ctx, nonce), attackerKey, { kid: provider.legitKey.kid }) });
    const url = new URL(`http://localhost:3000/franceconnect/callback?code=abc&state=${state}`);
    const tokens = await oidc.authorizationCodeGrant(config, url, { expectedState: state, expectedNonce: nonce });
    expect(tokens.claims()?.sub).toBe(FORGED_SUB);
    // …whereas our client refuses the very same answer.
    const ours = await attempt((n) => ({
      idToken: (ctx) => signJwt(validIdTokenClaims(ctx, n), attackerKey, { kid: provider.legitKey.kid }),
    }));
    expectRefused(ours, 'FC_ID_TOKEN_INVALID');
  });
});
