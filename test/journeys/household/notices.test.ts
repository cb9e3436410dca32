import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/demo/seed';
import { DEMO_PEOPLE as P } from '../../../src/demo/people';
import { NOTICE_TTL_MS } from '../../../src/http/flash';
import type { TestApp } from '../../support/app';
import { text } from '../../support/http';
import { demoApp, signedIn } from '../../household/support';

const GRANTED = 'a reçu l’autorisation de gestion. Nous l’en avons informé';
const REVOKED = 'L’autorisation de gestion a été retirée';
const PROCURATION = '/mon-espace/foyer/autorisation-de-gestion';

/**
 * A confirmation is shown once, right after the action — never from the URL: Back, a reload or an
 * old address show the page as it is, never a success the state contradicts.
 */
describe('the household’s confirmations are one-time notices', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('given then taken back: each confirmation once; Back to the old address shows the state, not a stale success', async () => {
    const thomas = await signedIn(t, P.thomasPetit.nir);
    await thomas.get(PROCURATION);
    const granted = await thomas.post(`${PROCURATION}/donner`, { currentPassword: DEMO_PASSWORD });
    expect(granted.headers.location).toBe(PROCURATION);
    expect(text((await thomas.get(PROCURATION)).body)).toContain(GRANTED);
    expect(text((await thomas.get(PROCURATION)).body)).not.toContain(GRANTED); // a reload

    await thomas.post(`${PROCURATION}/retirer`, {});
    const revoked = text((await thomas.get(PROCURATION)).body);
    expect(revoked).toContain(REVOKED);
    // Back to the address the tester had in their history: the state, no banner.
    const back = text((await thomas.get(`${PROCURATION}?fait=donnee`)).body);
    expect(back).not.toContain(GRANTED);
    expect(back).not.toContain(REVOKED);
    expect(back).toContain('n’a pas l’autorisation de gestion');
  });

  it('a notice is for its page only, and one never shown is dropped after a while', async () => {
    const julien = await signedIn(t, P.julienMoreau.nir);
    await julien.get('/mon-espace/foyer/changement/adresse');
    const moved = await julien.post('/mon-espace/foyer/changement/adresse', {
      line1: '1 rue Haute',
      postalCode: '44000',
      city: 'Nantes',
      'since-day': '1',
      'since-month': '11',
      'since-year': '2026',
    });
    expect(moved.headers.location).toBe('/mon-espace/foyer/changement');
    await julien.get('/mon-espace'); // another page first: the notice waits for its own
    t.clock.advance(NOTICE_TTL_MS + 1000);
    expect(text((await julien.get('/mon-espace/foyer/changement')).body)).not.toContain('Votre changement d’adresse a été enregistré.');
  });
});
