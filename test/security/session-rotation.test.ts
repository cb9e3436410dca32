import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/session';
import { DEMO_PASSWORD } from '../../src/demo/seed';
import { DEMO_PEOPLE } from '../../src/demo/people';
import type { TestApp, TestBrowser } from '../support/app';
import { api, demoApp, signedIn } from '../household/support';
import { submitRefused } from '../support/http';

/**
 * Security regression (issue 20, point 10): the session is a capability, so it gets a new id when
 * what it stands for changes — a procuration given or taken back, a separation declared. The acting
 * person's session is rotated (new cookie, the old id worthless at once); the other member's
 * sessions are not rotated (nobody holds their cookie here) and rights are read at each request, so
 * they gain or lose the dossier at their next request; a separation ends the former partner's.
 */
const P = DEMO_PEOPLE;

describe('session rotation on a change of household privilege', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  }, 60_000);
  afterAll(() => t?.close());

  /** The status of GET `url` with exactly this session cookie (no browser). */
  const statusWith = async (token: string, url = '/mon-espace') =>
    (await t.app.inject({ method: 'GET', url, headers: { cookie: `${SESSION_COOKIE}=${token}` } })).statusCode;

  /** Runs `act` and checks that it rotated the browser's session: a new cookie that works, the old one refused. */
  async function expectRotated(b: TestBrowser, act: () => Promise<unknown>): Promise<void> {
    const before = b.cookie(SESSION_COOKIE)!;
    expect(await statusWith(before)).toBe(200);
    await act();
    const after = b.cookie(SESSION_COOKIE);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(await statusWith(after!)).toBe(200);
    expect(await statusWith(before)).toBe(303);
  }

  it('giving the procuration (page) rotates the responsable’s session; a wrong password does not', async () => {
    const thomas = await signedIn(t, P.thomasPetit.nir);
    const nadia = await signedIn(t, P.nadiaPetit.nir);
    const nadiaCookie = nadia.cookie(SESSION_COOKIE)!;
    await thomas.get('/mon-espace/foyer/autorisation-de-gestion');
    const unchanged = thomas.cookie(SESSION_COOKIE);
    // Refused: back to the page (303) with the error, the session unchanged.
    await submitRefused(
      thomas,
      '/mon-espace/foyer/autorisation-de-gestion/donner',
      { currentPassword: 'Mauvais2026' },
      '/mon-espace/foyer/autorisation-de-gestion',
    );
    expect(thomas.cookie(SESSION_COOKIE)).toBe(unchanged);

    await expectRotated(thomas, async () => {
      const granted = await thomas.post('/mon-espace/foyer/autorisation-de-gestion/donner', { currentPassword: DEMO_PASSWORD });
      expect(granted.headers.location).toBe('/mon-espace/foyer/autorisation-de-gestion');
    });
    // The conjoint keeps her session, and has the dossier's rights from her next request.
    expect(nadia.cookie(SESSION_COOKIE)).toBe(nadiaCookie);
    expect(await statusWith(nadiaCookie, '/mon-espace/foyer/changement')).toBe(200);
  });

  it('taking it back and giving it again (JSON API) rotate the responsable’s session too', async () => {
    const thomas = await signedIn(t, P.thomasPetit.nir);
    const nadia = await signedIn(t, P.nadiaPetit.nir);
    await expectRotated(thomas, async () => {
      const r = await api(thomas, 'POST', '/api/household/procuration/revoke', {});
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toEqual({ hasProcuration: false });
    });
    // Her session is the same, her rights are gone at her next request.
    expect((await nadia.get('/mon-espace/foyer/changement')).statusCode).toBe(403);
    expect((await nadia.get('/mon-espace')).statusCode).toBe(200);

    await expectRotated(thomas, async () => {
      const r = await api(thomas, 'POST', '/api/household/procuration/grant', { currentPassword: DEMO_PASSWORD });
      expect(r.statusCode, r.body).toBe(200);
    });
    await expectRotated(thomas, async () => {
      expect((await api(thomas, 'POST', '/api/household/procuration/revoke', {})).statusCode).toBe(200);
    });
  });

  it('a conjoint who declares a separation (page) keeps a session, under a new id; the responsable’s stays', async () => {
    const nadia = await signedIn(t, P.nadiaPetit.nir);
    const otherNadia = await signedIn(t, P.nadiaPetit.nir);
    const thomas = await signedIn(t, P.thomasPetit.nir);
    const thomasCookie = thomas.cookie(SESSION_COOKIE)!;
    await nadia.get('/mon-espace/foyer/separation');
    await expectRotated(nadia, async () => {
      const sent = await nadia.post('/mon-espace/foyer/separation', {
        'date-day': '10',
        'date-month': '11',
        'date-year': '2026',
        leaver: 'partner',
        children: 'none',
      });
      expect(sent.headers.location).toBe('/mon-espace/foyer/separation/envoyee');
    });
    expect((await nadia.get('/mon-espace/foyer/separation/envoyee')).statusCode).toBe(200);
    // Her other sessions are ended; the responsable's is untouched.
    expect(await statusWith(otherNadia.cookie(SESSION_COOKIE)!)).toBe(303);
    expect(await statusWith(thomasCookie)).toBe(200);
  });

  it('a responsable who declares a separation (JSON API) gets a new id; the former partner is signed out', async () => {
    const julien = await signedIn(t, P.julienMoreau.nir);
    const lea = await signedIn(t, P.leaMoreau.nir);
    await expectRotated(julien, async () => {
      const r = await api(julien, 'POST', '/api/household/separation', {
        date: '2026-11-20',
        leaver: 'partner',
        children: 'declarer',
      });
      expect(r.statusCode, r.body).toBe(201);
    });
    expect(await statusWith(lea.cookie(SESSION_COOKIE)!)).toBe(303);
  });
});
