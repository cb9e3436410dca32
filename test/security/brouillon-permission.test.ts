import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDemarche } from '../../src/demarches/repository';
import { DEMO_PASSWORD } from '../../src/demo/seed';
import { DEMO_PEOPLE } from '../../src/demo/people';
import type { TestApp, TestBrowser } from '../support/app';
import { api, demoApp, signedIn } from '../household/support';

const P = DEMO_PEOPLE;

/**
 * Issue 20, point 7: a brouillon of a household prestation is the household's. Léa (conjoint)
 * starts one while she holds the procuration; once Julien revokes it, saving a page is refused
 * like sending it — by the JSON API and by the form pages — and nothing she sends is stored.
 */
describe('saving a household brouillon asks the permission of sending it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  }, 60_000);
  afterAll(() => t?.close());

  const put = (b: TestBrowser, url: string, payload: unknown) =>
    b.request({
      method: 'PUT',
      url,
      payload: payload as object,
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    });
  const address = (street: string) => ({ adresse: street, code_postal: '44000', commune: 'Nantes' });

  it('Léa saves pages while she holds the procuration, and no longer once it is revoked (API and pages)', async () => {
    const lea = await signedIn(t, P.leaMoreau.nir);
    const julien = await signedIn(t, P.julienMoreau.nir);
    const started = await lea.postJson('/api/demarches', { prestation: 'aide-au-logement' });
    expect(started.statusCode).toBe(201);
    const d = started.json();
    const url = `/api/demarches/${d.id}/pages/adresse`;
    const first = await put(lea, url, { version: d.version, answers: address('3 rue des Lilas') });
    expect(first.statusCode).toBe(200);
    const version = first.json().version;

    expect((await api(julien, 'POST', '/api/household/procuration/revoke', {})).json()).toEqual({ hasProcuration: false });

    const refused = await put(lea, url, { version, answers: address('9 rue du Piège') });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'DEMARCHE_FORBIDDEN', message: expect.stringMatching(/peut/) });
    // The form page (a browser without JavaScript) is refused the same way.
    await lea.get(`/mon-espace/demarches/${d.id}/etapes/adresse`);
    const page = await lea.post(`/mon-espace/demarches/${d.id}/etapes/adresse`, address('9 rue du Piège'));
    expect(page.statusCode).toBe(403);
    // the one refusal page: who can act, by name, now that Léa has no procuration any more
    expect(page.body).toMatch(/MOREAU, responsable du dossier, peut faire cette demande/);
    // Sending stays refused too, and nothing of what she typed was stored.
    expect((await lea.postJson(`/api/demarches/${d.id}/envoi`, { version, declaration: true })).statusCode).toBe(403);
    const stored = await findDemarche(t.ctx.database.db, d.id);
    expect(stored).toMatchObject({ status: 'brouillon', version, answers: { adresse: '3 rue des Lilas' } });

    // Given back, the procuration lets her carry on where she was.
    const grant = await api(julien, 'POST', '/api/household/procuration/grant', { currentPassword: DEMO_PASSWORD });
    expect(grant.json()).toEqual({ hasProcuration: true });
    expect((await put(lea, url, { version, answers: address('5 rue des Lilas') })).statusCode).toBe(200);
  });

  it('an individual brouillon (AJPA) stays hers to fill without a procuration', async () => {
    const hugo = await signedIn(t, P.hugoMoreau.nir);
    const started = await hugo.postJson('/api/demarches', { prestation: 'ajpa' });
    expect(started.statusCode).toBe(201);
    const d = started.json();
    const r = await put(hugo, `/api/demarches/${d.id}/pages/lien`, { version: d.version, answers: { lien: 'parent' } });
    expect(r.statusCode).toBe(200);
  });
});
