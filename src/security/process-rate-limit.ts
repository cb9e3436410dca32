import {
  type CounterRecord,
  hitRecord,
  type RateLimitResult,
  type Reservation,
  type ReservePolicy,
  releaseRecord,
  reserveRecord,
  UnbatchedRateLimiter,
} from './rate-limit';

/**
 * Fixed-window counters in the memory of this process, with expired windows swept as they are met.
 *
 * Production uses it for one thing: the assistant's limit while the database cannot answer
 * (src/context.ts, behind a FallbackRateLimiter). That limit is one of capacity, not of guesses, so
 * counting per process for a while is enough — and the assistant keeps answering during a lock
 * instead of a 503. Never the store of a limit against guessing (login, codes): instances do not
 * share it and a restart empties it. Tests and tools use it as their in-memory store
 * (test/support/rate-limiter.ts).
 */
export class ProcessRateLimiter extends UnbatchedRateLimiter {
  private records = new Map<string, CounterRecord>();
  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    const t = this.now();
    const { next, result } = hitRecord(this.records.get(key), t, limit, windowMs);
    this.records.set(key, next);
    if (this.records.size > 100_000) this.sweep(t, windowMs);
    return result;
  }

  async peek(key: string, windowMs: number): Promise<number> {
    const r = this.records.get(key);
    return r && this.now() - r.windowStart < windowMs ? r.count : 0;
  }

  async reset(key: string): Promise<void> {
    this.records.delete(key);
  }

  async block(key: string, ms: number): Promise<void> {
    const t = this.now();
    const r = this.records.get(key) ?? { windowStart: t, count: 0, blockedUntil: 0 };
    this.records.set(key, { ...r, blockedUntil: t + ms });
  }

  async blockedFor(key: string): Promise<number> {
    const r = this.records.get(key);
    return r ? Math.max(0, r.blockedUntil - this.now()) : 0;
  }

  async reserve(key: string, p: ReservePolicy): Promise<Reservation> {
    const t = this.now();
    const { next, result } = reserveRecord(this.records.get(key), t, p);
    this.records.set(key, next);
    if (this.records.size > 100_000) this.sweep(t, p.windowMs);
    return result;
  }

  async release(key: string, p: ReservePolicy, token: number): Promise<void> {
    const next = releaseRecord(this.records.get(key), p, token);
    if (next) this.records.set(key, next);
  }

  private sweep(t: number, windowMs: number): void {
    for (const [k, r] of this.records) if (t - r.windowStart >= windowMs && r.blockedUntil <= t) this.records.delete(k);
  }
}
