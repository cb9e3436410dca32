import type { Redis } from 'ioredis';
import type { RateLimiter, RateLimitResult } from './rate-limit';

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

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'mc:rl:',
  ) {}

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
}
