import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { continueRegistration, logInPages, person, sqliteCodeReader, startRegistration } from './journeys';
import { Client, startApp, startRedis, until, type AppProcess, type Daemon } from './support';

/**
 * Redis (a throwaway redis-server of this test) killed while the service runs: throttling goes on
 * with the database's counters — never unlimited guesses —, the logs and /ready say so, pages that
 * need no session keep working, and when Redis is back everything returns to it by itself.
 */
describe('Redis down', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mc-redis-'));
  let redis: Daemon | undefined;
  let app: AppProcess | undefined;
  afterAll(async () => {
    await app?.crash();
    await redis?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  // A refused login answers 303 to its own page (Post/Redirect/Get), which answers the wait: 429 and Retry-After.
  const guesses = async (c: Client, identifier: string, n: number) => {
    const statuses: string[] = [];
    for (let i = 0; i < n; i++) {
      const posted = await c.request('/connexion', { form: { _csrf: await c.csrf('/connexion'), identifier, password: 'Mauvais2026Mdp' } });
      const shown = await c.request(posted.headers.get('location') ?? '/connexion');
      statuses.push(`${posted.status} ${shown.status}${shown.headers.get('retry-after') ? ' Retry-After' : ''}`);
    }
    return statuses;
  };
  const heldAtTheSixth = [...Array(5).fill('303 200'), '303 429 Retry-After'];

  it('keeps throttling with the database, says so, and returns to Redis when it is back', { timeout: 180_000 }, async () => {
    redis = await startRedis();
    app = await startApp({ DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, REDIS_URL: redis.url });
    const c = new Client(app.url);
    expect((await c.request('/ready')).json().checks.rateLimits.store).toBe('redis');
    expect(await guesses(c, '190017512345001', 6)).toEqual(heldAtTheSixth);

    // A person signed in before the outage (sessions live in Redis).
    const file = join(dir, 'db.sqlite');
    const readCode = sqliteCodeReader(file);
    const p = person(1, 'redis');
    const signedIn = new Client(app.url);
    expect(await continueRegistration(signedIn, await startRegistration(signedIn), p, readCode)).toBe('completed');
    expect(await logInPages(signedIn, p.nir, p.email, readCode)).toEqual({ status: 303, location: '/mon-espace' });

    await redis.stop();
    const ready = await until(
      async () => {
        const r = await c.request('/ready');
        return r.status === 503 ? r.json<{ checks: { redis: { ok: boolean } } }>() : undefined;
      },
      20_000,
      '/ready to see Redis down',
    );
    expect(ready.checks.redis.ok).toBe(false);
    expect((await c.request('/health')).status).toBe(200);
    expect((await c.request('/')).status).toBe(200);
    // Signed-in pages cannot read the session: the 503 page, not a sign-out (the cookie is kept).
    const during = await signedIn.request('/mon-espace');
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(during.text).toContain('Service momentanément indisponible');
    // Guesses are still counted and slowed down — in the database now.
    expect(await guesses(c, '190017512345002', 6)).toEqual(heldAtTheSixth);
    expect((await c.request('/ready')).json().checks.rateLimits.store).toBe('database (Redis fallback)');
    expect(app.output()).toMatch(/redis: unreachable/);
    expect(app.output()).toMatch(/rate limits: Redis unreachable, counters in the database/);

    await redis.start();
    await until(async () => (await c.request('/ready')).status === 200, 30_000, '/ready after Redis is back');
    await guesses(c, '190017512345003', 1);
    expect((await c.request('/ready')).json().checks.rateLimits.store).toBe('redis');
    expect(app.output()).toMatch(/redis: connected/);
    // This Redis keeps no data across its restart (a persisted one would keep the session): the
    // person is then asked to sign in again — never an error page.
    const after = await signedIn.request('/mon-espace');
    expect([200, 303]).toContain(after.status);
    expect(app.output()).not.toMatch(/unexpected error/);
  });
});
