import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/accounts/repository';
import { expectAccessible, useBrowserApp, watchedPage } from '../../support/browser';
import { createTestAccount, logInWithPage } from '../../support/accounts';

/** « Mes démarches » in Chromium: the prestation chosen before login, shown after it; axe on every page. */
describe('Mes démarches in Chromium', () => {
  const app = useBrowserApp();

  async function check(page: Page, name: string): Promise<void> {
    await expectAccessible(page, name);
    await page.screenshot({ path: `/tmp/demarches-${name}.png`, fullPage: true });
  }

  const logIn = (page: Page, account: Account) => logInWithPage(page, app.base, app.t.ctx, account);

  it('« Faire la demande », login, then the brouillon on /mon-espace, its form, and /mon-espace/demarches', async () => {
    const account = await createTestAccount(app.t.ctx);
    const { page, problems } = await watchedPage(app.browser);
    await page.goto(`${app.base}/aides-et-demarches/prestations/prime-activite`);
    await page.click('a:has-text("Faire la demande")');
    await page.waitForURL(`${app.base}/aides-et-demarches/prestations/prime-activite/faire-la-demande`);
    await page.click('a:has-text("Se connecter")');
    await page.waitForURL(`${app.base}/connexion`);
    await logIn(page, account);
    // Straight back to the request set out for, at its first page (PRODUCT 1.1)…
    expect(new URL(page.url()).pathname).toMatch(/\/mon-espace\/demarches\/[\w-]+\/etapes\/situation-familiale$/);
    expect(await page.textContent('title')).toContain('Prime d’activité');
    // …and « Mon espace » offers to continue it.
    await page.goto(`${app.base}/mon-espace`);
    await check(page, '1-mon-espace');
    // « Continuer ma demande » leads into the form, at its first page.
    await page.click('a:has-text("Continuer ma demande de Prime d’activité")');
    await page.waitForURL((u) => u.pathname.endsWith('/etapes/situation-familiale'));
    await check(page, '2-formulaire');
    await page.goto(`${app.base}/mon-espace/demarches`);
    expect(await page.textContent('h1')).toBe('Mes démarches');
    expect(await page.textContent('main')).toContain('Brouillon');
    await check(page, '2-mes-demarches');

    // Signed in, a second prestation (a minute later): started with the button, into its form.
    app.t.clock.advance(60_000);
    await page.goto(`${app.base}/aides-et-demarches/prestations/rsa/faire-la-demande`);
    await check(page, '3-faire-la-demande-connecte');
    await page.click('button:has-text("Commencer ma demande")');
    await page.waitForURL((u) => u.pathname.endsWith('/etapes/situation-familiale'));
    await page.goto(`${app.base}/mon-espace/demarches`);
    expect(await page.locator('main h3.govuk-summary-card__title').allTextContents()).toEqual([
      'Revenu de solidarité active (RSA)',
      'Prime d’activité',
    ]);
    await check(page, '4-deux-demarches');
    await page.click('a:has-text("Mon espace")');
    await page.waitForURL(`${app.base}/mon-espace`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('without any démarche', async () => {
    const account = await createTestAccount(app.t.ctx);
    const { page, problems } = await watchedPage(app.browser);
    await logIn(page, account);
    await page.click('a:has-text("Mes démarches")');
    await page.waitForURL(`${app.base}/mon-espace/demarches`);
    expect(await page.textContent('main')).toContain('Vous n’avez pas de démarche en cours.');
    await check(page, '5-aucune-demarche');
    await page.click('a:has-text("Faire une demande de prestation")');
    await page.waitForURL(`${app.base}/aides-et-demarches`);
    expect(problems).toEqual([]);
    await page.close();
  });
});
