import type { JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { ALGS, FULL_SCOPE, useStandin } from './provider.testkit';

describe.each(ALGS)('FranceConnect stand-in (%s)', (alg) => {
  const { fx } = useStandin(alg);

  describe('discovery and keys', () => {
    it('publishes a FranceConnect v2 discovery document', async () => {
      const res = await fetch(`${fx.issuerUrl}/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      const d = await res.json();
      expect(d).toMatchObject({
        issuer: fx.issuerUrl,
        authorization_endpoint: `${fx.issuerUrl}/authorize`,
        token_endpoint: `${fx.issuerUrl}/token`,
        userinfo_endpoint: `${fx.issuerUrl}/userinfo`,
        end_session_endpoint: `${fx.issuerUrl}/session/end`,
        jwks_uri: `${fx.issuerUrl}/jwks`,
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
      const res = await fetch(`${fx.issuerUrl}/jwks`);
      const body = (await res.json()) as { keys: JWK[] };
      expect(body.keys).toHaveLength(1);
      expect(body.keys[0]).toMatchObject({ kid: fx.keys.kid, alg, use: 'sig', kty: alg === 'ES256' ? 'EC' : 'RSA' });
      expect(body.keys[0]!.d).toBeUndefined();
    });
  });
});
