import { hmac } from '../shared/crypto';
import type { RateLimiter, ReservePolicy } from './rate-limit';

/**
 * Login throttling that slows guessing down without ever locking anybody out for good.
 *
 * Failures are counted per identifier (an HMAC of the normalised identifier — the same key whether
 * or not an account exists, so the throttle itself reveals nothing) and per IP address, in a
 * one-hour window. From the `threshold`-th failure on, further attempts are refused — without
 * looking at the password — for an increasing delay: 1 s, 2 s, 4 s… up to 15 minutes. Whatever the
 * delays, an identifier can never see more than `maxFailuresPerHour` failures in an hour. A success
 * clears the identifier's counter (not the IP's: one good account must not wash an IP clean).
 * The window ends by itself, and « Mot de passe oublié ? » is never throttled by this.
 *
 * The password step reserves its attempt (`reserve`) before argon2id: the attempt is counted as a
 * failure — and the block its count calls for is set — in one atomic step per key, on every store
 * (memory, database, Redis); a right password gives it back (`refund`). Checking first and counting
 * after the verification let 20 concurrent guesses all be evaluated; now at most `threshold` are.
 */
export interface ThrottlePolicy {
  /** failures allowed before delays start */
  threshold: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxFailuresPerHour: number;
}

export const HOUR_MS = 60 * 60_000;

export const DEFAULT_IDENTIFIER_POLICY: ThrottlePolicy = {
  threshold: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  maxFailuresPerHour: 100,
};
/** An IP can hide many people (mobile carriers' NAT, a Caf's reception desk): a higher threshold. */
export const DEFAULT_IP_POLICY: ThrottlePolicy = { threshold: 100, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, maxFailuresPerHour: 2000 };

export interface ThrottleSubject {
  /** the normalised identifier typed by the person (NIR or identifiant provisoire) */
  identifier: string;
  ip: string;
}

export type ThrottleCheck = { allowed: true } | { allowed: false; retryAfterMs: number; scope: 'identifier' | 'ip' };

/** A password attempt reserved (counted as a failure until `refund`), with the wait it imposes if it fails. */
export type ThrottleReservation =
  | { allowed: true; retryAfterMs: number; tokens: [number, number] }
  | { allowed: false; retryAfterMs: number; scope: 'identifier' | 'ip' };

/** The delay after the `failures`-th failure (0 before the threshold). */
export function throttleDelay(failures: number, p: ThrottlePolicy): number {
  if (failures < p.threshold) return 0;
  const exponent = Math.min(failures - p.threshold, 40);
  return Math.min(p.baseDelayMs * 2 ** exponent, p.maxDelayMs);
}

export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly secret: string,
    private readonly policies: { identifier: ThrottlePolicy; ip: ThrottlePolicy } = {
      identifier: DEFAULT_IDENTIFIER_POLICY,
      ip: DEFAULT_IP_POLICY,
    },
  ) {}

  /** Before looking at the password: is this attempt allowed at all? */
  async check(s: ThrottleSubject): Promise<ThrottleCheck> {
    const [byId, byIp] = await Promise.all([
      this.limiter.blockedFor(this.identifierKey(s.identifier)),
      this.limiter.blockedFor(this.ipKey(s.ip)),
    ]);
    if (byId <= 0 && byIp <= 0) return { allowed: true };
    return byId >= byIp ? { allowed: false, retryAfterMs: byId, scope: 'identifier' } : { allowed: false, retryAfterMs: byIp, scope: 'ip' };
  }

  /**
   * Before looking at the password: reserves the attempt — counted as a failure for the identifier
   * and the IP in one atomic step per key, so concurrent attempts can never all be evaluated (the
   * check and the count used to be separated by the password verification). A right password gives
   * the attempt back (`refund`).
   */
  async reserve(s: ThrottleSubject): Promise<ThrottleReservation> {
    const id = { key: this.identifierKey(s.identifier), policy: reservePolicy(this.policies.identifier) };
    const ip = { key: this.ipKey(s.ip), policy: reservePolicy(this.policies.ip) };
    // The identifier first: an identifier that is blocked leaves the IP's count alone.
    const [byId, byIp] = await this.limiter.reserveInOrder([id, ip]);
    if (!byId?.allowed) return { allowed: false, retryAfterMs: byId?.retryAfterMs ?? 0, scope: 'identifier' };
    if (!byIp?.allowed) {
      await this.limiter.release(id.key, id.policy, byId.token);
      return { allowed: false, retryAfterMs: byIp?.retryAfterMs ?? 0, scope: 'ip' };
    }
    return { allowed: true, retryAfterMs: Math.max(byId.delayMs, byIp.delayMs), tokens: [byId.token, byIp.token] };
  }

  /** The reserved attempt was not a failure (right password): given back on both keys, with the blocks it set. */
  async refund(s: ThrottleSubject, r: { tokens: [number, number] }): Promise<void> {
    await this.limiter.releaseAll([
      { key: this.identifierKey(s.identifier), policy: reservePolicy(this.policies.identifier), token: r.tokens[0] },
      { key: this.ipKey(s.ip), policy: reservePolicy(this.policies.ip), token: r.tokens[1] },
    ]);
  }

  /** Counts a failure (wrong password, unknown identifier, wrong code); returns the wait now imposed (0: none). */
  async failure(s: ThrottleSubject): Promise<number> {
    const [a, b] = await Promise.all([
      this.count(this.identifierKey(s.identifier), this.policies.identifier),
      this.count(this.ipKey(s.ip), this.policies.ip),
    ]);
    return Math.max(a, b);
  }

  /** How long the identifier stays refused, in ms (0: not refused): shown on the assistance console. */
  identifierBlockedFor(identifier: string): Promise<number> {
    return this.limiter.blockedFor(this.identifierKey(identifier));
  }

  /** A successful login clears the identifier's failures (so does an agent, after an identity check). */
  async success(identifier: string): Promise<void> {
    await this.limiter.reset(this.identifierKey(identifier));
  }

  private async count(key: string, p: ThrottlePolicy): Promise<number> {
    const r = await this.limiter.hit(key, p.maxFailuresPerHour - 1, HOUR_MS);
    let delay = throttleDelay(r.count, p);
    if (!r.allowed) delay = Math.max(delay, r.retryAfterMs); // the hourly cap: wait for the window to end
    if (delay > 0) await this.limiter.block(key, delay);
    return delay;
  }

  private identifierKey(identifier: string): string {
    return `login:id:${hmac(this.secret, 'login-throttle', identifier).slice(0, 32)}`;
  }

  private ipKey(ip: string): string {
    return `login:ip:${ip}`;
  }
}

function reservePolicy(p: ThrottlePolicy): ReservePolicy {
  return { limit: p.maxFailuresPerHour, windowMs: HOUR_MS, threshold: p.threshold, baseDelayMs: p.baseDelayMs, maxDelayMs: p.maxDelayMs };
}

/** « 45 secondes », « 1 minute », « 2 minutes » (rounded up): how long to wait, in plain French. */
export function frenchDuration(ms: number): string {
  if (ms < 60_000) {
    const s = Math.max(1, Math.ceil(ms / 1000));
    return `${s} seconde${s > 1 ? 's' : ''}`;
  }
  const m = Math.ceil(ms / 60_000);
  return `${m} minute${m > 1 ? 's' : ''}`;
}

/** « Merci de patienter 2 minutes avant de réessayer. » */
export function waitMessage(ms: number): string {
  return `Merci de patienter ${frenchDuration(ms)} avant de réessayer.`;
}
