import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateStandinKeys,
  simulateCitizenLogin,
  simulateLogout,
  startStandinProvider,
  type RunningStandin,
  type StandinAlg,
  type StandinClient,
} from '../../src/franceconnect-standin';
import { createFranceConnectClient, type FranceConnectClient, type FranceConnectConfig } from '../../src/franceconnect/client';
import { FC_ERROR_CATALOGUE, FranceConnectError } from '../../src/franceconnect/errors';

const APP: StandinClient = {
  clientId: 'mon-compte-test',
  clientSecret: 'mon-compte-test-secret-0123456789',
  redirectUris: ['http://localhost:3000/franceconnect/callback'],
  postLogoutRedirectUris: ['http://localhost:3000/franceconnect/logout-callback'],
};
const OTHER_APP: StandinClient = {
  clientId: 'autre-service',
  clientSecret: 'autre-service-secret-0123456789',
  redirectUris: ['http://localhost:4000/callback'],
  postLogoutRedirectUris: ['http://localhost:4000/logout-callback'],
};

function configFor(issuerUrl: string, alg: StandinAlg, client = APP): FranceConnectConfig {
  return {
    issuerUrl,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUris[0]!,
    postLogoutRedirectUri: client.postLogoutRedirectUris[0]!,
    alg,
    acr: 'eidas1',
    production: false,
    allowInsecureHttp: true,
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.each<StandinAlg>(['ES256', 'RS256'])('FranceConnect client against the stand-in (%s)', (alg) => {
  let standin: RunningStandin;
  let client: FranceConnectClient;

  beforeAll(async () => {
    standin = await startStandinProvider({
      alg,
      keys: await generateStandinKeys(alg),
      clients: [APP, OTHER_APP],
    });
    client = createFranceConnectClient(configFor(standin.issuerUrl, alg));
  });
  afterAll(() => standin.close());

  const loginAs = async (citizenId: string, c = client) => {
    const start = await c.startLogin();
    const { callbackUrl } = await simulateCitizenLogin(start.url, { citizenId });
    return { start, callbackUrl, result: await c.finishLogin(callbackUrl, start) };
  };

  it('builds a FranceConnect v2 authorize URL (no PKCE, acr eidas1, 32+ char state and nonce)', async () => {
    const { url, state, nonce } = await client.startLogin();
    const u = new URL(url);
    expect(u.href.startsWith(`${standin.issuerUrl}/authorize?`)).toBe(true);
    const p = u.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe(APP.clientId);
    expect(p.get('redirect_uri')).toBe(APP.redirectUris[0]);
    expect(p.get('acr_values')).toBe('eidas1');
    expect(p.get('scope')).toBe('openid given_name family_name birthdate gender birthplace birthcountry email preferred_username');
    expect(p.get('state')).toBe(state);
    expect(p.get('nonce')).toBe(nonce);
    expect(state.length).toBeGreaterThanOrEqual(32);
    expect(nonce.length).toBeGreaterThanOrEqual(32);
    expect(state).not.toBe(nonce);
    expect(p.has('code_challenge')).toBe(false);
    expect(p.has('code_challenge_method')).toBe(false);
    const again = await client.startLogin();
    expect(again.state).not.toBe(state);
    expect(again.nonce).not.toBe(nonce);
  });

  it('completes the whole flow and returns the verified identity', async () => {
    const { result } = await loginAs('angela-dubois-paris');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sub).toMatch(/^[0-9a-f]{64}v1$/);
    expect(result.idToken.split('.')).toHaveLength(3);
    expect(result.acr).toBe('eidas1');
    expect(result.identity).toEqual({
      givenName: 'Angela Claire Louise',
      familyName: 'DUBOIS',
      birthdate: '1962-08-24',
      gender: 'female',
      birthplace: '75112',
      birthcountry: '99100',
      email: 'angela.dubois@example.com',
    });
  });

  it.each([
    ['sophie-martin-nom-usage', { preferredUsername: 'LEROY', birthplace: '69383' }],
    ['amandine-dufour-sans-email', { email: undefined }],
    ['youssef-benali-mois-inconnu', { birthdate: '1975-00-00', birthplace: '', birthcountry: '99350' }],
    ['marie-ange-santoni-ajaccio-1981', { birthplace: '2A004' }],
    ['jean-baptiste-casanova-ajaccio-1970', { birthplace: '20004' }],
    ['jean-marc-payet-reunion', { birthplace: '97411', gender: 'male' }],
    ['carmen-garcia-espagne', { birthplace: '', birthcountry: '99134', givenName: 'Carmen Lucía' }],
    ['helene-lefevre-durand-accents', { familyName: 'LEFÈVRE-DURAND', givenName: 'Hélène Éloïse' }],
  ] as const)('maps the identity of %s', async (citizenId, expected) => {
    const { result } = await loginAs(citizenId);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const [k, v] of Object.entries(expected)) {
      expect(result.identity[k as keyof typeof result.identity], k).toBe(v);
    }
  });

  it('accepts the callback as a query string, URLSearchParams or a parsed query object', async () => {
    for (const shape of ['query', 'params', 'object'] as const) {
      const start = await client.startLogin();
      const { callbackUrl } = await simulateCitizenLogin(start.url, { citizenId: 'angela-dubois-paris' });
      const u = new URL(callbackUrl);
      const input = shape === 'query' ? u.search : shape === 'params' ? u.searchParams : Object.fromEntries(u.searchParams);
      const result = await client.finishLogin(input, start);
      expect(result.ok, shape).toBe(true);
    }
  });

  it('gives a different sub to another service for the same citizen', async () => {
    const other = createFranceConnectClient(configFor(standin.issuerUrl, alg, OTHER_APP));
    const a = await loginAs('angela-dubois-paris');
    const b = await loginAs('angela-dubois-paris', other);
    const a2 = await loginAs('angela-dubois-paris');
    expect(a.result.ok && b.result.ok && a2.result.ok).toBe(true);
    if (!a.result.ok || !b.result.ok || !a2.result.ok) return;
    expect(a.result.sub).toBe(a2.result.sub);
    expect(b.result.sub).not.toBe(a.result.sub);
  });

  it('returns FC_ACCESS_DENIED when the person cancels', async () => {
    const start = await client.startLogin();
    const { callbackUrl } = await simulateCitizenLogin(start.url, 'cancel');
    const result = await client.finishLogin(callbackUrl, start);
    expect(result).toEqual({
      ok: false,
      error: { code: 'FC_ACCESS_DENIED', message: FC_ERROR_CATALOGUE.FC_ACCESS_DENIED.message },
    });
  });

  it('returns FC_CALLBACK_INVALID for a callback without parameters (in every shape)', async () => {
    const start = await client.startLogin();
    for (const input of ['', '?', APP.redirectUris[0]!, new URLSearchParams(), {}, new URL(APP.redirectUris[0]!)]) {
      const result = await client.finishLogin(input, start);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('FC_CALLBACK_INVALID');
    }
  });

  it('returns a French catalogued error for a provider error', async () => {
    const start = await client.startLogin();
    const result = await client.finishLogin(`?error=invalid_scope&error_description=x&state=${start.state}`, start);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('FC_PROVIDER_ERROR');
    expect(result.error.message).toMatch(/FranceConnect/);
  });

  it('refuses a callback whose state is not the expected one (before using the code)', async () => {
    const start = await client.startLogin();
    const { callbackUrl } = await simulateCitizenLogin(start.url, { citizenId: 'angela-dubois-paris' });
    const other = await client.startLogin();
    const wrong = await client.finishLogin(callbackUrl, { state: other.state, nonce: start.nonce });
    expect(wrong.ok === false && wrong.error.code).toBe('FC_STATE_MISMATCH');
    const noState = new URL(callbackUrl);
    noState.searchParams.delete('state');
    const missing = await client.finishLogin(noState, start);
    expect(missing.ok === false && missing.error.code).toBe('FC_STATE_MISMATCH');
    const repeated = await client.finishLogin(`${callbackUrl}&state=${start.state}`, start);
    expect(repeated.ok === false && repeated.error.code).toBe('FC_CALLBACK_INVALID');
    // The code was not spent by the refused attempts.
    expect((await client.finishLogin(callbackUrl, start)).ok).toBe(true);
  });

  it('refuses the stand-in ID token when the nonce is not the expected one', async () => {
    const start = await client.startLogin();
    const { callbackUrl } = await simulateCitizenLogin(start.url, { citizenId: 'angela-dubois-paris' });
    const result = await client.finishLogin(callbackUrl, { state: start.state, nonce: 'x'.repeat(43) });
    expect(result.ok === false && result.error.code).toBe('FC_ID_TOKEN_INVALID');
  });

  it('refuses a code replay', async () => {
    const { start, callbackUrl, result } = await loginAs('angela-dubois-paris');
    expect(result.ok).toBe(true);
    const replay = await client.finishLogin(callbackUrl, start);
    expect(replay.ok === false && replay.error.code).toBe('FC_TOKEN_REJECTED');
  });

  it('refuses an expired code', async () => {
    // The library reads the real clock: a stand-in whose codes live 1 s instead of 30 s.
    const shortLived = await startStandinProvider({ alg, keys: standin.keys, clients: [APP], codeTtlSeconds: 1 });
    try {
      const c = createFranceConnectClient(configFor(shortLived.issuerUrl, alg));
      const start = await c.startLogin();
      const { callbackUrl } = await simulateCitizenLogin(start.url, { citizenId: 'angela-dubois-paris' });
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const result = await c.finishLogin(callbackUrl, start);
      expect(result.ok === false && result.error.code).toBe('FC_TOKEN_REJECTED');
    } finally {
      await shortLived.close();
    }
  });

  it('builds the logout URL and checks the state of the return', async () => {
    const { result } = await loginAs('angela-dubois-paris');
    if (!result.ok) throw new Error('login failed');
    const state = 'l'.repeat(43);
    const url = new URL(await client.logoutUrl({ idToken: result.idToken, state }));
    expect(url.href.startsWith(`${standin.issuerUrl}/session/end?`)).toBe(true);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      id_token_hint: result.idToken,
      state,
      post_logout_redirect_uri: APP.postLogoutRedirectUris[0],
    });

    const { url: logout, state: logoutState } = await client.startLogout(result.idToken);
    expect(logoutState.length).toBeGreaterThanOrEqual(32);
    // The provider's end-session page submits its confirmation form by itself (as a browser would).
    const res = await simulateLogout(logout);
    expect(res.status).toBe(303);
    const back = res.backUrl!;
    expect(back.startsWith(APP.postLogoutRedirectUris[0]!)).toBe(true);
    expect(client.verifyLogoutState(back, logoutState)).toEqual({ ok: true });
    const bad = client.verifyLogoutState(back, 'z'.repeat(43));
    expect(bad.ok === false && bad.error.code).toBe('FC_LOGOUT_STATE_MISMATCH');
    const none = client.verifyLogoutState({}, logoutState);
    expect(none.ok === false && none.error.code).toBe('FC_LOGOUT_STATE_MISMATCH');
    const empty = client.verifyLogoutState(back, '');
    expect(empty.ok).toBe(false);
  });
});

describe('FranceConnect client configuration and availability', () => {
  const base = configFor('https://fcp-low.integ01.dev-franceconnect.fr/api/v2', 'ES256');

  it('validates the configuration at creation', () => {
    expect(() => createFranceConnectClient({ ...base, issuerUrl: 'pas une url' })).toThrow();
    expect(() => createFranceConnectClient({ ...base, clientSecret: '' })).toThrow();
    expect(() => createFranceConnectClient({ ...base, alg: 'HS256' as never })).toThrow();
    expect(() => createFranceConnectClient({ ...base, acr: 'eidas0' as never })).toThrow();
    expect(() => createFranceConnectClient({ ...base, issuerUrl: 'http://fc.example/api/v2', allowInsecureHttp: false })).toThrow(/https/);
    expect(() =>
      createFranceConnectClient({
        ...base,
        issuerUrl: 'https://fc.example/api/v2',
        redirectUri: 'https://app.example/cb',
        postLogoutRedirectUri: 'https://app.example/lo',
        allowInsecureHttp: false,
      }),
    ).not.toThrow();
  });

  it('refuses allowInsecureHttp in production', () => {
    expect(() => createFranceConnectClient({ ...base, production: true })).toThrow(/production/);
  });

  it('reports an unreachable provider as FC_PROVIDER_UNAVAILABLE, never as a raw error', async () => {
    const port = await freePort();
    const c = createFranceConnectClient({ ...base, issuerUrl: `http://127.0.0.1:${port}/api/v2`, timeoutSeconds: 2 });
    await expect(c.startLogin()).rejects.toBeInstanceOf(FranceConnectError);
    await expect(c.startLogin()).rejects.toMatchObject({ code: 'FC_PROVIDER_UNAVAILABLE' });
    const result = await c.finishLogin(`?code=abc&state=${'s'.repeat(43)}`, { state: 's'.repeat(43), nonce: 'n'.repeat(43) });
    expect(result.ok === false && result.error.code).toBe('FC_PROVIDER_UNAVAILABLE');
    await expect(c.logoutUrl({ idToken: 'x', state: 'y' })).rejects.toMatchObject({ code: 'FC_PROVIDER_UNAVAILABLE' });
  });

  it('every catalogued error has a French message, a support line and an HTTP status', () => {
    for (const [code, entry] of Object.entries(FC_ERROR_CATALOGUE)) {
      expect(code).toMatch(/^FC_[A-Z_]+$/);
      expect(entry.message.length).toBeGreaterThan(20);
      expect(entry.message).toMatch(/[éèàç]|Vous|Veuillez|FranceConnect/);
      expect(entry.support.length).toBeGreaterThan(10);
      expect(entry.status).toBeGreaterThanOrEqual(400);
    }
  });
});
