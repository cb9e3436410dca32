import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessage } from '../../src/messaging';
import { buildTestApp, type TestApp } from '../support/app';

describe('/health and /ready', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('/health answers while the process lives; /ready details the database, Redis, rate limits, outbox and audit', async () => {
    const health = await t.app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    expect(health.headers['cache-control']).toBe('no-store');
    const ready = await t.app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ready',
      checks: {
        database: { ok: true, dialect: 'sqlite' },
        redis: { ok: true, configured: false },
        rateLimits: { store: 'database' },
        outbox: { ok: true, oldestDueSeconds: 0, overdueLeases: 0 },
        audit: { pending: 0 },
      },
    });
  });

  it('says « degraded » when the delivery worker lags (a message due for more than a minute)', async () => {
    await enqueueMessage(t.ctx.database.db, { channel: 'email', to: 'a@exemple.fr', subject: 'Code', text: 'x' }, t.ctx.clock.now());
    t.clock.advance(120_000);
    const ready = await t.app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'degraded', checks: { outbox: { ok: false, oldestDueSeconds: 120 } } });
  });

  it('answers 503 when the database cannot answer', async () => {
    const other = await buildTestApp();
    await other.ctx.database.destroy();
    const ready = await other.app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'unavailable', checks: { database: { ok: false } } });
    expect((await other.app.inject({ url: '/health' })).statusCode).toBe(200);
    await other.app.close();
  });
});
