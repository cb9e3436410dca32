/**
 * The stand-in built on oidc-provider, seen from outside: FranceConnect v2's discovery, its stricter
 * rules on the authorization request, the chooser page, the signed userinfo, the key rotation.
 */
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateStandinKeys,
  simulateCitizenLogin,
  startStandinProvider,
  type RunningStandin,
  type StandinAlg,
  type StandinClient,
} from '../../src/franceconnect-standin';

const CLIENT: StandinClient = {
  clientId: 'service-test',
  clientSecret: 'service-test-secret-0123456789',
  redirectUris: ['http://localhost:4000/callback'],
  postLogoutRedirectUris: ['http://localhost:4000/logout-callback'],
  name: 'Service de test',
};
const STATE = 's'.repeat(43);
const NONCE = 'n'.repeat(43);

describe.each<StandinAlg>(['ES256', 'RS256'])('FranceConnect stand-in on oidc-provider (%s)', (alg) => {
  let standin: RunningStandin;
  beforeAll(async () => {
    standin = await startStandinProvider({ alg, clients: [CLIENT] });
  });
  afterAll(() => standin.close());

  const authorizeUrl = (overrides: Record<string, string | undefined> = {}) => {
    const url = new URL(`${standin.issuerUrl}/authorize`);
    const params: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: CLIENT.redirectUris[0],
      scope: 'openid given_name family_name birthdate gender birthplace birthcountry email',
      acr_values: 'eidas1',
      state: STATE,
      nonce: NONCE,
      ...overrides,
    };
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
    return url.href;
  };

  const exchange = async (code: string) => {
    const res = await fetch(`${standin.issuerUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: CLIENT.redirectUris[0]!,
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
      }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  it('publishes FranceConnect v2’s discovery: /api/v2, client_secret_post, one algorithm, eIDAS levels, RFC 9207', async () => {
    const meta = (await (await fetch(`${standin.issuerUrl}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(meta.issuer).toBe(standin.issuerUrl);
    expect(standin.issuerUrl).toMatch(/\/api\/v2$/);
    expect(meta.authorization_endpoint).toBe(`${standin.issuerUrl}/authorize`);
    expect(meta.end_session_endpoint).toBe(`${standin.issuerUrl}/session/end`);
    expect(meta.token_endpoint_auth_methods_supported).toEqual(['client_secret_post']);
    expect(meta.id_token_signing_alg_values_supported).toEqual([alg]);
    expect(meta.userinfo_signing_alg_values_supported).toEqual([alg]);
    expect(meta.acr_values_supported).toEqual(['eidas1', 'eidas2', 'eidas3']);
    expect(meta.subject_types_supported).toEqual(['pairwise']);
    expect(meta.authorization_response_iss_parameter_supported).toBe(true);
  });

  it.each<[string, Record<string, string | undefined>, RegExp]>([
    ['no nonce', { nonce: undefined }, /nonce est obligatoire/],
    ['a short nonce', { nonce: 'n'.repeat(31) }, /nonce doit comporter au moins 32/],
    ['no state', { state: undefined }, /state est obligatoire/],
    ['a short state', { state: 's'.repeat(31) }, /state doit comporter au moins 32/],
    ['no acr_values', { acr_values: undefined }, /acr_values est obligatoire/],
    ['acr_values eidas0', { acr_values: 'eidas0' }, /non supportée/],
    ['an unknown parameter', { code_challenge: 'x'.repeat(43) }, /non reconnu.*code_challenge/],
  ])('refuses %s back to the client with invalid_request (FranceConnect’s rule)', async (_name, overrides, description) => {
    const res = await fetch(authorizeUrl(overrides), { redirect: 'manual' });
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(CLIENT.redirectUris[0]);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(description);
    expect(back.searchParams.get('iss')).toBe(standin.issuerUrl);
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('answers an unknown client or redirect_uri with a French page, never a redirect', async () => {
    for (const overrides of [
      { client_id: 'inconnu', nonce: undefined },
      { redirect_uri: 'https://evil.example/cb', nonce: undefined },
    ]) {
      const res = await fetch(authorizeUrl(overrides), { redirect: 'manual' });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('lang="fr"');
      expect(html).toContain('Demande de connexion refusée');
    }
    const library = await fetch(authorizeUrl({ client_id: 'inconnu' }), { redirect: 'manual' });
    expect(library.status).toBe(400);
    expect(await library.text()).toContain('Erreur de FranceConnect (simulation)');
  });

  it('shows the test citizens in French, and « Annuler » returns access_denied with the state and iss', async () => {
    const { callbackUrl, loginPageHtml } = await simulateCitizenLogin(authorizeUrl(), 'cancel');
    expect(loginPageHtml).toContain('Se connecter avec une identité de test');
    expect(loginPageHtml).toContain('Service de test');
    expect(loginPageHtml).toContain('Angela Claire Louise');
    const back = new URL(callbackUrl);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(STATE);
    expect(back.searchParams.get('iss')).toBe(standin.issuerUrl);
  });

  it('refuses the chooser form without its token or without the interaction cookie', async () => {
    const first = await fetch(authorizeUrl(), { redirect: 'manual' });
    const page = new URL(first.headers.get('location')!, standin.issuerUrl);
    const cookie = first.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const html = await (await fetch(page, { headers: { cookie } })).text();
    const interactionId = /name="interactionId" value="([^"]+)"/.exec(html)![1]!;
    const post = (body: Record<string, string>, withCookie = true) =>
      fetch(`${page.href}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(withCookie ? { cookie } : {}) },
        body: new URLSearchParams(body),
        redirect: 'manual',
      });
    expect((await post({ interactionId, csrfToken: 'x'.repeat(43), citizenId: 'angela-dubois-paris' })).status).toBe(403);
    const csrfToken = /name="csrfToken" value="([^"]+)"/.exec(html)![1]!;
    expect((await post({ interactionId, csrfToken, citizenId: 'angela-dubois-paris' }, false)).status).toBe(400);
    const unknown = await post({ interactionId, csrfToken, citizenId: 'personne' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Choisissez un citoyen de test');
  });

  it('signs the ID token and the userinfo with its key, acr eidas1, pairwise sub', async () => {
    const { callbackUrl } = await simulateCitizenLogin(authorizeUrl(), { citizenId: 'angela-dubois-paris' });
    const code = new URL(callbackUrl).searchParams.get('code')!;
    const { status, body } = await exchange(code);
    expect(status).toBe(200);
    const header = decodeProtectedHeader(body.id_token!);
    expect(header).toMatchObject({ alg, kid: standin.keys.kid });
    const claims = JSON.parse(Buffer.from(body.id_token!.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ acr: 'eidas1', nonce: NONCE, aud: CLIENT.clientId, iss: standin.issuerUrl });
    expect(claims.sub).toMatch(/^[0-9a-f]{64}v1$/);
    expect(claims.given_name).toBeUndefined();
    const userinfo = await fetch(`${standin.issuerUrl}/userinfo`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(userinfo.headers.get('content-type')).toMatch(/^application\/jwt/);
    const jwt = await userinfo.text();
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg, kid: standin.keys.kid });
    // The code is single use.
    expect((await exchange(code)).body.error).toBe('invalid_grant');
    // A wrong secret is invalid_client.
    const wrong = await fetch(`${standin.issuerUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: 'x',
        redirect_uri: CLIENT.redirectUris[0]!,
        client_id: CLIENT.clientId,
        client_secret: 'faux',
      }),
    });
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('rotates its key: the new kid signs, both are published', async () => {
    const before = standin.keys;
    await standin.rotateKeys(await generateStandinKeys(alg));
    const jwks = (await (await fetch(`${standin.issuerUrl}/jwks`)).json()) as { keys: Array<{ kid: string; d?: string }> };
    expect(jwks.keys.map((k) => k.kid)).toEqual([standin.keys.kid, before.kid]);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
    const { callbackUrl } = await simulateCitizenLogin(authorizeUrl(), { citizenId: 'angela-dubois-paris' });
    const { body } = await exchange(new URL(callbackUrl).searchParams.get('code')!);
    expect(decodeProtectedHeader(body.id_token!).kid).toBe(standin.keys.kid);
  });
});
