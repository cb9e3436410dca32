import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE as P } from '../../../src/demo/people';
import type { TestApp } from '../../support/app';
import { text } from '../../support/http';
import { demoApp, signedIn } from '../../household/support';

/**
 * After a separation, the one who left keeps what concerned them on the dossier as history: the
 * droit of their own (Nadia's AJPA) and its payments up to their departure, under the dossier they
 * left, said plainly — never « pas encore de droit » to someone who had one.
 */
describe('Mes droits, Mes paiements after a separation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('the conjoint who left sees her own past droit and its payments, and where she stands now', async () => {
    const nadia = await signedIn(t, P.nadiaPetit.nir);
    expect(text((await nadia.get('/mon-espace/droits')).body)).toContain('256,10 €');
    await nadia.get('/mon-espace/foyer/separation');
    const sent = await nadia.post('/mon-espace/foyer/separation', {
      'date-day': '1',
      'date-month': '11',
      'date-year': '2026',
      leaver: 'declarer',
      children: 'declarer',
      newLine1: '5 rue Neuve',
      newPostalCode: '35200',
      newCity: 'Rennes',
    });
    expect(sent.statusCode).toBe(303);

    const droits = text((await nadia.get('/mon-espace/droits')).body);
    expect(droits).not.toContain('pas encore');
    expect(droits).toMatch(
      /Vous n’êtes plus rattachée au dossier allocataire n° 2345678 depuis le \d+ \S+ 2026, à la suite d’une séparation\./,
    );
    expect(droits).toContain('Aucun droit n’est ouvert à votre nom pour le moment');
    expect(droits).toMatch(/Dossier n° 2345678, quitté le/);
    expect(droits).toContain('Allocation journalière du proche aidant');
    expect(droits).toContain('256,10 €');
    expect(droits).not.toContain('Prime d’activité'); // the dossier's other droits are not hers

    const paiements = text((await nadia.get('/mon-espace/paiements')).body);
    expect(paiements).not.toContain('pas encore');
    expect(paiements).toContain('Aucun paiement n’est prévu à votre nom pour le moment');
    expect(paiements).toContain('Voici les paiements qui vous concernaient sur ce dossier jusqu’à votre départ');
    expect(paiements).toContain('256,10 €');
    expect(paiements).not.toContain('Programmé');
    expect(paiements).not.toContain('187,30 €');

    expect(text((await nadia.get('/mon-espace')).body)).toContain('Vous n’êtes plus rattachée au dossier allocataire n° 2345678');
    expect(text((await nadia.get('/mon-espace/mes-informations')).body)).toContain(
      'Vous n’êtes plus rattachée au dossier allocataire n° 2345678',
    );

    // the responsable's view of the dossier is unchanged
    const thomas = await signedIn(t, P.thomasPetit.nir);
    expect(text((await thomas.get('/mon-espace/droits')).body)).toContain('Prime d’activité');
  });
});
