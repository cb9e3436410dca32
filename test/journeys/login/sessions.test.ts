import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../../src/accounts/repository';
import {
  ABSOLUTE_TIMEOUT_MS,
  DbSessionStore,
  IDLE_TIMEOUT_MS,
  RedisSessionStore,
  SessionService,
  sessionHandle,
  type SessionStore,
} from '../../../src/auth/sessions';
import type { DatabaseHandle } from '../../../src/db/database';
import { sha256 } from '../../../src/shared/crypto';
import { TestClock } from '../../support/clock';
import { testDatabases } from '../../support/databases';
import { sampleAccount } from '../../support/accounts';

/**
 * One conformance suite for every session store: the database (SQLite and PostgreSQL) and Redis
 * (when TEST_REDIS_URL is set — otherwise the Redis case is not run, and its name says so).
 */
const redisUrl = process.env.TEST_REDIS_URL;

interface StoreCase {
  name: string;
  open(clock: TestClock): Promise<{ store: SessionStore; accountIds: string[]; close(): Promise<void> }>;
}

const dbCases: StoreCase[] = testDatabases.map((d) => ({
  name: `database (${d.name})`,
  open: async (clock) => {
    const h: DatabaseHandle = await d.open();
    const ids: string[] = [];
    for (const nir of ['184127505612345', '284127505612399']) {
      const r = await createAccount(h.db, sampleAccount({ login_id: nir, nir }), clock.now());
      if (!r.ok) throw new Error('no account');
      ids.push(r.account.id);
    }
    return { store: new DbSessionStore(h.db), accountIds: ids, close: () => h.destroy() };
  },
}));

const redisCase: StoreCase[] = redisUrl
  ? [
      {
        name: 'Redis (TEST_REDIS_URL)',
        open: async (clock) => {
          const redis = new Redis(redisUrl);
          const prefix = `mc:test:${Math.random().toString(36).slice(2)}:`;
          return {
            store: new RedisSessionStore(redis, clock, prefix),
            accountIds: ['account-a', 'account-b'],
            close: async () => {
              const keys = await redis.keys(`${prefix}*`);
              if (keys.length) await redis.del(...keys);
              await redis.quit();
            },
          };
        },
      },
    ]
  : [];

describe.each([...dbCases, ...redisCase])(
  `session store on $name${redisUrl ? '' : ' (Redis store not tested: TEST_REDIS_URL is not set)'}`,
  ({ open }) => {
    let close: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await close?.();
      close = undefined;
    });

    async function setup() {
      const clock = new TestClock();
      const o = await open(clock);
      close = o.close;
      return { clock, service: new SessionService(o.store, clock), store: o.store, a: o.accountIds[0]!, b: o.accountIds[1]! };
    }

    it('stores only the SHA-256 of a 256-bit random token, and finds the session by the token', async () => {
      const { service, store, a } = await setup();
      const { token, session } = await service.create({
        accountId: a,
        ip: '192.0.2.1',
        userAgent: 'Firefox',
        data: { authMethod: 'password' },
      });
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(session.id).toBe(sha256(token));
      expect(await store.get(token)).toBeUndefined();
      const r = await service.resolve(token);
      expect(r.status).toBe('active');
      expect(r.status === 'active' && r.session).toMatchObject({
        accountId: a,
        ip: '192.0.2.1',
        userAgent: 'Firefox',
        data: { authMethod: 'password' },
      });
      expect((await service.resolve('x'.repeat(43))).status).toBe('none');
      expect((await service.resolve(undefined)).status).toBe('none');
    });

    it('expires after 30 minutes without activity, activity keeps it alive', async () => {
      const { clock, service, a } = await setup();
      const { token } = await service.create({ accountId: a, ip: null, userAgent: null });
      clock.advance(IDLE_TIMEOUT_MS - 60_000);
      expect((await service.resolve(token)).status).toBe('active');
      clock.advance(IDLE_TIMEOUT_MS - 60_000);
      expect((await service.resolve(token)).status).toBe('active');
      clock.advance(IDLE_TIMEOUT_MS);
      const r = await service.resolve(token);
      expect(r).toMatchObject({ status: 'expired', reason: 'idle_timeout' });
      expect((await service.resolve(token)).status).toBe('none');
    });

    it('ends 12 hours after login whatever the activity, also after a rotation', async () => {
      const { clock, service, a } = await setup();
      let { token, session } = await service.create({ accountId: a, ip: null, userAgent: null });
      for (let t = 0; t < ABSOLUTE_TIMEOUT_MS - 20 * 60_000; t += 20 * 60_000) {
        clock.advance(20 * 60_000);
        expect((await service.resolve(token)).status).toBe('active');
      }
      ({ token, session } = await service.rotate(session, { ip: null, userAgent: null }));
      clock.advance(20 * 60_000);
      expect(await service.resolve(token)).toMatchObject({ status: 'expired', reason: 'absolute_timeout' });
    });

    it('rotation gives a new id and ends the old one; data is kept', async () => {
      const { service, a } = await setup();
      const first = await service.create({ accountId: a, ip: null, userAgent: null, data: { franceConnectIdToken: 'eyJ.x.y' } });
      const next = await service.rotate(first.session, { ip: '192.0.2.9', userAgent: 'Chrome' });
      expect(next.session.id).not.toBe(first.session.id);
      expect((await service.resolve(first.token)).status).toBe('none');
      const r = await service.resolve(next.token);
      expect(r.status === 'active' && r.session.data).toEqual({ franceConnectIdToken: 'eyJ.x.y' });
    });

    it('ends one session, all sessions but one, and lists the active ones', async () => {
      const { service, a, b } = await setup();
      const s1 = await service.create({ accountId: a, ip: null, userAgent: null });
      const s2 = await service.create({ accountId: a, ip: null, userAgent: null });
      const s3 = await service.create({ accountId: a, ip: null, userAgent: null });
      const other = await service.create({ accountId: b, ip: null, userAgent: null });
      expect((await service.activeOf(a)).map((s) => s.id).sort()).toEqual([s1, s2, s3].map((s) => s.session.id).sort());
      expect(await service.end(s3.session.id)).toBe(true);
      expect(await service.end(s3.session.id)).toBe(false);
      expect(await service.endAllOf(a, s1.session.id)).toBe(1);
      expect((await service.resolve(s1.token)).status).toBe('active');
      expect((await service.resolve(s2.token)).status).toBe('none');
      expect((await service.resolve(other.token)).status).toBe('active');
      expect((await service.activeOf(a)).map(sessionHandle)).toEqual([sessionHandle(s1.session)]);
      expect(await service.endAllOf(a)).toBe(1);
      expect(await service.activeOf(a)).toEqual([]);
    });

    it('keeps session data (a pending contact change, the FranceConnect id_token)', async () => {
      const { service, a } = await setup();
      const { token, session } = await service.create({ accountId: a, ip: null, userAgent: null });
      await service.setData(session.id, { pendingContact: { kind: 'sms', value: '+33612345678' } });
      const r = await service.resolve(token);
      expect(r.status === 'active' && r.session.data).toEqual({ pendingContact: { kind: 'sms', value: '+33612345678' } });
      await service.end(session.id);
      await service.setData(session.id, { x: 1 });
      expect((await service.resolve(token)).status).toBe('none');
    });
  },
);
