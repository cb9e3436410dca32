import type { KeyPolicy, KeyRelease, RateLimiter, RateLimitResult, Reservation, ReservePolicy } from './rate-limit';
import { isRedisUnavailable } from './redis';

/** When a call goes to the fallback, and what the log says when the fallback starts and ends. */
export interface FallbackOptions {
  /** the primary's failures that send a call to the fallback (any other error propagates) */
  isUnavailable(e: unknown): boolean;
  messages: { down: string; up: string };
  /** while degraded, the primary is tried at most this often, the calls in between go straight to the fallback (0: every call tries it) */
  probeEveryMs: number;
}

/** Redis, with the database's counters behind it (every call tries Redis first: it fails fast). */
export const REDIS_FALLBACK: FallbackOptions = {
  isUnavailable: isRedisUnavailable,
  messages: {
    down: 'rate limits: Redis unreachable, counters in the database until it is back',
    up: 'rate limits: Redis answers again, counters back in Redis',
  },
  probeEveryMs: 0,
};

/**
 * Counters with a safe fallback: when the primary store cannot answer, calls go to the fallback's
 * counters instead — limits go on, never « unlimited because a store is down ».
 *
 * The login's throttle (REDIS_FALLBACK): Redis, and the database's counters (shared by the
 * instances, persisted) while Redis is down. Counts made during the outage stay in the database;
 * when Redis is back, counting resumes there (an attacker gains at most one fresh window per
 * outage, and the outage is logged and shown by /ready).
 *
 * Limits that protect capacity rather than a secret (the assistant: src/journeys/assistant/pages.ts)
 * fall back the same way from the shared counters to memory while the database cannot answer
 * (locked, restarting): the service answers instead of a 503, each instance counting on its own for
 * the outage, and probing the database again every few seconds rather than waiting on it at each call.
 */
export class FallbackRateLimiter implements RateLimiter {
  private degradedSince: number | undefined;
  private lastProbe = 0;
  constructor(
    private readonly primary: RateLimiter,
    private readonly fallback: RateLimiter,
    private readonly log: (line: string) => void = (l) => console.warn(l),
    private readonly o: FallbackOptions = REDIS_FALLBACK,
  ) {}

  /** Since when the fallback is in use (undefined: the primary answers). */
  get degraded(): number | undefined {
    return this.degradedSince;
  }

  private async run<T>(f: (l: RateLimiter) => Promise<T>): Promise<T> {
    if (this.degradedSince !== undefined && this.o.probeEveryMs > 0) {
      if (Date.now() - this.lastProbe < this.o.probeEveryMs) return f(this.fallback);
      this.lastProbe = Date.now();
    }
    try {
      const r = await f(this.primary);
      if (this.degradedSince !== undefined) {
        this.degradedSince = undefined;
        this.log(this.o.messages.up);
      }
      return r;
    } catch (e) {
      if (!this.o.isUnavailable(e)) throw e;
      if (this.degradedSince === undefined) {
        this.degradedSince = Date.now();
        this.lastProbe = this.degradedSince;
        this.log(this.o.messages.down);
      }
      return f(this.fallback);
    }
  }

  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    return this.run((l) => l.hit(key, limit, windowMs));
  }
  peek(key: string, windowMs: number): Promise<number> {
    return this.run((l) => l.peek(key, windowMs));
  }
  reset(key: string): Promise<void> {
    return this.run((l) => l.reset(key));
  }
  block(key: string, ms: number): Promise<void> {
    return this.run((l) => l.block(key, ms));
  }
  blockedFor(key: string): Promise<number> {
    return this.run((l) => l.blockedFor(key));
  }
  reserve(key: string, p: ReservePolicy): Promise<Reservation> {
    return this.run((l) => l.reserve(key, p));
  }
  release(key: string, p: ReservePolicy, token: number): Promise<void> {
    return this.run((l) => l.release(key, p, token));
  }
  reserveInOrder(entries: readonly KeyPolicy[]): Promise<Reservation[]> {
    return this.run((l) => l.reserveInOrder(entries));
  }
  releaseAll(entries: readonly KeyRelease[]): Promise<void> {
    return this.run((l) => l.releaseAll(entries));
  }
}
