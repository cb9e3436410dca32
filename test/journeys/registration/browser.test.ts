import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findAccountByNir } from '../../../src/accounts/repository';
import { expectAccessible, useBrowserApp } from '../../support/browser';
import { lastCode } from '../../support/outbox';
import { freshNir, REGISTRATION_PASSWORD } from '../../support/registration';

describe('Créer Mon Compte in Chromium', () => {
  const app = useBrowserApp();

  /** Every page: French, accessible, no CSP violation or failed asset; a screenshot for review. */
  async function check(page: Page, problems: string[], shot: string): Promise<void> {
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    if (await page.evaluate(() => document.body.classList.contains('js-enabled'))) await expectAccessible(page, shot);
    else await expectAccessibleWithoutJs(page, shot);
    expect(problems).toEqual([]);
    await page.screenshot({ path: `/tmp/registration-${shot}.png`, fullPage: true });
  }

  /**
   * axe-core needs JavaScript timers, which a context without JavaScript does not run: the page as
   * the person sees it (its DOM, scripts removed, same styles) is checked in a helper page.
   */
  async function expectAccessibleWithoutJs(page: Page, shot: string): Promise<void> {
    const dom = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/g, '').replace('<head>', `<head><base href="${app.base}/">`);
    const helper = await app.browser.newPage();
    await helper.setContent(dom, { waitUntil: 'load' });
    await expectAccessible(helper, `${shot} (sans JavaScript)`);
    await helper.close();
  }

  async function newPage(o: { javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
    const context = await app.browser.newContext({ javaScriptEnabled: o.javaScriptEnabled ?? true, locale: 'fr-FR' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('console', (m) => {
      // A 400 page (form errors) is logged by Chromium as a failed load: not a problem.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.request().resourceType() !== 'document' && r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    return { page, context, problems };
  }

  async function fillCivilStatus(
    page: Page,
    o: { nir?: string; civility: 'Madame' | 'Monsieur'; birthName: string; givenNames: string; day: string; month: string; year: string },
  ) {
    if (o.nir) await page.fill('#nir', o.nir);
    else await page.getByLabel('Je n’ai pas de numéro de sécurité sociale').check();
    await page.getByLabel(o.civility, { exact: true }).check();
    await page.fill('#birthName', o.birthName);
    await page.fill('#givenNames', o.givenNames);
    await page.fill('#birthDate', o.day);
    await page.fill('#birthDate-month', o.month);
    await page.fill('#birthDate-year', o.year);
  }

  async function chooseWithAutocomplete(page: Page, field: string, typed: string, optionText: string) {
    await page.locator(`#${field}`).click();
    await page.locator(`#${field}`).pressSequentially(typed, { delay: 30 });
    const option = page.locator('.autocomplete__option', { hasText: optionText }).first();
    await option.waitFor();
    await option.click();
  }

  it('with a NIR and an e-mail: the whole journey, from a prestation to the confirmation', async () => {
    const { page, context, problems } = await newPage();
    const nir = freshNir();
    await page.goto(`${app.base}/aides-et-demarches`);
    await check(page, problems, '01-aides-et-demarches');
    await page.getByRole('link', { name: 'Mes démarches' }).click();
    await check(page, problems, '02-mes-demarches');
    await page.getByRole('link', { name: 'Logement' }).click();
    await page.getByRole('link', { name: 'Aide au logement' }).click();
    await check(page, problems, '03-prestation');
    await page.getByRole('button', { name: 'Faire la demande' }).click();
    await check(page, problems, '04-faire-la-demande');
    await page.getByRole('button', { name: 'Créer un compte' }).click();
    await check(page, problems, '05-commencer');
    await page.getByRole('button', { name: 'Commencer' }).click();
    await expect.poll(() => page.url()).toContain('/creer-mon-compte/etat-civil');
    await check(page, problems, '06-etat-civil');

    await fillCivilStatus(page, {
      nir,
      civility: 'Madame',
      birthName: 'Dupont',
      givenNames: 'Marie Claire',
      day: '15',
      month: '5',
      year: '1990',
    });
    await page.getByLabel('En France (métropole ou outre-mer)').check();
    await chooseWithAutocomplete(page, 'communeQuery', 'Paris 14', '75114');
    await check(page, problems, '07-etat-civil-rempli');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.url()).toContain('/titre-identite');
    expect(await page.textContent('.mc-steps')).toContain('Étape 2 sur 6 — Titre d’identité');
    await check(page, problems, '08-titre-identite');
    await page.getByLabel('Carte nationale d’identité').check();
    await page.getByLabel('Numéro de la carte d’identité').fill('X4RTBPFW4');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.url()).toContain('/coordonnees');
    await check(page, problems, '09-coordonnees');
    await page.getByLabel('Adresse mail', { exact: true }).first().check();
    await page.fill('#email', 'marie.navigateur@example.fr');
    await page.getByRole('button', { name: 'Envoyer le code' }).click();
    await expect.poll(() => page.url()).toContain('/creer-mon-compte/code');
    // The resend button waits for the cooldown, with a counter that moves.
    await expect.poll(() => page.locator('#resend').isDisabled()).toBe(true); // disabled by the page's script once it has run
    const before = await page.locator('[data-countdown]').textContent();
    await page.waitForTimeout(2100);
    const after = await page.locator('[data-countdown]').textContent();
    expect(after).not.toBe(before);
    expect(after).toMatch(/dans 5\d secondes/);
    await check(page, problems, '10-code');
    await page.fill('#code', await lastCode(app.t.ctx.database.db, 'marie.navigateur@example.fr'));
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect.poll(() => page.url()).toContain('/mot-de-passe');
    // The live checklist ticks the rules as the person types.
    await page.locator('#password').pressSequentially('abc1', { delay: 10 });
    expect(await page.locator('li[data-rule="digit"]').getAttribute('class')).toContain('mc-checklist--ok');
    expect((await page.locator('li[data-rule="upper"]').getAttribute('class')) ?? '').not.toContain('mc-checklist--ok');
    await check(page, problems, '11-mot-de-passe-en-cours');
    await page.fill('#password', REGISTRATION_PASSWORD);
    await page.locator('#password').dispatchEvent('input');
    expect(await page.locator('li.mc-checklist--ok').count()).toBe(5);
    await page.fill('#passwordConfirmation', REGISTRATION_PASSWORD);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.url()).toContain('/recapitulatif');
    const recap = await page.textContent('main');
    expect(recap).toContain('Aide au logement');
    expect(recap).toContain('Paris 14e Arrondissement');
    await check(page, problems, '12-recapitulatif');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect.poll(() => page.url()).toContain('/compte-cree');
    expect(await page.textContent('h1')).toContain('Votre demande de création de compte est enregistrée');
    expect(await page.content()).not.toContain(REGISTRATION_PASSWORD);
    await check(page, problems, '13-compte-cree');
    expect(await findAccountByNir(app.t.ctx.database.db, nir)).toBeDefined();
    await context.close();
  });

  it('without NIR, by SMS: the identifiant provisoire is shown clearly', async () => {
    const { page, context, problems } = await newPage();
    await page.goto(`${app.base}/mon-compte`);
    await check(page, problems, '20-mon-compte');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect.poll(() => page.url()).toContain('/etat-civil');
    await fillCivilStatus(page, { civility: 'Madame', birthName: 'Souza', givenNames: 'Ana Paula', day: '8', month: '3', year: '1995' });
    await page.getByLabel('À l’étranger').check();
    await chooseWithAutocomplete(page, 'countryQuery', 'Brés', 'Brésil');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.url()).toContain('/titre-identite');
    await page.getByLabel('Titre de séjour').check();
    await page.getByLabel('Numéro étranger').fill('1234567890');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByLabel('Numéro de téléphone portable', { exact: true }).first().check();
    await page.fill('#phone', '06 11 22 33 44');
    await page.getByRole('button', { name: 'Envoyer le code' }).click();
    await expect.poll(() => page.url()).toContain('/creer-mon-compte/code');
    expect(await page.textContent('main')).toContain('par SMS au numéro suivant\u00a0: 06 11 22 33 44');
    await page.fill('#code', await lastCode(app.t.ctx.database.db, '+33611223344'));
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.fill('#password', REGISTRATION_PASSWORD);
    await page.fill('#passwordConfirmation', REGISTRATION_PASSWORD);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.url()).toContain('/recapitulatif');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect.poll(() => page.url()).toContain('/compte-cree');
    const id = await page.textContent('.mc-provisional-id');
    expect(id).toMatch(/^P [2-9A-Z]{4} [2-9A-Z]{4} [2-9A-Z]$/);
    expect(await page.textContent('main')).toContain('Notez-le et gardez-le précieusement');
    await check(page, problems, '21-compte-cree-identifiant-provisoire');
    await context.close();
  });

  it('without a French identity document, with a wrong code, a wrong confirmation and a reload mid-way', async () => {
    const { page, context, problems } = await newPage();
    await page.goto(`${app.base}/creer-mon-compte/nouveau`);
    await fillCivilStatus(page, {
      nir: freshNir(),
      civility: 'Madame',
      birthName: 'Dupont',
      givenNames: 'Marie',
      day: '15',
      month: '5',
      year: '1990',
    });
    await page.getByLabel('En France (métropole ou outre-mer)').check();
    // First an error: the summary comes first, the values typed are kept.
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.url()).toContain('/etat-civil');
    expect(await page.textContent('.govuk-error-summary')).toContain('Saisissez le nom de votre commune de naissance');
    expect(await page.inputValue('#givenNames')).toBe('Marie');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await check(page, problems, '30-etat-civil-erreur');
    await chooseWithAutocomplete(page, 'communeQuery', 'Paris 14', '75114');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.url()).toContain('/titre-identite');
    await page.getByLabel('Je ne dispose pas d’une pièce d’identité française').check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.url()).toContain('/coordonnees');
    // Reload mid-way, then « Retour »: nothing is lost.
    await page.waitForLoadState('load');
    await page.reload({ waitUntil: 'load' });
    expect(await page.getByLabel('Adresse mail', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Retour' }).click();
    await expect.poll(() => page.url()).toContain('/titre-identite');
    expect(await page.getByLabel('Je ne dispose pas d’une pièce d’identité française').isChecked()).toBe(true);
    await page.getByRole('link', { name: 'Retour' }).click();
    expect(await page.inputValue('#givenNames')).toBe('Marie');
    await page.goto(`${app.base}/creer-mon-compte/coordonnees`);
    await page.getByLabel('Adresse mail', { exact: true }).first().check();
    await page.fill('#email', 'marie.erreurs@example.fr');
    await page.getByRole('button', { name: 'Envoyer le code' }).click();
    await expect.poll(() => page.url()).toContain('/creer-mon-compte/code');
    const good = await lastCode(app.t.ctx.database.db, 'marie.erreurs@example.fr');
    await page.fill('#code', good === '123456' ? '654321' : '123456');
    await page.getByRole('button', { name: 'Valider' }).click();
    expect(await page.textContent('#code-error')).toContain('Il vous reste 4 essais');
    await check(page, problems, '31-code-erreur');
    await page.fill('#code', good);
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect.poll(() => page.url()).toContain('/mot-de-passe');
    await page.fill('#password', REGISTRATION_PASSWORD);
    await page.fill('#passwordConfirmation', 'Secret2026Cag');
    await page.getByRole('button', { name: 'Continuer' }).click();
    expect(await page.textContent('#passwordConfirmation-error')).toContain('Les deux mots de passe ne sont pas identiques');
    expect(await page.inputValue('#password')).toBe('');
    await check(page, problems, '32-mot-de-passe-erreur');
    await page.fill('#password', REGISTRATION_PASSWORD);
    await page.fill('#passwordConfirmation', REGISTRATION_PASSWORD);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.url()).toContain('/recapitulatif');
    expect(await page.textContent('main')).toContain('identité à confirmer');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect.poll(() => page.url()).toContain('/compte-cree');
    expect(await page.textContent('main')).toContain('Votre identité est « à confirmer »');
    await check(page, problems, '33-compte-cree-a-confirmer');
    await context.close();
  });

  it('works with JavaScript switched off (commune search by button, radios)', async () => {
    const { page, context, problems } = await newPage({ javaScriptEnabled: false });
    await page.goto(`${app.base}/creer-mon-compte`);
    await page.getByRole('button', { name: 'Commencer' }).click();
    await fillCivilStatus(page, {
      nir: '160077504408792',
      civility: 'Monsieur',
      birthName: 'Lefort',
      givenNames: 'Bernard André',
      day: '14',
      month: '7',
      year: '1960',
    });
    await page.getByLabel('En France (métropole ou outre-mer)').check();
    await page.fill('#communeQuery', 'Levallois');
    await page.getByRole('button', { name: 'Rechercher la commune' }).click();
    await expect.poll(() => page.url()).toContain('/etat-civil');
    await check(page, problems, '40-sans-js-recherche-commune');
    await page.getByLabel('Levallois-Perret').first().check();
    expect(await page.textContent('main')).toContain('Seine (75) — code INSEE 75044');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.url()).toContain('/titre-identite');
    await page.getByLabel('Passeport français').check();
    await page.getByLabel('Numéro du passeport').fill('12AB34567');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByLabel('Adresse mail', { exact: true }).first().check();
    await page.fill('#email', 'bernard.sansjs@example.fr');
    await page.getByRole('button', { name: 'Envoyer le code' }).click();
    await expect.poll(() => page.url()).toContain('/creer-mon-compte/code');
    // Without JavaScript the button is there; the server refuses an early resend.
    await page.getByRole('button', { name: 'Renvoyer un code' }).click();
    expect(await page.textContent('.govuk-error-summary')).toMatch(/Vous pourrez en demander un nouveau dans \d+ secondes/);
    await check(page, problems, '41-sans-js-renvoi-trop-tot');
    await page.fill('#code', await lastCode(app.t.ctx.database.db, 'bernard.sansjs@example.fr'));
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.fill('#password', REGISTRATION_PASSWORD);
    await page.fill('#passwordConfirmation', REGISTRATION_PASSWORD);
    await check(page, problems, '42-sans-js-mot-de-passe');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.url()).toContain('/recapitulatif');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect.poll(() => page.url()).toContain('/compte-cree');
    expect(await findAccountByNir(app.t.ctx.database.db, '160077504408792')).toMatchObject({
      birth_place_code: '75044',
      identity_status: 'confirmed',
    });
    await check(page, problems, '43-sans-js-compte-cree');
    await context.close();
  }, 60_000);
});
