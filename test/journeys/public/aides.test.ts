import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, logIn } from '../../support/accounts';
import { text } from '../../support/http';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';

/**
 * « Aides et démarches » shows the themes on its own page; the seed's path (Aides et démarches →
 * Mes démarches → thème → prestation → Faire la demande) still works; a signed-in person is never
 * offered the catalogue under the name of their own « Mes démarches ».
 */
describe('« Aides et démarches »', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());
  const THEMES = ['Logement', 'Vie personnelle', 'Vie professionnelle', 'Accident de vie', 'Handicap'];
  const links = (body: string) => [...body.matchAll(/<a class="govuk-link[^"]*" href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);

  it('shows the themes on its own page, and keeps the seed’s path for a visitor', async () => {
    const b = new TestBrowser(t.app);
    const aides = await b.get('/aides-et-demarches');
    const words = text(aides.body);
    expect(words).toContain('Faites une demande de prestation en ligne');
    for (const theme of THEMES) expect(words).toContain(theme);
    expect(aides.body).toContain('href="/aides-et-demarches/mes-demarches/logement"');
    // The seed's words: « Mes démarches » leads to the themes.
    expect(links(aides.body)).toContainEqual(['/aides-et-demarches/mes-demarches', 'Mes démarches']);
    const catalogue = await b.get('/aides-et-demarches/mes-demarches');
    expect(catalogue.body).toContain('<h1 class="govuk-heading-xl">Faire une demande en ligne</h1>');
    expect((await b.get('/aides-et-demarches/mes-demarches/logement')).body).toContain(
      'href="/aides-et-demarches/prestations/aide-au-logement"',
    );
  });

  it('tells a signed-in person that the catalogue is not their « Mes démarches », and where theirs are', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    const aides = await b.get('/aides-et-demarches');
    const found = links(aides.body);
    // « Mes démarches » is only ever their own list; the catalogue has its own name.
    expect(found.filter(([, label]) => label === 'Mes démarches')).toEqual([['/mon-espace/demarches', 'Mes démarches']]);
    expect(found).toContainEqual(['/aides-et-demarches/mes-demarches', 'Toutes les prestations à demander en ligne']);
    expect(text(aides.body)).toContain(
      'Cette page présente toutes les prestations que l’on peut demander en ligne : ce ne sont pas vos démarches.',
    );
    for (const theme of THEMES) expect(text(aides.body)).toContain(theme);
    const catalogue = await b.get('/aides-et-demarches/mes-demarches');
    expect(text(catalogue.body)).toContain('Vos demandes en cours sont dans Mes démarches, dans votre espace.');
    expect(links(catalogue.body)).toContainEqual(['/mon-espace/demarches', 'Mes démarches']);
  });
});
