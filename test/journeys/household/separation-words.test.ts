import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE as P } from '../../../src/demo/people';
import type { TestApp } from '../../support/app';
import { text } from '../../support/http';
import { demoApp, signedIn } from '../../household/support';

/** A separation is a declaration, not a request: its data notice and « Mes démarches » say so. */
describe('the separation said as a declaration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('the form’s data notice, then « Mes déclarations » and « Suivi de la déclaration »', async () => {
    const nadia = await signedIn(t, P.nadiaPetit.nir);
    const form = text((await nadia.get('/mon-espace/foyer/separation')).body);
    expect(form).toContain('Votre déclaration sert à mettre à jour votre dossier');
    expect(form).not.toContain('la prestation demandée');
    await nadia.post('/mon-espace/foyer/separation', {
      'date-day': '1',
      'date-month': '11',
      'date-year': '2026',
      leaver: 'declarer',
      children: 'declarer',
      newLine1: '5 rue Neuve',
      newPostalCode: '35200',
      newCity: 'Rennes',
    });
    const res = await nadia.get('/mon-espace/demarches');
    const list = text(res.body);
    expect(list).toContain('Mes déclarations');
    expect(list).not.toContain('Mes demandes envoyées');
    expect(list).toContain('Voir le suivi de la déclaration Séparation déclarée');
    expect(list).not.toContain('de la demande Séparation déclarée');
    expect(list).toContain('Faire une demande de prestation');
    expect(list).not.toContain('Faire une autre demande');
    const id = /href="\/mon-espace\/demarches\/([^"/]+)">Voir le suivi/.exec(res.body)?.[1];
    const follow = text((await nadia.get(`/mon-espace/demarches/${id}`)).body);
    expect(follow).toContain('Suivi de la déclaration');
    expect(follow).not.toContain('Suivi de la demande');
  });

  it('a change of address is a declaration too', async () => {
    const julien = await signedIn(t, P.julienMoreau.nir);
    expect(text((await julien.get('/mon-espace/foyer/changement/adresse')).body)).toContain(
      'Votre déclaration sert à mettre à jour votre dossier',
    );
  });
});

/** Small words: the « Déclarer un changement » links as a screen reader reads them; the sharing box only when someone else would read. */
describe('household wording', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('« Déclarer un changement de l’adresse du foyer », « … de compte bancaire »', async () => {
    const julien = await signedIn(t, P.julienMoreau.nir);
    const page = text((await julien.get('/mon-espace/foyer/changement')).body);
    expect(page).toContain('Déclarer un changement de l’adresse du foyer');
    expect(page).toContain('Déclarer un changement de compte bancaire');
    expect(page).not.toMatch(/Déclarer un changement (l’adresse|le compte)/);
  });

  it('« Partager cet échange » only when another person manages the dossier, named', async () => {
    // Thomas manages alone (Nadia has no autorisation de gestion): nobody to share with.
    const thomas = await signedIn(t, P.thomasPetit.nir);
    expect((await thomas.get('/mon-espace/messages/nouveau')).body).not.toContain('name="share"');
    // Julien shares with Léa (autorisation de gestion), Nadia with Thomas.
    const julien = text((await (await signedIn(t, P.julienMoreau.nir)).get('/mon-espace/messages/nouveau')).body);
    expect(julien).toContain('Partager cet échange avec ceux qui gèrent le dossier');
    expect(julien).toContain('aujourd’hui, Léa MOREAU.');
    const nadia = text((await (await signedIn(t, P.nadiaPetit.nir)).get('/mon-espace/messages/nouveau')).body);
    expect(nadia).toContain('aujourd’hui, Thomas PETIT.');
  });
});
