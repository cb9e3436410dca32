import { Redis } from 'ioredis';

/**
 * The Redis connection shared by sessions and rate limits (REDIS_URL), set up to fail fast: when
 * Redis is down a command fails at once (no offline queue; `commandTimeoutMs`, from
 * REDIS_COMMAND_TIMEOUT_MS, 1 s by default) instead of holding the request, while the client keeps
 * reconnecting in the background (every 0.2 s … 2 s).
 * `RedisHealth` follows the connection for /ready and logs each change once.
 */
export interface RedisHealth {
  readonly url: string;
  /** true while the connection is up */
  readonly up: boolean;
  /** since when it is down (epoch ms), or undefined */
  readonly downSince: number | undefined;
}

export interface SharedRedis {
  redis: Redis;
  health: RedisHealth;
  /** Resolves when connected, or after `ms` (then the service starts degraded and says so). */
  ready(ms?: number): Promise<boolean>;
  close(): Promise<void>;
}

export function connectRedis(
  url: string,
  log: (line: string) => void = (l) => console.warn(l),
  o: { commandTimeoutMs?: number } = {},
): SharedRedis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    commandTimeout: o.commandTimeoutMs ?? 1000,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  const state = { url: redactUrl(url), up: false, downSince: Date.now() as number | undefined };
  redis.on('ready', () => {
    if (!state.up && state.downSince !== undefined) log(`redis: connected (${state.url})`);
    state.up = true;
    state.downSince = undefined;
  });
  const down = (why: string) => {
    if (state.up) log(`redis: unreachable (${why}) — rate limits fall back on the database, sessions answer 503 until it is back`);
    if (state.up || state.downSince === undefined) state.downSince = Date.now();
    state.up = false;
  };
  // Without a listener ioredis would print every failed reconnection.
  redis.on('error', (e: Error) => down(e.message.slice(0, 100)));
  redis.on('close', () => down('connection closed'));
  return {
    redis,
    health: state,
    ready: (ms = 2000) =>
      state.up
        ? Promise.resolve(true)
        : new Promise((resolve) => {
            const t = setTimeout(() => resolve(false), ms);
            redis.once('ready', () => {
              clearTimeout(t);
              resolve(true);
            });
          }),
    close: async () => {
      redis.removeAllListeners('close');
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}

/** Whether an error means « Redis cannot answer now » (down, restarting, too slow). */
export function isRedisUnavailable(e: unknown): boolean {
  const err = e as { name?: unknown; message?: unknown };
  if (err?.name === 'MaxRetriesPerRequestError') return true;
  return (
    typeof err?.message === 'string' &&
    /enableOfflineQueue|Connection is closed|Command timed out|Stream isn't writeable|Reached the max retries/i.test(err.message)
  );
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = u.password ? '***' : '';
    return u.toString();
  } catch {
    return 'redis';
  }
}
