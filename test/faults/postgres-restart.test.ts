import { afterAll, describe, expect, it } from 'vitest';
import { Client, sleep, startApp, startPostgres, until, type AppProcess, type Daemon } from './support';

/**
 * PostgreSQL stopped and started again under load (a throwaway cluster of this test, not the
 * machine's): during the outage every request that needs the database gets the 503 page or JSON
 * error with Retry-After, /health stays 200 and /ready says 503; afterwards the service recovers by
 * itself (the pool drops the dead connections and opens new ones).
 */
describe('PostgreSQL restarted under load', () => {
  let pg: Daemon | undefined;
  let app: AppProcess | undefined;
  afterAll(async () => {
    await app?.crash();
    await pg?.destroy();
  });

  it('answers 503 + Retry-After during the outage, then recovers by itself', { timeout: 180_000 }, async () => {
    pg = await startPostgres();
    app = await startApp({ DATABASE_URL: pg.url, DATABASE_CONNECT_TIMEOUT_MS: '2000' });
    const c = new Client(app.url);
    expect((await c.request('/api/registration/flows', { json: {} })).status).toBe(201);
    const statuses: number[] = [];
    let stop = false;
    // Load: registrations started and login pages posted, continuously.
    const load = (async () => {
      while (!stop) {
        const [a, b] = await Promise.all([
          c
            .request('/api/registration/flows', { json: {} })
            .then((r) => r.status)
            .catch(() => 0),
          c
            .request('/connexion', {
              form: { _csrf: await c.csrf('/connexion').catch(() => ''), identifier: '190017512345678', password: 'Mauvais2026Mdp' },
            })
            .then((r) => r.status)
            .catch(() => 0),
        ]);
        statuses.push(a, b);
        await sleep(20);
      }
    })();
    await sleep(1000);
    await pg.stop();
    const during = await c.request('/api/registration/flows', { json: {} });
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(during.json().error.code).toBe('DATABASE_UNAVAILABLE');
    // A newcomer (no kept form of a refused login, whose reading needs the database): the form shows, its POST gets the 503 page.
    const newcomer = new Client(app.url);
    const page = await newcomer.request('/connexion', {
      form: { _csrf: await newcomer.csrf('/connexion'), identifier: '190017512345678', password: 'Mauvais2026Mdp' },
    });
    expect(page.status).toBe(503);
    expect(page.text).toContain('Service momentanément indisponible');
    expect((await c.request('/health')).status).toBe(200);
    const ready = await c.request('/ready');
    expect(ready.status).toBe(503);
    expect(ready.json().checks.database.ok).toBe(false);
    await sleep(1500);
    await pg.start();
    // Recovers with nothing done by hand.
    await until(async () => (await c.request('/ready')).status === 200, 30_000, '/ready after the restart');
    await until(
      async () => (await c.request('/api/registration/flows', { json: {} })).status === 201,
      30_000,
      'a registration after the restart',
    );
    stop = true;
    await load;
    // Under load: only successes, expected refusals (400/429) and 503 — never a 500.
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(statuses).toContain(503);
    expect(app.output()).not.toMatch(/unexpected error/);
  });
});
