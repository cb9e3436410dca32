import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLoginId } from '../../../src/accounts/repository';
import { DEMO_PEOPLE } from '../../../src/demo/people';
import { DEMO_PASSWORD, seedDemoData } from '../../../src/demo/seed';
import { logInWithPage } from '../../support/accounts';
import { lastCode as lastCodeSentTo } from '../../support/outbox';
import { expectAccessible, useBrowserApp, watchedPage } from '../../support/browser';

/**
 * The household in Chromium, one journey per demo role, axe-core on every page (screenshots in
 * /tmp/household-*.png): the responsable grants then revokes the autorisation de gestion; the
 * conjoint with it manages the dossier; the conjoint without it declares a separation; the child
 * over 15 modifies their contact details.
 */
const P = DEMO_PEOPLE;

describe('the household in Chromium', () => {
  const app = useBrowserApp();
  beforeAll(async () => {
    await seedDemoData(app.t.ctx);
  });

  async function check(page: Page, name: string): Promise<void> {
    await expectAccessible(page, name);
    await page.screenshot({ path: `/tmp/household-${name}.png`, fullPage: true });
  }
  async function logIn(page: Page, nir: string) {
    const account = (await findAccountByLoginId(app.t.ctx.database.db, nir))!;
    await logInWithPage(page, app.base, app.t.ctx, account, DEMO_PASSWORD);
    return account;
  }
  const go = async (page: Page, link: string, path: string) => {
    await page.click(`a:has-text("${link}")`);
    await page.waitForURL(`${app.base}${path}`);
  };

  it('the responsable (Thomas Petit) gives the autorisation de gestion after his password, then takes it back', async () => {
    const { page, problems } = await watchedPage(app.browser);
    await logIn(page, P.thomasPetit.nir);
    await check(page, 'responsable-1-mon-espace');
    expect(await page.textContent('main')).toContain('Dossier allocataire n° 2345678 — Responsable du dossier.');
    await go(page, 'Mes informations', '/mon-espace/mes-informations');
    await check(page, 'responsable-2-mes-informations');
    await page.goto(`${app.base}/mon-espace`);
    await go(page, 'Autorisation de gestion de ma conjointe', '/mon-espace/foyer/autorisation-de-gestion');
    await check(page, 'responsable-3-autorisation');
    await page.click('button:has-text("Donner l’autorisation de gestion")');
    expect(await page.textContent('.govuk-error-summary')).toContain('Saisissez votre mot de passe actuel.');
    await check(page, 'responsable-4-autorisation-erreur');
    await page.fill('#currentPassword', DEMO_PASSWORD);
    await page.click('button:has-text("Donner l’autorisation de gestion")');
    await page.waitForURL(`${app.base}/mon-espace/foyer/autorisation-de-gestion`);
    await page.waitForSelector('.govuk-notification-banner--success');
    expect(await page.textContent('main')).toContain('Nadia PETIT a l’autorisation de gestion depuis le');
    await check(page, 'responsable-5-autorisation-donnee');
    await page.click('button:has-text("Retirer l’autorisation de gestion")');
    await page.waitForSelector('text=L’autorisation de gestion a été retirée à votre conjointe.');
    expect(await page.textContent('main')).toContain('L’autorisation de gestion a été retirée à votre conjointe.');
    await check(page, 'responsable-6-autorisation-retiree');
    await page.goto(`${app.base}/mon-espace`);
    expect(await page.textContent('main')).toContain('Vous avez retiré l’autorisation de gestion à votre conjointe.');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the conjoint with the autorisation de gestion (Léa Moreau), on a phone, declares a new bank account (password and code) and a new address', async () => {
    const { page, problems } = await watchedPage(app.browser);
    await page.setViewportSize({ width: 375, height: 740 });
    const lea = await logIn(page, P.leaMoreau.nir);
    await go(page, 'Déclarer un changement (adresse, compte bancaire)', '/mon-espace/foyer/changement');
    await check(page, 'conjoint-procuration-1-changement');
    await page.click('a:has-text("Déclarer un changement de compte bancaire")');
    await page.waitForURL(`${app.base}/mon-espace/foyer/changement/compte-bancaire`);
    await page.fill('#iban', 'FR76 3000 6000 0112 3456 7890 198');
    await page.fill('#holder', 'MOREAU Léa');
    await page.click('button:has-text("Recevoir un code")');
    expect(await page.textContent('#iban-error')).toContain('sa clé de contrôle ne correspond pas');
    await check(page, 'conjoint-procuration-2-iban-erreur');
    await page.fill('#iban', 'FR14 2004 1010 0505 0001 3M02 606');
    await page.click('button:has-text("Recevoir un code")');
    await page.waitForSelector('h1:has-text("Confirmer le nouveau compte bancaire")');
    await check(page, 'conjoint-procuration-2b-iban-confirmation');
    // A wrong password: back to the step's page (Post/Redirect/Get), said at its field, the IBAN still
    // there; the password and the code are typed again (never kept).
    const code = await lastCodeSentTo(app.t.ctx, lea.contact_value);
    await page.fill('#currentPassword', 'Mauvais2026');
    await page.fill('#code', code);
    await page.click('button:has-text("Enregistrer le nouveau compte")');
    expect(await page.textContent('#currentPassword-error')).toContain('Votre mot de passe actuel est incorrect.');
    expect(page.url()).toBe(`${app.base}/mon-espace/foyer/changement/compte-bancaire/confirmation`);
    expect(await page.inputValue('#iban')).toBe('FR14 2004 1010 0505 0001 3M02 606');
    expect(await page.inputValue('#code')).toBe('');
    await check(page, 'conjoint-procuration-2c-iban-mot-de-passe-faux');
    await page.fill('#currentPassword', DEMO_PASSWORD);
    await page.fill('#code', code);
    await page.click('button:has-text("Enregistrer le nouveau compte")');
    await page.waitForURL(`${app.base}/mon-espace/foyer/changement`);
    await page.waitForSelector('text=Votre nouveau compte bancaire a été enregistré.');
    expect(await page.textContent('main')).toContain('FR14 •••• •••• 2606');
    expect(await page.textContent('main')).toContain('ou dès que la Caf l’aura confirmé.');
    await check(page, 'conjoint-procuration-2d-iban-enregistre');
    await page.click('a:has-text("Déclarer un changement de l’adresse du foyer")');
    await page.waitForURL(`${app.base}/mon-espace/foyer/changement/adresse`);
    await check(page, 'conjoint-procuration-3-adresse');
    await page.fill('#line1', '9 rue Crébillon');
    await page.fill('#postalCode', '44000');
    await page.fill('#city', 'Nantes');
    await page.fill('#since', '2');
    await page.fill('#since-month', '11');
    await page.fill('#since-year', '2026');
    await page.click('button:has-text("Enregistrer la nouvelle adresse")');
    await page.waitForURL(`${app.base}/mon-espace/foyer/changement`);
    await page.waitForSelector('text=Votre changement d’adresse a été enregistré.');
    expect(await page.textContent('main')).toContain('9 rue Crébillon');
    await check(page, 'conjoint-procuration-4-changements-faits');
    await page.goto(`${app.base}/mon-espace/foyer/demarches`);
    await check(page, 'conjoint-procuration-5-demarches-foyer');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the conjoint without it (Nadia Petit) cannot manage the dossier, and declares a separation', async () => {
    const { page, problems } = await watchedPage(app.browser);
    await logIn(page, P.nadiaPetit.nir);
    expect(await page.textContent('main')).not.toContain('Déclarer un changement');
    await page.goto(`${app.base}/mon-espace/foyer/changement`);
    expect(await page.textContent('h1')).toBe('Vous ne pouvez pas faire cette démarche');
    await check(page, 'conjoint-1-refus');
    await page.goto(`${app.base}/mon-espace`);
    await go(page, 'Déclarer une séparation', '/mon-espace/foyer/separation');
    await check(page, 'conjoint-2-separation');
    await page.fill('#date', '14');
    await page.fill('#date-month', '11');
    await page.fill('#date-year', '2026');
    await page.check('#leaver');
    await page.fill('#newLine1', '5 rue Neuve');
    await page.fill('#newPostalCode', '35200');
    await page.fill('#newCity', 'Rennes');
    await page.check('#children-3');
    await check(page, 'conjoint-3-separation-remplie');
    await page.click('button:has-text("Envoyer ma déclaration")');
    await page.waitForURL(`${app.base}/mon-espace/foyer/separation/envoyee`);
    await check(page, 'conjoint-4-separation-envoyee');
    await go(page, 'Mes démarches', '/mon-espace/demarches');
    expect(await page.textContent('main')).toContain('Séparation déclarée');
    await check(page, 'conjoint-5-mes-demarches');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the child over 15 (Hugo Moreau) modifies his contact details with a code; the old address is told', async () => {
    const { page, problems } = await watchedPage(app.browser);
    await logIn(page, P.hugoMoreau.nir);
    expect(await page.textContent('main')).toContain('Enfant');
    await go(page, 'Modifier mes coordonnées', '/mon-espace/securite/contact');
    await check(page, 'enfant-1-coordonnees');
    await page.check('#kind');
    await page.fill('#email', 'hugo.nouveau@example.fr');
    await page.fill('#currentPassword', DEMO_PASSWORD);
    await page.click('button:has-text("Recevoir un code")');
    await page.waitForURL(`${app.base}/mon-espace/securite/contact/code`);
    await page.fill('#code', await lastCodeSentTo(app.t.ctx, 'hugo.nouveau@example.fr'));
    await page.click('button:has-text("Valider")');
    await page.waitForURL(`${app.base}/mon-espace/securite`);
    await page.waitForSelector('text=Vos coordonnées de contact ont été modifiées.');
    await page.goto(`${app.base}/mon-espace/mes-informations`);
    expect(await page.textContent('main')).toContain('hugo.nouveau@example.fr');
    expect(await page.textContent('main')).toContain('Vous avez modifié vos coordonnées de contact.');
    await check(page, 'enfant-2-mes-informations');
    const told = await app.t.ctx.database.db
      .selectFrom('outbox_messages')
      .select('subject')
      .where('recipient', '=', 'hugo.moreau@example.fr')
      .execute();
    expect(told.map((m) => m.subject)).toContain('Vos coordonnées de contact ont été modifiées');
    await page.goto(`${app.base}/mon-espace/foyer/separation`);
    // The seed allows a child over 15 to declare a separation: the Caf checks it first.
    expect(await page.textContent('main')).toContain('La Caf vérifie votre déclaration avant de modifier le dossier.');
    await check(page, 'enfant-3-separation');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a child under 15 (Lucas Garnier) is told at « Créer Mon Compte » why he cannot have an account yet, and what his parents can do', async () => {
    const { page, problems } = await watchedPage(app.browser);
    await page.goto(`${app.base}/creer-mon-compte/nouveau`);
    await page.waitForURL(/\/creer-mon-compte\/etat-civil/);
    await page.fill('#nir', P.lucasGarnier.nir);
    await page.getByLabel('Monsieur', { exact: true }).check();
    await page.fill('#birthName', 'Garnier');
    await page.fill('#givenNames', 'Lucas');
    await page.fill('#birthDate', '8');
    await page.fill('#birthDate-month', '2');
    await page.fill('#birthDate-year', '2015');
    await page.getByLabel('En France (métropole ou outre-mer)').check();
    await page.locator('#communeQuery').click();
    await page.locator('#communeQuery').pressSequentially('Toulouse', { delay: 30 });
    await page.locator('.autocomplete__option', { hasText: '31555' }).first().click();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.locator('#birthDate-error').waitFor();
    expect(await page.textContent('#birthDate-error')).toContain('Vous devez avoir au moins 15 ans pour créer votre espace Mon Compte.');
    expect(await page.textContent('main')).not.toMatch(/Sophie|3456789/);
    await check(page, 'enfant-moins-15-ans-refus');
    expect(problems).toEqual([]);
    await page.close();
  });
});
