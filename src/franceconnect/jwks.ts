/**
 * The provider's public keys (JWKS), shared by every login of the process.
 *
 * Kept for at most 5 minutes (openid-client's own rule), refetched at once when a token names a
 * `kid` the cache does not hold (the provider has rotated its key). Concurrent downloads are merged
 * into one, so a rotation under load costs one request, not one per login.
 */
export interface JwksSnapshot {
  jwks: { keys: Array<Record<string, unknown>> };
  /** Epoch seconds of the download (openid-client's `uat`). */
  uat: number;
}

const MAX_AGE_SECONDS = 300;
/** Refresh a little before openid-client would consider the snapshot stale. */
const REFRESH_AFTER_SECONDS = MAX_AGE_SECONDS - 30;

export interface JwksCache {
  /** A snapshot younger than 5 minutes (downloaded when there is none). */
  current(jwksUri: string): Promise<JwksSnapshot>;
  /** Downloads the keys now (merged with a download already under way). */
  refresh(jwksUri: string): Promise<JwksSnapshot>;
  /** Whether the last snapshot holds a key with this `kid`. */
  knows(kid: string): boolean;
}

export function createJwksCache(o: { timeoutSeconds: number; now?: () => number }): JwksCache {
  const now = o.now ?? (() => Math.floor(Date.now() / 1000));
  let snapshot: JwksSnapshot | undefined;
  let inflight: Promise<JwksSnapshot> | undefined;

  const refresh = (jwksUri: string): Promise<JwksSnapshot> => {
    inflight ??= download(jwksUri, o.timeoutSeconds, now)
      .then((s) => {
        snapshot = s;
        return s;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };

  return {
    current: async (jwksUri) => (snapshot && now() - snapshot.uat < REFRESH_AFTER_SECONDS ? snapshot : refresh(jwksUri)),
    refresh,
    knows: (kid) => snapshot?.jwks.keys.some((k) => k.kid === kid) ?? false,
  };
}

async function download(jwksUri: string, timeoutSeconds: number, now: () => number): Promise<JwksSnapshot> {
  const response = await fetch(jwksUri, {
    headers: { accept: 'application/json, application/jwk-set+json' },
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutSeconds * 1000),
  });
  if (response.status !== 200) throw new Error(`JWKS answered HTTP ${response.status}`);
  const body = (await response.json()) as unknown;
  const keys = (body as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'object' && k !== null && !Array.isArray(k))) {
    throw new Error('JWKS without a keys array');
  }
  return { jwks: { keys: keys as Array<Record<string, unknown>> }, uat: now() };
}
