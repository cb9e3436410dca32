import type { Account } from '../../../src/accounts/repository';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { createTestAccount } from '../../support/accounts';

/**
 * Timing: a wrong password for an existing identifier and any password for an unknown identifier
 * cost the same (one argon2id verification with the configured parameters — here the defaults,
 * m=19 MiB, t=2, p=1). Over many interleaved tries, the medians must be within 25 % of each other.
 */
describe('no enumeration by timing (real argon2id, default parameters)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('answers existing and unknown identifiers in the same time (medians within 25 %)', async () => {
    expect(t.ctx.config.argon2).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const TRIES = 40;
    const accounts: Account[] = [];
    for (let i = 0; i < TRIES; i++) accounts.push(await createTestAccount(t.ctx));
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    const csrf = b.csrfToken();
    const cookie = `mc_csrf=${b.cookie('mc_csrf')}`;
    const attempt = async (identifier: string, i: number) => {
      const start = process.hrtime.bigint();
      const res = await t.app.inject({
        method: 'POST',
        url: '/connexion',
        // A different address and identifier each time: the throttle never interferes.
        remoteAddress: `10.0.${i % 200}.${Math.floor(i / 200) + 1}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', cookie },
        payload: new URLSearchParams({ _csrf: csrf, identifier, password: 'PasLeBon2026' }).toString(),
      });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      expect(res.statusCode).toBe(303);
      return ms;
    };
    // Warm-up (the dummy hash is computed once, lazily).
    for (let i = 0; i < 3; i++) await attempt(`10000000000000${i}`, 900 + i);
    const existing: number[] = [];
    const unknown: number[] = [];
    // Interleaved, in alternating order (ABBA…), so that a burst of load elsewhere hits both sides alike.
    for (let i = 0; i < TRIES; i++) {
      const e = () => attempt(accounts[i]!.login_id, 2 * i);
      const u = () => attempt(`19901751${String(1_000_000 + i).slice(1)}9`, 2 * i + 1);
      if (i % 2 === 0) {
        existing.push(await e());
        unknown.push(await u());
      } else {
        unknown.push(await u());
        existing.push(await e());
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)]!;
    const [me, mu] = [median(existing), median(unknown)];
    const gap = Math.abs(me - mu) / Math.max(me, mu);
    expect(gap, `median existing ${me.toFixed(2)} ms, unknown ${mu.toFixed(2)} ms`).toBeLessThan(0.25);
    // And both really run argon2id (not a shortcut): several milliseconds each.
    expect(Math.min(me, mu)).toBeGreaterThan(2);
  });
});
