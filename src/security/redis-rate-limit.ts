import type { Redis } from 'ioredis';
import { type RateLimitResult, type Reservation, type ReservePolicy, UnbatchedRateLimiter } from './rate-limit';

/**
 * Rate-limit counters in Redis, shared by every instance of the server. A fixed window per key:
 * the first hit creates the counter and gives it the window as its time to live — INCR and PEXPIRE
 * run in one Lua script, so a counter can never be left without expiry, and two instances hitting
 * the same key at once both see the right count.
 */
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

/**
 * reserve: block check, window check, count and new block in one script (see ReservePolicy).
 * KEYS: counter, block. ARGV: limit, windowMs, threshold, baseDelayMs, maxDelayMs.
 * Returns { 1, count, delay } when reserved, { 0, retryAfterMs } when refused.
 */
const RESERVE = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return { 0, blocked } end
local limit, window, threshold, base, max = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
if count >= limit and ttl > 0 then return { 0, ttl } end
count = redis.call('INCR', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], window)
  ttl = window
end
local delay = 0
if count >= threshold then delay = math.min(base * 2 ^ math.min(count - threshold, 40), max) end
if count >= limit then delay = math.max(delay, ttl) end
if delay > 0 then redis.call('SET', KEYS[2], tostring(count), 'PX', math.floor(delay)) end
return { 1, count, math.floor(delay) }
`;

/**
 * release: one attempt given back; its own block goes (the block's value is the count that set it:
 * the token), and below the threshold any block goes. KEYS: counter, block. ARGV: threshold, token.
 */
const RELEASE = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then count = redis.call('DECR', KEYS[1]) end
local token = ARGV[2]
if count < tonumber(ARGV[1]) or (token ~= '0' and redis.call('GET', KEYS[2]) == token) then redis.call('DEL', KEYS[2]) end
return count
`;

export class RedisRateLimiter extends UnbatchedRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'mc:rl:',
  ) {
    super();
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    const [count, ttl] = (await this.redis.eval(HIT, 1, this.prefix + key, String(Math.max(1, Math.ceil(windowMs))))) as [number, number];
    const allowed = count <= limit;
    return { allowed, count, retryAfterMs: allowed ? 0 : Math.max(0, ttl) };
  }

  async peek(key: string, _windowMs: number): Promise<number> {
    const v = await this.redis.get(this.prefix + key);
    return v ? Number(v) : 0;
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key, `${this.prefix}block:${key}`);
  }

  async block(key: string, ms: number): Promise<void> {
    await this.redis.set(`${this.prefix}block:${key}`, '1', 'PX', Math.max(1, Math.ceil(ms)));
  }

  async blockedFor(key: string): Promise<number> {
    const ttl = await this.redis.pttl(`${this.prefix}block:${key}`);
    return ttl > 0 ? ttl : 0;
  }

  async reserve(key: string, p: ReservePolicy): Promise<Reservation> {
    const args = [p.limit, Math.max(1, Math.ceil(p.windowMs)), p.threshold, p.baseDelayMs, p.maxDelayMs].map(String);
    const r = (await this.redis.eval(RESERVE, 2, this.prefix + key, `${this.prefix}block:${key}`, ...args)) as number[];
    return r[0] === 1
      ? { allowed: true, count: r[1]!, delayMs: r[2]!, token: r[2]! > 0 ? r[1]! : 0 }
      : { allowed: false, retryAfterMs: r[1]! };
  }

  async release(key: string, p: ReservePolicy, token: number): Promise<void> {
    await this.redis.eval(RELEASE, 2, this.prefix + key, `${this.prefix}block:${key}`, String(p.threshold), String(token));
  }
}
