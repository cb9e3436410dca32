import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlaceData } from '../../src/identity';
import { createTestAccount, logIn } from '../support/accounts';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { parserInput, parsers, probe, requestArbitrary, routesOf, type Route } from '../support/fuzz';

/**
 * Property tests: arbitrary strings, bytes and shapes at every parser and every route (found in the
 * server's route table), anonymous and signed in: never a 500, never a stack trace, always an error
 * of the catalogue. The long run (≥ 1 million inputs) is `npx tsx scripts/fuzz.ts`.
 */
describe('fuzzing', () => {
  let t: TestApp;
  let routes: Route[];
  beforeAll(async () => {
    loadPlaceData();
    t = await buildTestApp();
    routes = routesOf(t.app);
  });
  afterAll(() => t.close());

  it('finds every route of the server', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(routes).toContainEqual({ method: 'POST', path: '/api/registration/flows/:id/civil-status' });
    expect(routes).toContainEqual({ method: 'POST', path: '/mon-espace/securite/mot-de-passe' });
  });

  it.each(parsers)('%s never throws', (_name, parse) => {
    fc.assert(
      fc.property(parserInput, (s) => {
        parse(s);
      }),
      { numRuns: 1500 },
    );
  });

  it('every route, anonymous: never a 500, never a stack trace, always a catalogue error', { timeout: 120_000 }, async () => {
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    await fc.assert(
      fc.asyncProperty(
        requestArbitrary(routes, () => b.csrfToken()),
        async (req) => {
          expect(await probe(t.app, req, `mc_csrf=${b.cookie('mc_csrf')}`)).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every route, signed in: the same', { timeout: 120_000 }, async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    await b.get('/mon-espace/securite');
    const cookie = () => `mc_csrf=${b.cookie('mc_csrf')}; mc_session=${b.cookie('mc_session')}`;
    // Logging out or ending sessions would leave the rest of the run anonymous: those routes are in the anonymous run.
    const signedInRoutes = routes.filter((r) => !/deconnexion|sessions/.test(r.path));
    await fc.assert(
      fc.asyncProperty(
        requestArbitrary(signedInRoutes, () => b.csrfToken()),
        async (req) => {
          expect(await probe(t.app, req, cookie())).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});
