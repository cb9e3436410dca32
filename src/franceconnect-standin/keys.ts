import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export type StandinAlg = 'ES256' | 'RS256';

/** Signing key of the stand-in. Generate once with {@link generateStandinKeys} and reuse (tests). */
export interface StandinKeys {
  readonly alg: StandinAlg;
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** Public JWK as published on `/jwks` (with kid, alg, use). */
  readonly publicJwk: JWK;
}

export async function generateStandinKeys(alg: StandinAlg, kid: string = randomUUID()): Promise<StandinKeys> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { alg, kid, privateKey, publicJwk };
}

/** Serialisable form, to keep the same keys across restarts of the dev stand-in. */
export interface StoredStandinKeys {
  alg: StandinAlg;
  kid: string;
  privateJwk: JWK;
}

export async function exportStandinKeys(keys: StandinKeys): Promise<StoredStandinKeys> {
  return { alg: keys.alg, kid: keys.kid, privateJwk: await exportJWK(keys.privateKey) };
}

export async function importStandinKeys(stored: StoredStandinKeys): Promise<StandinKeys> {
  const privateKey = (await importJWK(stored.privateJwk, stored.alg, { extractable: true })) as CryptoKey;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = stored.privateJwk;
  return {
    alg: stored.alg,
    kid: stored.kid,
    privateKey,
    publicJwk: { ...pub, kid: stored.kid, alg: stored.alg, use: 'sig' },
  };
}
