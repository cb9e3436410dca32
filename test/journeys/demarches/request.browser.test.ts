import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findAccountByNir } from '../../../src/accounts/repository';
import { listDemarches } from '../../../src/demarches/repository';
import { nirKey } from '../../../src/identity';
import { lastCode } from '../../support/outbox';
import { expectAccessible, useBrowserApp, watchedPage } from '../../support/browser';

/**
 * A newcomer's whole request in Chromium: « Aide au logement » from the catalogue, « Créer un
 * compte », login, the form page by page (one error on the way), « Vérifiez vos réponses » with a
 * « Modifier », the déclaration sur l'honneur, the accusé de réception and its PDF — axe-core on
 * every page, a screenshot of each in /tmp/request-*.png.
 */
const PASSWORD = 'Logement2026Caf';
const NIR_BODY = '2910375114321';
const NIR = NIR_BODY + nirKey(NIR_BODY);

describe('a request in Chromium', () => {
  const app = useBrowserApp();
  let shots = 0;

  async function check(page: Page, problems: string[], name: string): Promise<void> {
    await expectAccessible(page, name);
    expect(problems).toEqual([]);
    shots++;
    await page.screenshot({ path: `/tmp/request-${String(shots).padStart(2, '0')}-${name}.png`, fullPage: true });
  }

  async function continueTo(page: Page, path: string): Promise<void> {
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.waitForURL((u) => u.pathname.endsWith(path));
  }

  // A long journey (about 20 pages, each checked by axe-core): more time than the default 30 s.
  it('a newcomer picks « Aide au logement », creates an account, fills the form, submits and downloads the receipt', {
    timeout: 180_000,
  }, async () => {
    const { page, problems } = await watchedPage(app.browser);
    page.setDefaultTimeout(10_000);
    const db = app.t.ctx.database.db;
    // The resources feed knows nothing of this newcomer: the form says so and asks.
    app.t.ctx.resources = { monthly: async () => undefined };

    await page.goto(`${app.base}/aides-et-demarches/mes-demarches`);
    await page.getByRole('link', { name: 'Logement' }).click();
    await page.getByRole('link', { name: 'Aide au logement' }).click();
    await check(page, problems, 'prestation');
    await page.getByRole('button', { name: 'Faire la demande' }).click();
    await page.getByRole('button', { name: 'Créer un compte' }).click();
    await page.getByRole('button', { name: 'Commencer' }).click();

    // Créer Mon Compte, briefly (its own journey is tested in registration.test.ts).
    await page.fill('#nir', NIR);
    await page.getByLabel('Madame', { exact: true }).check();
    await page.fill('#birthName', 'Lefèvre');
    await page.fill('#givenNames', 'Inès');
    for (const [field, v] of [
      ['#birthDate', '3'],
      ['#birthDate-month', '3'],
      ['#birthDate-year', '1991'],
    ])
      await page.fill(field!, v!);
    await page.getByLabel('En France (métropole ou outre-mer)').check();
    await page.locator('#communeQuery').pressSequentially('Paris 14', { delay: 20 });
    await page.locator('.autocomplete__option', { hasText: '75114' }).first().click();
    await continueTo(page, '/titre-identite');
    await page.getByLabel('Carte nationale d’identité').check();
    await page.getByLabel('Numéro de la carte d’identité').fill('X4RTBPFW4');
    await continueTo(page, '/coordonnees');
    await page.getByLabel('Adresse mail', { exact: true }).first().check();
    await page.fill('#email', 'ines.lefevre@example.fr');
    await page.getByRole('button', { name: 'Envoyer le code' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/code'));
    await page.fill('#code', await lastCode(db, 'ines.lefevre@example.fr'));
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/mot-de-passe'));
    await page.fill('#password', PASSWORD);
    await page.fill('#passwordConfirmation', PASSWORD);
    await continueTo(page, '/recapitulatif');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/compte-cree'));
    const account = (await findAccountByNir(db, NIR))!;
    expect((await listDemarches(db, account.id)).map((d) => [d.prestation, d.status])).toEqual([['aide-au-logement', 'brouillon']]);

    // Log in: straight back into the request set out for (PRODUCT 1.1); « Mon espace » also offers to continue it.
    await page.goto(`${app.base}/connexion`);
    await page.fill('#identifier', NIR);
    await page.fill('#password', PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/connexion/code'));
    await page.fill('#code', await lastCode(app.t.ctx, 'ines.lefevre@example.fr'));
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/etapes/situation-familiale'));
    await page.goto(`${app.base}/mon-espace`);
    await check(page, problems, 'mon-espace');
    await page.getByRole('link', { name: 'Continuer ma demande d’Aide au logement' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/etapes/situation-familiale'));
    await check(page, problems, 'situation-familiale');
    await page.getByLabel('Célibataire').check();
    await page.getByLabel('Combien d’enfants avez-vous à charge ?').fill('1');
    await continueTo(page, '/etapes/adresse');
    await check(page, problems, 'adresse');
    await page.getByLabel('Numéro et nom de la voie').fill('12 rue Didot');
    await page.getByLabel('Code postal').fill('75014');
    await page.getByLabel('Commune').fill('Paris');
    await continueTo(page, '/etapes/occupation');
    await check(page, problems, 'occupation');
    await page.locator('#date_entree').fill('1');
    await page.locator('#date_entree-month').fill('10');
    await page.locator('#date_entree-year').fill('2026');
    await page.getByLabel('Colocataire').check();
    await continueTo(page, '/etapes/loyer');
    // An error at the field: the value typed stays, the summary links to the field.
    await page.getByLabel('Loyer mensuel hors charges').fill('trois cents');
    await page.getByLabel('Charges mensuelles').fill('25');
    await page.getByLabel('Surface habitable').fill('14');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.title()).toMatch(/^Erreur\u00a0: /);
    expect(await page.locator('#loyer-error').textContent()).toContain(
      'Le loyer hors charges doit être un montant en euros, par exemple 450 ou 450,50',
    );
    expect(await page.locator('#loyer').inputValue()).toBe('trois cents');
    await check(page, problems, 'loyer-erreur');
    await page.getByLabel('Loyer mensuel hors charges').fill('380');
    await continueTo(page, '/etapes/bailleur');
    await check(page, problems, 'bailleur');
    await page.getByLabel('Un professionnel').check();
    await page.getByLabel('Nom du bailleur').fill('Paris Habitat');
    await page.getByLabel('Adresse du bailleur').fill('21 bis rue Claude Bernard 75005 Paris');
    await continueTo(page, '/etapes/bailleur-siret');
    await check(page, problems, 'bailleur-siret');
    await page.getByLabel('Numéro SIRET du bailleur').fill('732 829 320 00074');
    await continueTo(page, '/etapes/ressources-inconnues-vous');
    await page.getByLabel('Salaires', { exact: true }).fill('9800');
    await page.getByLabel('Pensions et retraites', { exact: true }).fill('0');
    await continueTo(page, '/etapes/autres-ressources-vous');
    await continueTo(page, '/etapes/compte-bancaire');
    await page.getByLabel('IBAN').fill('FR76 3000 6000 0112 3456 7890 189');
    await page.getByLabel('Nom du titulaire du compte').fill('Inès Lefèvre');
    await check(page, problems, 'compte-bancaire');
    await continueTo(page, '/verifier');
    await check(page, problems, 'verifier');

    // « Modifier » the rent, back to the recap.
    await page.getByRole('link', { name: 'Modifier loyer mensuel hors charges' }).click();
    await page.getByLabel('Loyer mensuel hors charges').fill('395,50');
    await page.getByRole('button', { name: 'Enregistrer et revenir au récapitulatif' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/verifier'));
    expect(await page.locator('main').textContent()).toContain('395,50 €');

    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await check(page, problems, 'declaration-manquante');
    await page.getByLabel(/Je déclare sur l’honneur/).check();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/accuse-de-reception'));
    const [sent] = await listDemarches(db, account.id);
    expect(sent).toMatchObject({ status: 'envoyee' });
    expect(await page.locator('.govuk-panel').textContent()).toContain(sent!.reference!);
    await check(page, problems, 'accuse-de-reception');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger l’accusé de réception (PDF)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`accuse-de-reception-${sent!.reference}.pdf`);
    await file.saveAs('/tmp/request-accuse-de-reception.pdf');

    await page.getByRole('link', { name: 'Suivi de ma demande' }).click();
    await page.waitForURL((u) => u.pathname === `/mon-espace/demarches/${sent!.id}`);
    expect(await page.locator('main').textContent()).toContain('Envoyée');
    await check(page, problems, 'suivi');
    await page.goto(`${app.base}/mon-espace/demarches`);
    await check(page, problems, 'mes-demarches');
  });
});
