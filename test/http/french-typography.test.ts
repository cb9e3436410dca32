import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRefused } from '../support/http';
import { DEMO_PEOPLE as P } from '../../src/demo/people';
import { TestBrowser, type TestApp } from '../support/app';
import { demoApp, signedIn } from '../household/support';
import { MARIE } from '../support/registration';

/**
 * The pages as a person reads them follow French typography: no ordinary space before « : » in any
 * text (headings, labels, sentences, error messages, the <title>), a non-breaking one instead
 * (src/http/views/typography.ts). Scanned on the pages of a few journeys: public, sign-in,
 * registration with errors, the personal space, droits and payments, « Mes données », household.
 */
const NBSP = '\u00a0';

/** The text of a page as written (tags out, entities read), its non-breaking spaces kept; what a person typed (<textarea>) and scripts left out. */
function pageText(body: string): string {
  return body
    .replace(/<(script|style|textarea)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, NBSP)
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Every « : » with an ordinary space (or a line break) before it, with the words around it. */
function plainSpacesBeforeColon(body: string): string[] {
  const t = pageText(body);
  return [...t.matchAll(/[^\S\u00a0]+:/g)].map((m) => t.slice(Math.max(0, m.index - 40), m.index + 20).replace(/\s+/g, ' '));
}

describe('a non-breaking space before « : » on the pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  });
  afterAll(() => t.close());

  const scan = async (b: TestBrowser, urls: string[]) => {
    const found: Record<string, string[]> = {};
    for (const url of urls) {
      const res = await b.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain(`${NBSP}:`);
      const plain = plainSpacesBeforeColon(res.body);
      if (plain.length) found[url] = plain;
    }
    expect(found).toEqual({});
  };

  it('public pages, sign-in, and the registration with its errors', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/creer-mon-compte/nouveau');
    await scan(b, ['/', '/connexion', '/aides-et-demarches', '/donnees-personnelles', '/creer-mon-compte/etat-civil']);
    const errors = await submitRefused(b, '/creer-mon-compte/etat-civil', {
      ...MARIE,
      nir: `${MARIE.nir.slice(0, 13)}00`,
      'birthDate-month': '13',
    });
    expect(errors.body).toContain(`<title>Erreur${NBSP}: `);
    expect(plainSpacesBeforeColon(errors.body)).toEqual([]);
  });

  it('the personal space: home, droits, payments, « Mes données », « Mes informations », household changes, démarches', async () => {
    const b = await signedIn(t, P.julienMoreau.nir);
    await scan(b, [
      '/mon-espace',
      '/mon-espace/droits',
      '/mon-espace/paiements',
      '/mon-espace/mes-donnees',
      '/mon-espace/mes-informations',
      '/mon-espace/foyer/changement',
      '/mon-espace/foyer/autorisation-de-gestion',
      '/mon-espace/demarches',
    ]);
  });

  it('those who see only what concerns them', async () => {
    await scan(await signedIn(t, P.hugoMoreau.nir), ['/mon-espace', '/mon-espace/paiements']);
  });
});
