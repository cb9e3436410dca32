import { Redis } from 'ioredis';
import type { KyselyPlugin } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database';
import { DbRateLimiter } from '../../src/security/db-rate-limit';
import { FallbackRateLimiter } from '../../src/security/fallback-rate-limit';
import { LoginThrottle } from '../../src/security/login-throttle';
import type { RateLimiter, ReservePolicy } from '../../src/security/rate-limit';
import { MemoryRateLimiter } from '../support/rate-limiter';
import { RedisRateLimiter } from '../../src/security/redis-rate-limit';
import { testDatabases } from '../support/databases';

/**
 * `reserve` — the atomic « count the attempt before checking the password » — on every store:
 * memory, the database (SQLite and PostgreSQL) and Redis (TEST_REDIS_URL). Concurrent attempts can
 * never all pass, the hourly cap is never overshot, and a right password gives back its attempt.
 */
const redisUrl = process.env.TEST_REDIS_URL;
const handles: DatabaseHandle[] = [];
const clients: Redis[] = [];
afterAll(async () => {
  for (const h of handles) await h.destroy();
  for (const c of clients) c.disconnect();
});

const stores: { name: string; make(): Promise<RateLimiter> }[] = [
  { name: 'memory', make: async () => new MemoryRateLimiter() },
  ...testDatabases.map((d) => ({
    name: `database (${d.name})`,
    make: async () => {
      const h = await d.open();
      handles.push(h);
      return new DbRateLimiter(h);
    },
  })),
  ...(redisUrl
    ? [
        {
          name: 'Redis',
          make: async () => {
            const r = new Redis(redisUrl);
            clients.push(r);
            return new RedisRateLimiter(r, `mc:test:${Math.random().toString(36).slice(2)}:`);
          },
        },
      ]
    : []),
];

const policy: ReservePolicy = { limit: 100, windowMs: 60 * 60_000, threshold: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000 };

describe.each(stores)('reserve on $name', ({ make }) => {
  it('lets at most `threshold` of 30 concurrent attempts through, then refuses with the wait', async () => {
    const l = await make();
    const results = await Promise.all(Array.from({ length: 30 }, () => l.reserve('k', policy)));
    const passed = results.filter((r) => r.allowed);
    expect(passed).toHaveLength(5);
    expect(passed.map((r) => r.allowed && r.count).sort()).toEqual([1, 2, 3, 4, 5]);
    const refused = results.find((r) => !r.allowed);
    expect(refused && !refused.allowed && refused.retryAfterMs).toBeGreaterThan(0);
    expect(await l.blockedFor('k')).toBeGreaterThan(0);
  });

  it('never overshoots the window cap, whatever the concurrency', async () => {
    const l = await make();
    const tiny = { ...policy, limit: 7, threshold: 1000 };
    const results = await Promise.all(Array.from({ length: 40 }, () => l.reserve('cap', tiny)));
    expect(results.filter((r) => r.allowed)).toHaveLength(7);
  });

  it('a release gives the attempt back and lifts the block it set', async () => {
    const l = await make();
    for (let i = 0; i < 4; i++) await l.reserve('r', policy);
    const fifth = await l.reserve('r', policy);
    expect(fifth).toMatchObject({ allowed: true, count: 5, delayMs: 1000 });
    await l.release('r', policy, fifth.allowed ? fifth.token : 0);
    expect(await l.blockedFor('r')).toBe(0);
    expect(await l.reserve('r', policy)).toMatchObject({ allowed: true, count: 5 });
  });
});

describe.each(testDatabases)('database counters on $name', ({ open }) => {
  it('reserve and release are one statement each (no transaction, no read first)', async () => {
    const h = await open();
    handles.push(h);
    const statements: string[] = [];
    const spy: KyselyPlugin = {
      transformQuery: (a) => {
        statements.push(a.node.kind);
        return a.node;
      },
      transformResult: async (a) => a.result,
    };
    const l = new DbRateLimiter({ db: h.db.withPlugin(spy), dialect: h.dialect });
    const first = await l.reserve('one', policy);
    await l.release('one', policy, first.allowed ? first.token : 0);
    expect(statements).toEqual(['RawNode', 'RawNode']);
    expect(await l.peek('one', policy.windowMs)).toBe(0);
    // Two keys (a login's identifier and IP): one statement each way on PostgreSQL, one per key on SQLite.
    statements.length = 0;
    const both = [
      { key: 'id', policy },
      { key: 'ip', policy },
    ];
    const reserved = await l.reserveInOrder(both);
    expect(reserved.map((r) => r.allowed)).toEqual([true, true]);
    await l.releaseAll(both.map((e, i) => ({ ...e, token: (reserved[i] as { token: number }).token })));
    expect(statements).toHaveLength(h.dialect === 'postgres' ? 2 : 4);
    expect([await l.peek('id', policy.windowMs), await l.peek('ip', policy.windowMs)]).toEqual([0, 0]);
  });

  it('reserveInOrder leaves the keys after a refused one untouched', async () => {
    const h = await open();
    handles.push(h);
    const l = new DbRateLimiter(h);
    await l.block('blocked', 60_000);
    const r = await l.reserveInOrder([
      { key: 'free', policy },
      { key: 'blocked', policy },
      { key: 'after', policy },
    ]);
    expect(r.map((x) => x.allowed)).toEqual([true, false]);
    expect(r[1]).toMatchObject({ allowed: false, retryAfterMs: expect.any(Number) });
    expect(await l.peek('free', policy.windowMs)).toBe(1);
    expect(await l.peek('after', policy.windowMs)).toBe(0);
  });

  it('the rule in SQL gives what the rule in TypeScript gives, over the same sequence of attempts', async () => {
    const h = await open();
    handles.push(h);
    let t = 1_000_000;
    const clock = () => t;
    const db = new DbRateLimiter(h, clock);
    const memory = new MemoryRateLimiter(clock);
    const outcomes = new Set<string>();
    // Small numbers so that thresholds, doubling delays up to their maximum, the cap (the block until
    // the window's end) and window ends all come up.
    for (const p of [
      { limit: 9, windowMs: 60_000, threshold: 3, baseDelayMs: 1000, maxDelayMs: 8000 },
      { limit: 4, windowMs: 20_000, threshold: 3, baseDelayMs: 300, maxDelayMs: 600 },
    ] satisfies ReservePolicy[])
      for (const o of await sameOutcomes(
        db,
        memory,
        p,
        () => t,
        (ms) => (t += ms),
      ))
        outcomes.add(o);
    expect([...outcomes].sort()).toEqual(['allowed', 'cap', 'max delay', 'pair given back', 'pair stopped at the first key', 'refused']);
  });
});

async function sameOutcomes(
  db: RateLimiter,
  memory: RateLimiter,
  p: ReservePolicy,
  now: () => number,
  advance: (ms: number) => void,
): Promise<Set<string>> {
  const outcomes = new Set<string>();
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const tokens = new Map<string, number[]>();
  const tokensOf = (key: string) => tokens.get(key) ?? tokens.set(key, []).get(key)!;
  for (let i = 0; i < 400; i++) {
    const key = `${p.limit}${random() < 0.7 ? 'a' : 'b'}`;
    const roll = random();
    if (roll < 0.1) {
      // The login's pair of keys, reserved in order then given back, in one statement each on PostgreSQL.
      const pair = [`${p.limit}a`, `${p.limit}b`].map((k) => ({ key: k, policy: p }));
      const [fromDb, fromMemory] = [await db.reserveInOrder(pair), await memory.reserveInOrder(pair)];
      expect(fromDb, `step ${i}: reserveInOrder at ${now()}`).toEqual(fromMemory);
      if (fromDb.length === 2 && fromDb.every((r) => r.allowed) && random() < 0.5) {
        const back = pair.map((e, k) => ({ ...e, token: (fromDb[k] as { token: number }).token }));
        await db.releaseAll(back);
        await memory.releaseAll(back);
        outcomes.add('pair given back');
      } else for (const [k, r] of fromDb.entries()) if (r.allowed) tokensOf(pair[k]!.key).push(r.token);
      if (fromDb.length === 1) outcomes.add('pair stopped at the first key');
    } else if (roll < 0.55) {
      const [fromDb, fromMemory] = [await db.reserve(key, p), await memory.reserve(key, p)];
      expect(fromDb, `step ${i}: reserve ${key} at ${now()}`).toEqual(fromMemory);
      if (fromDb.allowed) tokensOf(key).push(fromDb.token);
      outcomes.add(
        !fromDb.allowed ? 'refused' : fromDb.count >= p.limit ? 'cap' : fromDb.delayMs >= p.maxDelayMs ? 'max delay' : 'allowed',
      );
    } else if (roll < 0.8) {
      const token = tokensOf(key).pop() ?? 0;
      await db.release(key, p, token);
      await memory.release(key, p, token);
    }
    expect(await db.blockedFor(key), `step ${i}: block of ${key}`).toBe(await memory.blockedFor(key));
    expect(await db.peek(key, p.windowMs), `step ${i}: count of ${key}`).toBe(await memory.peek(key, p.windowMs));
    advance(Math.floor(random() * (random() < 0.1 ? p.windowMs : 1500)));
  }
  return outcomes;
}

describe('login throttle on the database', () => {
  it('concurrent wrong passwords for one identifier: at most 5 evaluated', async () => {
    const h = await testDatabases[0]!.open();
    handles.push(h);
    const throttle = new LoginThrottle(new DbRateLimiter(h), 'secret-secret-secret-secret-secret-00');
    const who = { identifier: '284127505612345', ip: '192.0.2.1' };
    const results = await Promise.all(Array.from({ length: 20 }, () => throttle.reserve(who)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });
});

describe('Redis fallback', () => {
  it('counts in the fallback store while Redis fails, and says so once', async () => {
    const down = new Error("Stream isn't writeable and enableOfflineQueue options is false");
    const failing = new Proxy({} as RateLimiter, { get: () => () => Promise.reject(down) });
    const lines: string[] = [];
    const l = new FallbackRateLimiter(failing, new MemoryRateLimiter(), (line) => lines.push(line));
    const results = await Promise.all(Array.from({ length: 10 }, () => l.reserve('f', policy)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(l.degraded).toBeDefined();
    expect(lines).toEqual(['rate limits: Redis unreachable, counters in the database until it is back']);
  });
});
