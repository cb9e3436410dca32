import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../../src/demo/people';
import type { TestApp, TestBrowser } from '../../support/app';
import { text } from '../../support/http';
import { demoApp, signedIn } from '../../household/support';

/**
 * « Before starting, not after »: a member who may not ask for a household prestation learns it on
 * the catalogue and the prestation page (who can, by name, and what they can do instead); individual
 * prestations stay open; the one refusal page names who can act and leads back to « Mon espace »;
 * and no link a person is offered leads to a refusal.
 */
const P = DEMO_PEOPLE;
const MOREAU_MANAGERS =
  'Julien MOREAU, responsable du dossier, ou Léa MOREAU, sa conjointe, qui a l’autorisation de gestion, peut faire cette demande.';

describe('who can ask, said before starting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('a child over 15: the catalogue and the prestation page name who can ask, and offer what they can do', async () => {
    const hugo = await signedIn(t, P.hugoMoreau.nir);
    expect(text((await hugo.get('/aides-et-demarches/mes-demarches/logement')).body)).toContain(MOREAU_MANAGERS);
    const page = await hugo.get('/aides-et-demarches/prestations/aide-au-logement');
    expect(page.statusCode).toBe(200);
    const words = text(page.body);
    expect(words).toContain(MOREAU_MANAGERS);
    expect(words).toContain('Demander à Julien MOREAU ou à Léa MOREAU de faire cette demande');
    expect(words).not.toContain('Faire la demande');
    expect(page.body).toContain('href="/aides-et-demarches/prestations/ajpa"');
    expect(page.body).toContain('href="/mon-espace/foyer/separation"');
    // The way in that would lead to a refusal goes back to the page that explains.
    const way = await hugo.get('/aides-et-demarches/prestations/aide-au-logement/faire-la-demande');
    expect(way.statusCode).toBe(303);
    expect(way.headers.location).toBe('/aides-et-demarches/prestations/aide-au-logement');
    // An individual prestation stays open.
    const ajpa = text((await hugo.get('/aides-et-demarches/prestations/ajpa')).body);
    expect(ajpa).toContain('Faire la demande');
    expect(ajpa).not.toContain('peut faire cette demande');
  });

  it('the responsable and a person not yet allocataire see « Faire la demande » and no names', async () => {
    for (const nir of [P.julienMoreau.nir, P.camilleDurand.nir]) {
      const b = await signedIn(t, nir);
      const words = text((await b.get('/aides-et-demarches/prestations/aide-au-logement')).body);
      expect(words).toContain('Faire la demande');
      expect(words).not.toContain('peut faire cette demande');
    }
  });

  it('the one refusal page names who can act and leads back to « Mon espace »', async () => {
    const nadia = await signedIn(t, P.nadiaPetit.nir);
    for (const res of [await nadia.post('/mon-espace/demarches', { prestation: 'rsa' }), await nadia.get('/mon-espace/foyer/changement')]) {
      expect(res.statusCode).toBe(403);
      const words = text(res.body);
      expect(words).toContain('Vous ne pouvez pas faire cette démarche');
      expect(words).toContain('Thomas PETIT, responsable du dossier');
      expect(res.body).toContain('href="/mon-espace"');
      expect(words).toContain('Retour à mon espace');
    }
  });

  /** Every page reachable by following links from « Mon espace » and the catalogue, for each role: never a 403. */
  async function crawl(b: TestBrowser): Promise<Map<string, number>> {
    const seen = new Map<string, number>();
    const queue = ['/mon-espace', '/aides-et-demarches', '/aides-et-demarches/mes-demarches'];
    while (queue.length && seen.size < 120) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      const res = await b.get(url);
      seen.set(url, res.statusCode);
      if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('html')) continue;
      for (const m of res.body.matchAll(/<a [^>]*href="(\/[^"#?]*)[^"]*"/g)) {
        const href = m[1]!;
        if (!/^\/(mon-espace|aides-et-demarches)/.test(href) || href.endsWith('.pdf') || seen.has(href)) continue;
        queue.push(href);
      }
    }
    return seen;
  }

  for (const [name, nir] of [
    ['enfant de plus de 15 ans', P.hugoMoreau.nir],
    ['personne à charge', P.jeanneLeroy.nir],
    ['conjoint sans procuration', P.nadiaPetit.nir],
    ['conjoint avec procuration', P.leaMoreau.nir],
    ['responsable', P.sophieGarnier.nir],
  ] as const) {
    it(`${name}: no link offered leads to a refusal`, async () => {
      const seen = await crawl(await signedIn(t, nir));
      expect(seen.size).toBeGreaterThan(10);
      const refused = [...seen].filter(([, status]) => status === 403);
      expect(refused).toEqual([]);
    });
  }
});
