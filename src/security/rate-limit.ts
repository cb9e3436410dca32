/**
 * Counters for rate limits and throttling ("at most N events per key in a window").
 * Three stores behind one port, chosen by the composition root: the database (the default: shared
 * by the instances on one database and kept across restarts, ./db-rate-limit.ts), Redis (REDIS_URL:
 * shared and fast, ./redis-rate-limit.ts, with the database as its fallback when Redis is down) and
 * the memory of one process (./process-rate-limit.ts: the assistant's fallback while the database
 * cannot answer; tests and tools use it too).
 */
export interface RateLimitResult {
  allowed: boolean;
  /** events counted in the current window, this one included */
  count: number;
  /** when refused: how long before the next event is allowed */
  retryAfterMs: number;
}

/**
 * A throttle's rule for `reserve`: at most `limit` attempts per window; from the `threshold`-th on,
 * each attempt blocks the key for `baseDelayMs` × 2^(count − threshold), at most `maxDelayMs`; the
 * `limit`-th blocks it until the window ends.
 */
export interface ReservePolicy {
  limit: number;
  windowMs: number;
  threshold: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * An attempt reserved — counted as a failure *before* the work it guards (a password check) — or
 * refused. `delayMs`: the block this attempt set (what to wait if it turns out to be a failure).
 */
export type Reservation = { allowed: true; count: number; delayMs: number; token: number } | { allowed: false; retryAfterMs: number };

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
  /**
   * In one atomic step: refused if `key` is blocked or its window is full; otherwise counted, and
   * blocked for the delay the policy gives to that count. Concurrent attempts can never all pass.
   */
  reserve(key: string, p: ReservePolicy): Promise<Reservation>;
  /**
   * Gives back one reserved attempt (it succeeded): the count goes down, and the block this attempt
   * set goes (`token` from its reservation) — unless a later attempt has blocked the key since.
   */
  release(key: string, p: ReservePolicy, token: number): Promise<void>;
  /**
   * `reserve` on several keys in order, stopping at the first refusal: the answers of the keys
   * reserved, then the refusal if any (the keys after it are not counted). One round trip where
   * the store allows it (PostgreSQL).
   */
  reserveInOrder(entries: readonly KeyPolicy[]): Promise<Reservation[]>;
  /** `release` on several keys (one round trip where the store allows it). */
  releaseAll(entries: readonly KeyRelease[]): Promise<void>;
}

export interface KeyPolicy {
  key: string;
  policy: ReservePolicy;
}

/** A key to give an attempt back to, with the token of its reservation. */
export type KeyRelease = KeyPolicy & { token: number };

/** reserveInOrder for a store without a batch of its own: one `reserve` after the other. */
export async function reserveOneByOne(l: Pick<RateLimiter, 'reserve'>, entries: readonly KeyPolicy[]): Promise<Reservation[]> {
  const out: Reservation[] = [];
  for (const e of entries) {
    const r = await l.reserve(e.key, e.policy);
    out.push(r);
    if (!r.allowed) break;
  }
  return out;
}

/** releaseAll for a store without a batch of its own. */
export async function releaseOneByOne(l: Pick<RateLimiter, 'release'>, entries: readonly KeyRelease[]): Promise<void> {
  await Promise.all(entries.map((e) => l.release(e.key, e.policy, e.token)));
}

/**
 * A store without a batch of its own (Redis, the memory of a process): `reserveInOrder` and
 * `releaseAll` are its `reserve` and `release` one key at a time.
 */
export abstract class UnbatchedRateLimiter implements RateLimiter {
  abstract hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
  abstract peek(key: string, windowMs: number): Promise<number>;
  abstract reset(key: string): Promise<void>;
  abstract block(key: string, ms: number): Promise<void>;
  abstract blockedFor(key: string): Promise<number>;
  abstract reserve(key: string, p: ReservePolicy): Promise<Reservation>;
  abstract release(key: string, p: ReservePolicy, token: number): Promise<void>;

  reserveInOrder(entries: readonly KeyPolicy[]): Promise<Reservation[]> {
    return reserveOneByOne(this, entries);
  }

  releaseAll(entries: readonly KeyRelease[]): Promise<void> {
    return releaseOneByOne(this, entries);
  }
}

/** The state of one key: its window and count, and the end of its block (0: none). */
export interface CounterRecord {
  windowStart: number;
  count: number;
  blockedUntil: number;
}

/** The delay imposed after the `count`-th attempt (0 before the threshold). */
export function policyDelay(count: number, p: Pick<ReservePolicy, 'threshold' | 'baseDelayMs' | 'maxDelayMs'>): number {
  if (count < p.threshold) return 0;
  const exponent = Math.min(count - p.threshold, 40);
  return Math.min(p.baseDelayMs * 2 ** exponent, p.maxDelayMs);
}

function current(r: CounterRecord | undefined, t: number, windowMs: number): CounterRecord {
  if (!r) return { windowStart: t, count: 0, blockedUntil: 0 };
  if (t - r.windowStart >= windowMs) return { windowStart: t, count: 0, blockedUntil: r.blockedUntil };
  return { ...r };
}

/** `hit` on a record: the next record and the answer. */
export function hitRecord(
  r: CounterRecord | undefined,
  t: number,
  limit: number,
  windowMs: number,
): { next: CounterRecord; result: RateLimitResult } {
  const next = current(r, t, windowMs);
  next.count++;
  const allowed = next.count <= limit;
  return { next, result: { allowed, count: next.count, retryAfterMs: allowed ? 0 : next.windowStart + windowMs - t } };
}

/** The block an attempt sets once counted (`counted`: the record with it): the policy's delay, and until the window's end once the limit is reached. */
export function reservationDelay(counted: Pick<CounterRecord, 'count' | 'windowStart'>, t: number, p: ReservePolicy): number {
  const delay = policyDelay(counted.count, p);
  return counted.count >= p.limit ? Math.max(delay, counted.windowStart + p.windowMs - t) : delay;
}

/** `reserve` on a record: the next record (unchanged when refused) and the answer. */
export function reserveRecord(r: CounterRecord | undefined, t: number, p: ReservePolicy): { next: CounterRecord; result: Reservation } {
  const next = current(r, t, p.windowMs);
  if (next.blockedUntil > t) return { next, result: { allowed: false, retryAfterMs: next.blockedUntil - t } };
  if (next.count >= p.limit) return { next, result: { allowed: false, retryAfterMs: next.windowStart + p.windowMs - t } };
  next.count++;
  const delay = reservationDelay(next, t, p);
  if (delay > 0) next.blockedUntil = t + delay;
  // The token names this attempt's block: the key was not blocked before it (else it was refused).
  return { next, result: { allowed: true, count: next.count, delayMs: delay, token: delay > 0 ? next.blockedUntil : 0 } };
}

/** `release` on a record. */
export function releaseRecord(r: CounterRecord | undefined, p: ReservePolicy, token: number): CounterRecord | undefined {
  if (!r) return undefined;
  const count = Math.max(0, r.count - 1);
  const ownBlock = token > 0 && r.blockedUntil === token;
  return { windowStart: r.windowStart, count, blockedUntil: count < p.threshold || ownBlock ? 0 : r.blockedUntil };
}
