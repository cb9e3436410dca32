import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  frenchDuration,
  HOUR_MS,
  LoginThrottle,
  throttleDelay,
  waitMessage,
  DEFAULT_IDENTIFIER_POLICY,
} from '../../../src/security/login-throttle';
import type { RateLimiter } from '../../../src/security/rate-limit';
import { MemoryRateLimiter } from '../../support/rate-limiter';
import { RedisRateLimiter } from '../../../src/security/redis-rate-limit';
import { TestClock } from '../../support/clock';

const redisUrl = process.env.TEST_REDIS_URL;
const redisClients: Redis[] = [];
afterAll(async () => {
  for (const r of redisClients) await r.quit();
});

interface LimiterCase {
  name: string;
  make(): { limiter: RateLimiter; advance(ms: number): Promise<void> };
}

// Redis counts real time (its own TTLs): its cases wait for real, with short windows.
const limiterCases: LimiterCase[] = [
  {
    name: 'memory',
    make: () => {
      const clock = new TestClock();
      return { limiter: new MemoryRateLimiter(() => clock.now()), advance: async (ms) => clock.advance(ms) };
    },
  },
  ...(redisUrl
    ? [
        {
          name: 'Redis (TEST_REDIS_URL)',
          make: () => {
            const redis = new Redis(redisUrl);
            redisClients.push(redis);
            return {
              limiter: new RedisRateLimiter(redis, `mc:test:${Math.random().toString(36).slice(2)}:`),
              advance: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
            };
          },
        },
      ]
    : []),
];

describe.each(limiterCases)(`rate limiter on $name${redisUrl ? '' : ' (Redis not tested: TEST_REDIS_URL is not set)'}`, ({ make }) => {
  it('counts hits in a fixed window and refuses beyond the limit, with the time left', async () => {
    const { limiter, advance } = make();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.hit('k', 3, 300));
    expect(results.map((r) => r.count)).toEqual([1, 2, 3, 4]);
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterMs).toBeGreaterThan(0);
    expect(results[3]!.retryAfterMs).toBeLessThanOrEqual(300);
    expect(await limiter.peek('k', 300)).toBe(4);
    await advance(350);
    expect(await limiter.peek('k', 300)).toBe(0);
    expect((await limiter.hit('k', 3, 300)).count).toBe(1);
  });

  it('blocks a key for a while, and reset clears counter and block', async () => {
    const { limiter, advance } = make();
    expect(await limiter.blockedFor('b')).toBe(0);
    await limiter.block('b', 250);
    const left = await limiter.blockedFor('b');
    expect(left).toBeGreaterThan(150);
    expect(left).toBeLessThanOrEqual(250);
    await advance(300);
    expect(await limiter.blockedFor('b')).toBe(0);
    await limiter.hit('b', 5, 10_000);
    await limiter.block('b', 10_000);
    await limiter.reset('b');
    expect(await limiter.peek('b', 10_000)).toBe(0);
    expect(await limiter.blockedFor('b')).toBe(0);
  });

  it('counts concurrent hits exactly (atomic increment and expiry)', async () => {
    const { limiter } = make();
    const results = await Promise.all(Array.from({ length: 50 }, () => limiter.hit('c', 10, 10_000)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});

describe('login throttle (memory counters, test clock)', () => {
  const setup = () => {
    const clock = new TestClock();
    const throttle = new LoginThrottle(new MemoryRateLimiter(() => clock.now()), 'secret-secret-secret-secret-secret-00');
    return { clock, throttle };
  };
  const who = { identifier: '284127505612345', ip: '192.0.2.1' };

  it('lets the first 4 failures through, then imposes 1 s, 2 s, 4 s… up to 15 minutes', async () => {
    expect([1, 4, 5, 6, 7, 14, 15, 40].map((n) => throttleDelay(n, DEFAULT_IDENTIFIER_POLICY))).toEqual([
      0, 0, 1000, 2000, 4000, 512_000, 900_000, 900_000,
    ]);
    const { clock, throttle } = setup();
    for (let i = 0; i < 4; i++) {
      expect(await throttle.failure(who)).toBe(0);
      expect((await throttle.check(who)).allowed).toBe(true);
    }
    expect(await throttle.failure(who)).toBe(1000);
    expect(await throttle.check(who)).toEqual({ allowed: false, retryAfterMs: 1000, scope: 'identifier' });
    clock.advance(1000);
    expect((await throttle.check(who)).allowed).toBe(true);
    expect(await throttle.failure(who)).toBe(2000);
  });

  it('counts per identifier: another identifier from another address is not slowed down', async () => {
    const { throttle } = setup();
    for (let i = 0; i < 5; i++) await throttle.failure(who);
    expect((await throttle.check(who)).allowed).toBe(false);
    expect((await throttle.check({ identifier: 'OTHER', ip: '192.0.2.2' })).allowed).toBe(true);
  });

  it('counts per IP too, with a higher threshold', async () => {
    const { throttle } = setup();
    for (let i = 0; i < 99; i++) expect(await throttle.failure({ identifier: `ID${i}`, ip: '198.51.100.7' })).toBe(0);
    expect(await throttle.failure({ identifier: 'ID99', ip: '198.51.100.7' })).toBe(1000);
    expect(await throttle.check({ identifier: 'NEVER-SEEN', ip: '198.51.100.7' })).toEqual({
      allowed: false,
      retryAfterMs: 1000,
      scope: 'ip',
    });
  });

  it('a success clears the identifier’s failures', async () => {
    const { throttle } = setup();
    for (let i = 0; i < 6; i++) await throttle.failure(who);
    await throttle.success(who.identifier);
    expect((await throttle.check({ ...who, ip: '192.0.2.99' })).allowed).toBe(true);
    expect(await throttle.failure({ ...who, ip: '192.0.2.99' })).toBe(0);
  });

  it('never locks for good: after the hour the delays start again from zero', async () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 15; i++) await throttle.failure(who);
    const c = await throttle.check(who);
    expect(c.allowed).toBe(false);
    expect(c.allowed === false && c.retryAfterMs).toBeLessThanOrEqual(15 * 60_000);
    clock.advance(HOUR_MS);
    expect((await throttle.check(who)).allowed).toBe(true);
    expect(await throttle.failure(who)).toBe(0);
  });

  it('never more than 100 failures per hour for one identifier, whatever the delays', async () => {
    const clock = new TestClock();
    // Tiny delays so that the hourly cap, not the delays, is what stops the 101st failure.
    const policy = { threshold: 5, baseDelayMs: 1, maxDelayMs: 1, maxFailuresPerHour: 100 };
    const throttle = new LoginThrottle(new MemoryRateLimiter(() => clock.now()), 'secret-secret-secret-secret-secret-00', {
      identifier: policy,
      ip: { ...policy, maxFailuresPerHour: 10_000, threshold: 10_000 },
    });
    let counted = 0;
    for (let i = 0; i < 300; i++) {
      clock.advance(2);
      if (!(await throttle.check(who)).allowed) continue;
      counted++;
      await throttle.failure(who);
    }
    expect(counted).toBe(100);
    const c = await throttle.check(who);
    expect(c.allowed).toBe(false);
    // Blocked until the window of the first failure ends (≈ 1 hour after it).
    expect(c.allowed === false && c.retryAfterMs).toBeGreaterThan(HOUR_MS - 1000);
  });

  it('with the default delays an identifier sees far fewer than 100 failures in an hour', async () => {
    const { clock, throttle } = setup();
    let counted = 0;
    const start = clock.now();
    while (clock.now() - start < HOUR_MS) {
      const c = await throttle.check(who);
      if (c.allowed) {
        counted++;
        await throttle.failure(who);
      } else clock.advance(c.retryAfterMs);
    }
    expect(counted).toBeLessThanOrEqual(100);
    expect(counted).toBeLessThan(25);
  });

  it('tells how long to wait in plain French', () => {
    expect(waitMessage(120_000)).toBe('Merci de patienter 2 minutes avant de réessayer.');
    expect(frenchDuration(1000)).toBe('1 seconde');
    expect(frenchDuration(4500)).toBe('5 secondes');
    expect(frenchDuration(60_000)).toBe('1 minute');
    expect(frenchDuration(61_000)).toBe('2 minutes');
  });
});
