import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context';
import type { DatabaseHandle } from '../../src/db/database';
import { isWriteConflict, retryWriteConflict } from '../../src/db/conflicts';
import { DbRateLimiter } from '../../src/security/db-rate-limit';
import { LoginThrottle } from '../../src/security/login-throttle';
import { createTestAccount, PASSWORD } from '../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { testDatabases } from '../support/databases';
import { isDatabaseUnavailable } from '../../src/db/unavailable';

/**
 * Security regression (issue 20, point 3): a correct login under contention. 8 loops sending the
 * right password for one account from one address got 500s on PostgreSQL: the statement that gives
 * the attempt back took the IP's counter row before the identifier's, the one that reserves took
 * them the other way round — a deadlock, and the attempt was never given back. Every statement now
 * takes the rows in one order, and a deadlock or serialization failure is retried once (then 503).
 *
 * Bounded: LOOPS loops, each for at most ROUNDS rounds and BUDGET_MS. On SQLite and PGlite (one
 * writer) there is no contention to find, and the same assertions hold; TEST_DATABASE_URL gives the
 * real PostgreSQL server, where the old statements deadlocked within these bounds.
 */
const LOOPS = 8;
const ROUNDS = 60;
const BUDGET_MS = 4000;

/** Runs `step` in LOOPS concurrent loops until each has done ROUNDS or the budget is spent. */
async function loops<T>(step: () => Promise<T>): Promise<T[]> {
  const end = Date.now() + BUDGET_MS;
  const out: T[] = [];
  await Promise.all(
    Array.from({ length: LOOPS }, async () => {
      for (let i = 0; i < ROUNDS && Date.now() < end; i++) out.push(await step());
    }),
  );
  return out;
}

/** Every counter of the login throttle: a right password leaves nothing counted behind. */
async function counters(ctx: Pick<AppContext, 'database'>): Promise<{ key: string; count: number }[]> {
  const rows = await ctx.database.db
    .selectFrom('rate_limits')
    .select(['key', 'count'])
    .where('key', 'like', 'login:%')
    .orderBy('key')
    .execute();
  return rows.map((r) => ({ key: r.key.replace(/:[0-9a-f]{32}$/, ':…'), count: Number(r.count) }));
}

describe.each(testDatabases)('right passwords in 8 concurrent loops on $name', ({ open }) => {
  describe('the throttle alone', () => {
    let database: DatabaseHandle;
    beforeAll(async () => {
      database = await open();
    });
    afterAll(() => database.destroy());

    it('reserve and give-back never fail, and every attempt is given back', async () => {
      const throttle = new LoginThrottle(new DbRateLimiter(database), 'secret-secret-secret-secret-secret-00');
      const who = { identifier: '284127505612345', ip: '192.0.2.10' };
      const results = await loops(async () => {
        const r = await throttle.reserve(who);
        if (r.allowed) await throttle.refund(who, r);
        return r.allowed;
      });
      expect(results.length).toBeGreaterThan(LOOPS);
      expect(results.filter(Boolean).length).toBeGreaterThan(0);
      expect(await counters({ database })).toEqual([
        { key: 'login:id:…', count: 0 },
        { key: 'login:ip:192.0.2.10', count: 0 },
      ]);
    });
  });

  describe('through HTTP (POST /connexion)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ database: await open() });
    });
    afterAll(() => t.close());

    it('answers 303 or 429, never 500, and every attempt is given back', async () => {
      const account = await createTestAccount(t.ctx);
      // argon2id (tens of ms on a loaded machine) would space the requests out: a quick comparison
      // keeps the loops in the throttle's statements, where the deadlock was.
      t.ctx.passwords.verify = async (_hash, password) => password === PASSWORD;
      const b = new TestBrowser(t.app);
      await b.get('/connexion');
      const statuses = await loops(async () => {
        const r = await b.post('/connexion', { identifier: account.login_id, password: PASSWORD });
        return r.statusCode;
      });
      expect(
        statuses.filter((s) => s !== 303 && s !== 429),
        String(statuses),
      ).toEqual([]);
      expect(statuses.filter((s) => s === 303).length).toBeGreaterThan(0);
      expect(statuses.length).toBeGreaterThan(LOOPS * 2);
      expect((await counters(t.ctx)).map((c) => c.count)).toEqual([0, 0]);
    });
  });
});

describe('a write conflict (deadlock, serialization failure)', () => {
  const conflict = (code: string) => Object.assign(new Error('deadlock detected'), { code });

  it('is run once more, and a second conflict is « not now » (503), never a 500', async () => {
    expect(isWriteConflict(conflict('40P01'))).toBe(true);
    expect(isWriteConflict(new Error('wrapped', { cause: conflict('40001') }))).toBe(true);
    expect(isWriteConflict(conflict('23505'))).toBe(false);

    let calls = 0;
    expect(
      await retryWriteConflict(async () => {
        calls++;
        if (calls === 1) throw conflict('40P01');
        return 'done';
      }),
    ).toBe('done');
    expect(calls).toBe(2);

    calls = 0;
    const twice = await retryWriteConflict(async () => {
      calls++;
      throw conflict('40001');
    }).catch((e: unknown) => e);
    expect(calls).toBe(2);
    expect(isDatabaseUnavailable(twice)).toBe(true);

    // Anything else is not retried and not disguised.
    calls = 0;
    const other = await retryWriteConflict(async () => {
      calls++;
      throw conflict('23505');
    }).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(isDatabaseUnavailable(other)).toBe(false);
  });
});
