import { SignJWT, decodeJwt, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALGS, CLIENT_A, CLIENT_B, rnd, useStandin } from './provider.testkit';

describe.each(ALGS)('FranceConnect stand-in (%s)', (alg) => {
  const { fx, login, token, tokenBody } = useStandin(alg);

  describe('end session', () => {
    let idToken: string;
    beforeAll(async () => {
      const { code } = await login('angela-dubois-paris');
      idToken = (await (await token(tokenBody(code))).json()).id_token;
    });

    const endSession = (params: Record<string, string | undefined>) => {
      const url = new URL(`${fx.issuerUrl}/session/end`);
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
      fx.offsetMs = 3_600_000;
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
      const forged = await new SignJWT({ ...decodeJwt(idToken) }).setProtectedHeader({ alg, kid: fx.keys.kid }).sign(privateKey);
      const res = await endSession({ ...valid(), id_token_hint: forged });
      expect(res.status).toBe(400);
    });
  });
});
