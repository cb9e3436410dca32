import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createTestAccount, logInWithPage } from '../../support/accounts';
import { useBrowserApp, watchedPage } from '../../support/browser';

/**
 * A page of a démarche's form refused for its errors answers a redirect to itself (POST → 303 →
 * GET): in Chromium the page shows the error summary, the errors at their fields and the answers
 * typed, at the step's own address; then Back — after following a link, or at once — loads pages
 * by GET, never « Confirm Form Resubmission » (ERR_CACHE_MISS) nor the POST sent again.
 */
describe('Back after a démarche’s step refused, in Chromium', () => {
  const app = useBrowserApp();

  /** The form posts sent by navigations of `page` from now on. */
  function navigationPosts(page: Page): string[] {
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.isNavigationRequest() && r.method() === 'POST') posts.push(r.url());
    });
    return posts;
  }

  async function refusedAddress(page: Page): Promise<void> {
    await page.getByLabel('Numéro et nom de la voie').fill('12 rue Didot');
    await page.getByLabel('Code postal').fill('7501');
    await page.getByLabel('Commune').fill('Paris');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
  }

  it('« Adresse » with a wrong postcode: the errors and the answers typed; Back after a link, and at once, are GETs', async () => {
    app.t.ctx.resources = { monthly: async () => undefined };
    const account = await createTestAccount(app.t.ctx);
    const { page, problems } = await watchedPage(app.browser);
    page.setDefaultTimeout(10_000);
    await logInWithPage(page, app.base, app.t.ctx, account);
    await page.goto(`${app.base}/aides-et-demarches/prestations/aide-au-logement/faire-la-demande`);
    await page.click('button:has-text("Commencer ma demande")');
    await page.waitForURL((u) => u.pathname.endsWith('/etapes/situation-familiale'));
    await page.getByLabel('Célibataire').check();
    await page.getByLabel('Combien d’enfants avez-vous à charge ?').fill('1');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/etapes/adresse'));
    const address = page.url();

    await refusedAddress(page);
    const posts = navigationPosts(page);
    // The step's own address, « Erreur : » in the title, the summary linking to the field, the answers typed.
    expect(page.url()).toBe(address);
    expect(await page.title()).toMatch(/^Erreur\u00a0: /);
    expect(await page.locator('.govuk-error-summary a[href="#code_postal"]').count()).toBe(1);
    expect(await page.locator('#code_postal-error').textContent()).toMatch(/code postal/i);
    expect(await page.inputValue('#code_postal')).toBe('7501');
    expect(await page.getByLabel('Numéro et nom de la voie').inputValue()).toBe('12 rue Didot');
    expect(await page.getByLabel('Commune').inputValue()).toBe('Paris');

    // « Retour » to the previous step, then Back: the address step again, by a GET, its errors gone (shown once).
    await page.locator('nav[aria-label="Page précédente"] a').click();
    await page.waitForURL((u) => u.pathname.endsWith('/etapes/situation-familiale'));
    const back = await page.goBack();
    expect(back, 'Back loaded a page').not.toBeNull();
    expect(back!.request().method()).toBe('GET');
    expect(back!.status()).toBe(200);
    expect(page.url()).toBe(address);
    expect(await page.locator('#code_postal').count()).toBe(1);
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    expect(await page.title()).not.toMatch(/^Erreur/);

    // Refused again, then Back at once: a page of ours loaded by a GET (or from the cache), never the POST again.
    await refusedAddress(page);
    posts.length = 0;
    const before = await page.goBack();
    expect(before === null || before.request().method() === 'GET').toBe(true);
    expect(page.url().startsWith(app.base)).toBe(true);
    expect(await page.locator('main').count()).toBe(1);
    expect(posts).toEqual([]);
    expect(problems).toEqual([]);
  });
});
