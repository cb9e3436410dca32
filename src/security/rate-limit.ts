/**
 * Counters for rate limits and throttling ("at most N events per key in a window").
 * In memory for a single instance; a Redis implementation shares them between instances
 * (chosen by the composition root when REDIS_URL is set).
 */
export interface RateLimitResult {
  allowed: boolean;
  /** events counted in the current window, this one included */
  count: number;
  /** when refused: how long before the next event is allowed */
  retryAfterMs: number;
}

export interface RateLimiter {
  /** Counts one event for `key` and says whether it is within `limit` per `windowMs`. */
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
  /** Current count without counting. */
  peek(key: string, windowMs: number): Promise<number>;
  reset(key: string): Promise<void>;
  /** Blocks `key` for `ms` from now (replacing any earlier block of that key). */
  block(key: string, ms: number): Promise<void>;
  /** How long `key` stays blocked, in ms (0 when it is not blocked). */
  blockedFor(key: string): Promise<number>;
}

/** Fixed-window counters in memory, with expired windows swept as they are met. */
export class MemoryRateLimiter implements RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  private blocks = new Map<string, number>();
  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= windowMs) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (this.windows.size > 100_000) this.sweep(t, windowMs);
    const allowed = w.count <= limit;
    return { allowed, count: w.count, retryAfterMs: allowed ? 0 : w.start + windowMs - t };
  }

  async peek(key: string, windowMs: number): Promise<number> {
    const w = this.windows.get(key);
    return w && this.now() - w.start < windowMs ? w.count : 0;
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
    this.blocks.delete(key);
  }

  async block(key: string, ms: number): Promise<void> {
    const t = this.now();
    this.blocks.set(key, t + ms);
    if (this.blocks.size > 100_000) for (const [k, until] of this.blocks) if (until <= t) this.blocks.delete(k);
  }

  async blockedFor(key: string): Promise<number> {
    const until = this.blocks.get(key);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left <= 0) this.blocks.delete(key);
    return Math.max(0, left);
  }

  private sweep(t: number, windowMs: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= windowMs) this.windows.delete(k);
  }
}
