import { decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { pairwiseSubject, type StandinClient } from '../../../src/franceconnect-standin/provider';
import { ALGS, CLIENT_A, CLIENT_B, rnd, useStandin } from './provider.testkit';

describe.each(ALGS)('FranceConnect stand-in (%s)', (alg) => {
  const { fx, login, token, tokenBody, jwks } = useStandin(alg);

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
        issuer: fx.issuerUrl,
        audience: CLIENT_A.clientId,
        algorithms: [alg],
      });
      expect(protectedHeader.kid).toBe(fx.keys.kid);
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
      const ui = await fetch(`${fx.issuerUrl}/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
      expect(ui.status).toBe(401);
    });

    it('accepts a code at 29 s and refuses it at 31 s', async () => {
      const early = await login('angela-dubois-paris');
      fx.offsetMs = 29_000;
      expect((await token(tokenBody(early.code))).status).toBe(200);
      fx.offsetMs = 0;
      const late = await login('angela-dubois-paris');
      fx.offsetMs = 31_000;
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
      const json = await fetch(`${fx.issuerUrl}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(tokenBody(code)),
      });
      expect(json.status).toBe(400);
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
});
