import { randomBytes } from 'node:crypto';
import { SignJWT, createLocalJWKSet, decodeJwt, generateKeyPair, jwtVerify, type JWK } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateStandinKeys, type StandinAlg, type StandinKeys } from './keys';
import { STANDIN_TITLE } from './pages';
import { pairwiseSubject, startStandinProvider, type RunningStandin, type StandinClient } from './provider';
import { simulateCitizenLogin } from './simulate';

const rnd = () => randomBytes(32).toString('base64url'); // 43 characters

const CLIENT_A: StandinClient = {
  clientId: 'client-a',
  clientSecret: 'secret-a-0123456789',
  redirectUris: ['http://app-a.test/callback'],
  postLogoutRedirectUris: ['http://app-a.test/logout-callback'],
  name: 'Application A',
};
const CLIENT_B: StandinClient = {
  clientId: 'client-b',
  clientSecret: 'secret-b-0123456789',
  redirectUris: ['http://app-b.test/callback'],
  postLogoutRedirectUris: ['http://app-b.test/logout-callback'],
};
const FULL_SCOPE = 'openid given_name family_name birthdate gender birthplace birthcountry email preferred_username';

describe.each<StandinAlg>(['ES256', 'RS256'])('FranceConnect stand-in (%s)', (alg) => {
  let keys: StandinKeys;
  let standin: RunningStandin;
  let offsetMs = 0;

  beforeAll(async () => {
    keys = await generateStandinKeys(alg);
    standin = await startStandinProvider({
      alg,
      keys,
      clients: [CLIENT_A, CLIENT_B],
      now: () => Date.now() + offsetMs,
    });
  });
  afterAll(() => standin.close());
  beforeEach(() => {
    offsetMs = 0;
  });

  const authorizeUrl = (overrides: Record<string, string | undefined> = {}, client = CLIENT_A) => {
    const url = new URL(`${standin.issuerUrl}/authorize`);
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
    fetch(`${standin.issuerUrl}/token`, {
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

  const jwks = () => createLocalJWKSet({ keys: [keys.publicJwk] });

  describe('discovery and keys', () => {
    it('publishes a FranceConnect v2 discovery document', async () => {
      const res = await fetch(`${standin.issuerUrl}/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      const d = await res.json();
      expect(d).toMatchObject({
        issuer: standin.issuerUrl,
        authorization_endpoint: `${standin.issuerUrl}/authorize`,
        token_endpoint: `${standin.issuerUrl}/token`,
        userinfo_endpoint: `${standin.issuerUrl}/userinfo`,
        end_session_endpoint: `${standin.issuerUrl}/session/end`,
        jwks_uri: `${standin.issuerUrl}/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        token_endpoint_auth_methods_supported: ['client_secret_post'],
        acr_values_supported: ['eidas1', 'eidas2', 'eidas3'],
        id_token_signing_alg_values_supported: [alg],
        userinfo_signing_alg_values_supported: [alg],
      });
      expect(d.scopes_supported).toEqual(expect.arrayContaining(FULL_SCOPE.split(' ')));
      expect(d.code_challenge_methods_supported).toBeUndefined();
    });

    it('publishes only the public key', async () => {
      const res = await fetch(`${standin.issuerUrl}/jwks`);
      const body = (await res.json()) as { keys: JWK[] };
      expect(body.keys).toHaveLength(1);
      expect(body.keys[0]).toMatchObject({ kid: keys.kid, alg, use: 'sig', kty: alg === 'ES256' ? 'EC' : 'RSA' });
      expect(body.keys[0]!.d).toBeUndefined();
    });
  });

  describe('authorize', () => {
    it('sends the browser to an accessible French login page listing the test citizens', async () => {
      const { status, location } = await authorizeRedirect(authorizeUrl());
      expect(status).toBe(303);
      expect(location.pathname).toMatch(/^\/api\/v2\/interaction\/[\w-]+$/);
      const page = await fetch(location);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('<html lang="fr">');
      expect(html).toContain(STANDIN_TITLE.replace("'", '&#39;'));
      expect(html).toContain('name="csrfToken"');
      expect(html).toContain('name="interactionId"');
      expect(html).toContain('<legend>');
      expect(html).toContain('Annuler');
      expect(html).toContain('Application A');
      expect(html).toContain('DUBOIS');
      expect(html).not.toMatch(/<script/i);
    });

    it('also accepts POST /authorize', async () => {
      const url = authorizeUrl();
      const res = await fetch(`${standin.issuerUrl}/authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: url.searchParams,
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/\/interaction\//);
    });

    const refusals: Array<[string, Record<string, string | undefined>, string]> = [
      ['PKCE code_challenge', { code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' }, 'invalid_request'],
      ['an unknown parameter', { ui_locales: 'fr' }, 'invalid_request'],
      ['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
      ['response_type missing', { response_type: undefined }, 'invalid_request'],
      ['a nonce of 31 characters', { nonce: 'n'.repeat(31) }, 'invalid_request'],
      ['no nonce', { nonce: undefined }, 'invalid_request'],
      ['a state of 31 characters', { state: 's'.repeat(31) }, 'invalid_request'],
      ['no acr_values', { acr_values: undefined }, 'invalid_request'],
      ['acr_values=eidas0', { acr_values: 'eidas0' }, 'invalid_request'],
      ['acr_values=loa1', { acr_values: 'loa1' }, 'invalid_request'],
      ['a scope without openid', { scope: 'given_name family_name' }, 'invalid_scope'],
      ['an unknown scope', { scope: 'openid profile address' }, 'invalid_scope'],
      ['prompt=none', { prompt: 'none' }, 'invalid_request'],
      ['a claims parameter that is not JSON', { claims: '{oops' }, 'invalid_request'],
    ];
    it.each(refusals)('refuses %s and says so to the client with its state', async (_name, overrides, error) => {
      const url = authorizeUrl(overrides);
      const { status, location } = await authorizeRedirect(url);
      expect(status).toBe(303);
      expect(location.origin + location.pathname).toBe(CLIENT_A.redirectUris[0]);
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('error_description')).toBeTruthy();
      expect(location.searchParams.get('code')).toBeNull();
      const state = url.searchParams.get('state');
      if (state) expect(location.searchParams.get('state')).toBe(state);
    });

    it('refuses a missing state (error sent without state)', async () => {
      const { location } = await authorizeRedirect(authorizeUrl({ state: undefined }));
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.has('state')).toBe(false);
    });

    it('refuses a repeated parameter', async () => {
      const url = authorizeUrl();
      url.searchParams.append('nonce', rnd());
      const { location } = await authorizeRedirect(url);
      expect(location.searchParams.get('error')).toBe('invalid_request');
    });

    it('accepts eidas2/eidas3 requests, prompt=login consent, idp_hint and claims', async () => {
      for (const overrides of [
        { acr_values: 'eidas2' },
        { acr_values: 'eidas1 eidas3' },
        { prompt: 'login consent', idp_hint: 'fi-demonstration', claims: '{"id_token":{"amr":{"essential":true}}}' },
      ]) {
        const { location } = await authorizeRedirect(authorizeUrl(overrides));
        expect(location.pathname).toMatch(/\/interaction\//);
      }
    });

    it.each<[string, Record<string, string | undefined>]>([
      ['an unknown client_id', { client_id: 'client-z' }],
      ['no client_id', { client_id: undefined }],
      ['an unregistered redirect_uri', { redirect_uri: 'http://evil.test/callback' }],
      ['a redirect_uri of another client', { redirect_uri: CLIENT_B.redirectUris[0] }],
      ['no redirect_uri', { redirect_uri: undefined }],
    ])('shows a French error page (no redirect) for %s', async (_name, overrides) => {
      const res = await fetch(authorizeUrl(overrides), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      const html = await res.text();
      expect(html).toContain('lang="fr"');
      expect(html).toContain('Connexion impossible');
    });
  });

  describe('login page', () => {
    it('« Annuler » returns access_denied with the state', async () => {
      const url = authorizeUrl();
      const { callbackUrl } = await simulateCitizenLogin(url.href, 'cancel');
      const cb = new URL(callbackUrl);
      expect(cb.searchParams.get('error')).toBe('access_denied');
      expect(cb.searchParams.get('error_description')).toBeTruthy();
      expect(cb.searchParams.get('state')).toBe(url.searchParams.get('state'));
      expect(cb.searchParams.get('code')).toBeNull();
    });

    it('refuses a form without the right CSRF token, and a replayed interaction', async () => {
      const { location } = await authorizeRedirect(authorizeUrl());
      const html = await (await fetch(location)).text();
      const interactionId = /name="interactionId" value="([^"]+)"/.exec(html)![1]!;
      const csrfToken = /name="csrfToken" value="([^"]+)"/.exec(html)![1]!;
      const post = (body: Record<string, string>) =>
        fetch(`${location.href}/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(body),
          redirect: 'manual',
        });
      expect((await post({ interactionId, csrfToken: 'x'.repeat(43), citizenId: 'angela-dubois-paris' })).status).toBe(403);
      expect((await post({ interactionId, citizenId: 'angela-dubois-paris' })).status).toBe(403);
      const unknownCitizen = await post({ interactionId, csrfToken, citizenId: 'nobody' });
      expect(unknownCitizen.status).toBe(400);
      expect(await unknownCitizen.text()).toContain('Choisissez un citoyen');
      expect((await post({ interactionId, csrfToken, citizenId: 'angela-dubois-paris' })).status).toBe(303);
      expect((await post({ interactionId, csrfToken, citizenId: 'angela-dubois-paris' })).status).toBe(400);
    });

    it('returns a code and the state to the registered redirect_uri', async () => {
      const { cb, state, code } = await login('angela-dubois-paris');
      expect(cb.origin + cb.pathname).toBe(CLIENT_A.redirectUris[0]);
      expect(cb.searchParams.get('state')).toBe(state);
      expect(code.length).toBeGreaterThanOrEqual(32);
    });
  });

  describe('token endpoint', () => {
    it('issues a 60 s access token and a signed ID token like FranceConnect, without refresh token', async () => {
      const { code, nonce } = await login('angela-dubois-paris');
      const res = await token(tokenBody(code));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await res.json();
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 60 });
      expect(body.refresh_token).toBeUndefined();
      const { payload, protectedHeader } = await jwtVerify(body.id_token, jwks(), {
        issuer: standin.issuerUrl,
        audience: CLIENT_A.clientId,
        algorithms: [alg],
      });
      expect(protectedHeader.kid).toBe(keys.kid);
      expect(payload).toMatchObject({ nonce, acr: 'eidas1' });
      expect(payload.exp! - payload.iat!).toBe(60);
      expect(typeof payload.auth_time).toBe('number');
      expect(typeof payload.at_hash).toBe('string');
      expect(payload.amr).toBeUndefined(); // only when asked through the claims parameter, as FranceConnect
      expect(payload.sub).toMatch(/^[0-9a-f]{64}v1$/);
      expect(payload.sub).toBe(pairwiseSubject('franceconnect-standin-development-only', 'angela-dubois-paris', CLIENT_A.clientId));
    });

    it('adds amr when the claims parameter asks for it', async () => {
      const { code } = await login('angela-dubois-paris', { claims: '{"id_token":{"amr":{"essential":true}}}' });
      const body = await (await token(tokenBody(code))).json();
      expect(decodeJwt(body.id_token).amr).toEqual(['pwd']);
    });

    it('refuses a code used twice, and revokes what the first use gave', async () => {
      const { code } = await login('angela-dubois-paris');
      const first = await token(tokenBody(code));
      expect(first.status).toBe(200);
      const { access_token } = await first.json();
      const second = await token(tokenBody(code));
      expect(second.status).toBe(400);
      expect(await second.json()).toMatchObject({ error: 'invalid_grant' });
      const ui = await fetch(`${standin.issuerUrl}/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
      expect(ui.status).toBe(401);
    });

    it('accepts a code at 29 s and refuses it at 31 s', async () => {
      const early = await login('angela-dubois-paris');
      offsetMs = 29_000;
      expect((await token(tokenBody(early.code))).status).toBe(200);
      offsetMs = 0;
      const late = await login('angela-dubois-paris');
      offsetMs = 31_000;
      const res = await token(tokenBody(late.code));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
    });

    it('accepts client_secret_post only', async () => {
      const { code } = await login('angela-dubois-paris');
      const { client_id, client_secret, ...rest } = tokenBody(code);
      const basic = Buffer.from(`${client_id}:${client_secret}`).toString('base64');
      const res = await token(rest, { authorization: `Basic ${basic}` });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'invalid_client' });
      const wrong = await token({ ...tokenBody(code), client_secret: 'wrong' });
      expect(wrong.status).toBe(401);
      const other = await token({ ...tokenBody(code), client_id: CLIENT_B.clientId, client_secret: CLIENT_B.clientSecret });
      expect(other.status).toBe(400);
      expect(await other.json()).toMatchObject({ error: 'invalid_grant' });
      // The code was not consumed by the refused attempts.
      expect((await token(tokenBody(code))).status).toBe(200);
    });

    it('refuses PKCE code_verifier, another grant type, a different redirect_uri, a JSON body', async () => {
      const { code } = await login('angela-dubois-paris');
      expect(await (await token({ ...tokenBody(code), code_verifier: rnd() + rnd() })).json()).toMatchObject({ error: 'invalid_request' });
      expect(await (await token({ ...tokenBody(code), grant_type: 'refresh_token' })).json()).toMatchObject({
        error: 'unsupported_grant_type',
      });
      expect(await (await token({ ...tokenBody(code), redirect_uri: 'http://app-a.test/other' })).json()).toMatchObject({
        error: 'invalid_grant',
      });
      const json = await fetch(`${standin.issuerUrl}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(tokenBody(code)),
      });
      expect(json.status).toBe(400);
    });
  });

  describe('userinfo', () => {
    const userinfo = async (citizenId: string, scope = FULL_SCOPE) => {
      const { code } = await login(citizenId, { scope });
      const { access_token, id_token } = await (await token(tokenBody(code))).json();
      const res = await fetch(`${standin.issuerUrl}/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
      return { res, access_token, id_token };
    };

    it('returns a signed JWT (application/jwt) with the pivot identity', async () => {
      const { res, id_token } = await userinfo('sophie-martin-nom-usage');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/jwt/);
      const { payload } = await jwtVerify(await res.text(), jwks(), {
        issuer: standin.issuerUrl,
        audience: CLIENT_A.clientId,
        algorithms: [alg],
      });
      expect(payload).toMatchObject({
        sub: decodeJwt(id_token).sub,
        given_name: 'Sophie Anne',
        family_name: 'MARTIN',
        preferred_username: 'LEROY',
        birthdate: '1985-06-15',
        gender: 'female',
        birthplace: '69383',
        birthcountry: '99100',
        email: 'sophie.leroy@example.com',
      });
    });

    it('releases only the claims of the requested scopes, and omits a missing e-mail', async () => {
      const few = decodeJwt(await (await userinfo('angela-dubois-paris', 'openid given_name')).res.text());
      expect(few.given_name).toBe('Angela Claire Louise');
      expect(few.family_name).toBeUndefined();
      expect(few.birthdate).toBeUndefined();
      const noMail = decodeJwt(await (await userinfo('amandine-dufour-sans-email')).res.text());
      expect(noMail.email).toBeUndefined();
      expect(noMail.preferred_username).toBeUndefined();
      const unknownMonth = decodeJwt(await (await userinfo('youssef-benali-mois-inconnu')).res.text());
      expect(unknownMonth).toMatchObject({ birthdate: '1975-00-00', birthplace: '', birthcountry: '99350' });
    });

    it('refuses an access token after 60 s, and one passed in the query string', async () => {
      const { access_token } = await userinfo('angela-dubois-paris');
      const query = await fetch(`${standin.issuerUrl}/userinfo?access_token=${access_token}`);
      expect(query.status).toBe(401);
      offsetMs = 59_000;
      expect((await fetch(`${standin.issuerUrl}/userinfo`, { headers: { authorization: `Bearer ${access_token}` } })).status).toBe(200);
      offsetMs = 61_000;
      const late = await fetch(`${standin.issuerUrl}/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
      expect(late.status).toBe(401);
      expect(late.headers.get('www-authenticate')).toContain('invalid_token');
    });
  });

  describe('sub', () => {
    it('is stable for a client and different for each client', async () => {
      const subFor = async (client: StandinClient) => {
        const { code } = await login('angela-dubois-paris', {}, client);
        return decodeJwt((await (await token(tokenBody(code, client))).json()).id_token).sub;
      };
      const a1 = await subFor(CLIENT_A);
      const a2 = await subFor(CLIENT_A);
      const b = await subFor(CLIENT_B);
      expect(a1).toBe(a2);
      expect(b).not.toBe(a1);
      expect(b).toMatch(/^[0-9a-f]{64}v1$/);
    });
  });

  describe('end session', () => {
    let idToken: string;
    beforeAll(async () => {
      const { code } = await login('angela-dubois-paris');
      idToken = (await (await token(tokenBody(code))).json()).id_token;
    });

    const endSession = (params: Record<string, string | undefined>) => {
      const url = new URL(`${standin.issuerUrl}/session/end`);
      for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
      return fetch(url, { redirect: 'manual' });
    };
    const valid = () => ({
      id_token_hint: idToken,
      state: rnd(),
      post_logout_redirect_uri: CLIENT_A.postLogoutRedirectUris[0],
    });

    it('redirects to the registered post-logout URI with the state', async () => {
      const params = valid();
      const res = await endSession(params);
      expect(res.status).toBe(303);
      const location = new URL(res.headers.get('location')!);
      expect(location.origin + location.pathname).toBe(CLIENT_A.postLogoutRedirectUris[0]);
      expect(location.searchParams.get('state')).toBe(params.state);
    });

    it('still accepts an expired ID token as hint', async () => {
      offsetMs = 3_600_000;
      expect((await endSession(valid())).status).toBe(303);
    });

    it.each<[string, (v: ReturnType<typeof valid>) => Record<string, string | undefined>]>([
      ['no state', (v) => ({ ...v, state: undefined })],
      ['a short state', (v) => ({ ...v, state: 'abc' })],
      ['no id_token_hint', (v) => ({ ...v, id_token_hint: undefined })],
      ['a garbage id_token_hint', (v) => ({ ...v, id_token_hint: 'abc.def.ghi' })],
      ['no post_logout_redirect_uri', (v) => ({ ...v, post_logout_redirect_uri: undefined })],
      ['an unregistered post_logout_redirect_uri', (v) => ({ ...v, post_logout_redirect_uri: 'http://evil.test/logout' })],
      ['the post-logout URI of another client', (v) => ({ ...v, post_logout_redirect_uri: CLIENT_B.postLogoutRedirectUris[0] })],
      ['a client_id that is not the audience', (v) => ({ ...v, client_id: CLIENT_B.clientId })],
      ['an unknown parameter', (v) => ({ ...v, foo: 'bar' })],
    ])('refuses %s with a French error page', async (_name, mutate) => {
      const res = await endSession(mutate(valid()));
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('lang="fr"');
    });

    it('refuses an id_token_hint it did not sign', async () => {
      const { privateKey } = await generateKeyPair(alg);
      const forged = await new SignJWT({ ...decodeJwt(idToken) })
        .setProtectedHeader({ alg, kid: keys.kid })
        .sign(privateKey);
      const res = await endSession({ ...valid(), id_token_hint: forged });
      expect(res.status).toBe(400);
    });
  });
});
