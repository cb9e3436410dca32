/**
 * The JWTs of the stand-in: ID tokens (token endpoint) and userinfo responses, signed with its one
 * key (ES256 or RS256, `kid` in the header), and the check of an `id_token_hint` at logout.
 */
import { createHash } from 'node:crypto';
import { SignJWT, compactVerify, decodeProtectedHeader, importJWK, type CryptoKey, type JWTPayload } from 'jose';
import type { TestCitizen } from './citizens';
import { DELIVERED_ACR, DELIVERED_AMR, pairwiseSubject, releasedClaims } from './claims';
import type { StandinKeys } from './keys';
import type { AuthorizationCode } from './stores';

/** Lifetime of an ID token and of a userinfo JWT. */
export const ID_TOKEN_TTL_SECONDS = 60;

export interface Signer {
  signIdToken(code: AuthorizationCode, accessToken: string): Promise<string>;
  signUserinfo(citizen: TestCitizen, clientId: string, scopes: readonly string[]): Promise<string>;
  /** Claims of an ID token this stand-in signed (expired or not); throws otherwise. */
  verifyIssuedIdToken(jwt: string): Promise<JWTPayload & { aud: string }>;
}

/** OpenID Connect `at_hash` for SHA-256 algorithms: left half of the hash, base64url. */
function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

export async function createSigner(o: {
  keys: StandinKeys;
  issuer: () => string;
  subjectSecret: string;
  nowSeconds: () => number;
}): Promise<Signer> {
  const { keys, issuer, subjectSecret, nowSeconds } = o;
  const publicKey = (await importJWK(keys.publicJwk, keys.alg)) as CryptoKey;
  const sign = (payload: JWTPayload) =>
    new SignJWT(payload).setProtectedHeader({ alg: keys.alg, kid: keys.kid, typ: 'JWT' }).sign(keys.privateKey);

  return {
    signIdToken(code, accessToken) {
      const iat = nowSeconds();
      return sign({
        iss: issuer(),
        sub: pairwiseSubject(subjectSecret, code.citizenId, code.clientId),
        aud: code.clientId,
        exp: iat + ID_TOKEN_TTL_SECONDS,
        iat,
        auth_time: code.authTime,
        nonce: code.nonce,
        acr: DELIVERED_ACR,
        ...(code.amrRequested ? { amr: DELIVERED_AMR } : {}),
        at_hash: atHash(accessToken),
      });
    },

    signUserinfo(citizen, clientId, scopes) {
      const iat = nowSeconds();
      return sign({
        ...releasedClaims(citizen, scopes),
        sub: pairwiseSubject(subjectSecret, citizen.id, clientId),
        iss: issuer(),
        aud: clientId,
        iat,
        exp: iat + ID_TOKEN_TTL_SECONDS,
      });
    },

    async verifyIssuedIdToken(jwt) {
      // The signature and the issuer are checked; an expired ID token is still a valid hint.
      const header = decodeProtectedHeader(jwt);
      if (header.alg !== keys.alg) throw new Error('alg');
      const { payload } = await compactVerify(jwt, publicKey, { algorithms: [keys.alg] });
      const claims = JSON.parse(new TextDecoder().decode(payload)) as JWTPayload;
      if (claims.iss !== issuer() || typeof claims.aud !== 'string') throw new Error('claims');
      return claims as JWTPayload & { aud: string };
    },
  };
}
