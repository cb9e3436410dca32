import type { KeyPolicy, KeyRelease, RateLimiter, RateLimitResult, Reservation, ReservePolicy } from './rate-limit';
import { isRedisUnavailable } from './redis';

/**
 * Redis counters with a safe fallback: when Redis cannot answer, every call goes to the database's
 * counters instead (shared by the instances, persisted) — throttling goes on, never « unlimited
 * guesses because Redis is down ». Counts made during the outage stay in the database; when Redis
 * is back, counting resumes there (an attacker gains at most one fresh window per outage, and the
 * outage is logged and shown by /ready).
 */
export class FallbackRateLimiter implements RateLimiter {
  private degradedSince: number | undefined;
  constructor(
    private readonly primary: RateLimiter,
    private readonly fallback: RateLimiter,
    private readonly log: (line: string) => void = (l) => console.warn(l),
  ) {}

  /** Since when the fallback is in use (undefined: Redis answers). */
  get degraded(): number | undefined {
    return this.degradedSince;
  }

  private async run<T>(f: (l: RateLimiter) => Promise<T>): Promise<T> {
    try {
      const r = await f(this.primary);
      if (this.degradedSince !== undefined) {
        this.degradedSince = undefined;
        this.log('rate limits: Redis answers again, counters back in Redis');
      }
      return r;
    } catch (e) {
      if (!isRedisUnavailable(e)) throw e;
      if (this.degradedSince === undefined) {
        this.degradedSince = Date.now();
        this.log('rate limits: Redis unreachable, counters in the database until it is back');
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
