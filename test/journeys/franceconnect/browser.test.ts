import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByNir } from '../../../src/accounts/repository';
import { findCitizen, generateStandinKeys, type RunningStandin } from '../../../src/franceconnect-standin';
import { buildTestApp, type TestApp } from '../../support/app';
import { expectAccessible, launchBrowser } from '../../support/browser';
import { configFor, startStandinFor } from '../../support/franceconnect';
import { lastCode } from '../../support/outbox';

/**
 * Create an account with FranceConnect, log out through FranceConnect, log in with it — in
 * Chromium, the application and the stand-in each on a loopback port. The application's base URL
 * must be known before it starts (its redirect URIs are registered at the provider), so a free
 * port is chosen first and the application listens on it.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const ANGELA = findCitizen('angela-dubois-paris')!;

describe('FranceConnect in Chromium', () => {
  let t: TestApp;
  let standin: RunningStandin;
  let browser: Browser;
  let base: string;
  let standinChecked = false;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    standin = await startStandinFor(base);
    t = await buildTestApp({ config: configFor(standin.issuerUrl, { PORT: String(port), BASE_URL: base }) });
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await standin?.close();
  });

  async function check(page: Page, name: string): Promise<void> {
    await expectAccessible(page, name);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `/tmp/fc-${name}.png`, fullPage: true });
  }

  /** On the stand-in's page: choose the test citizen and confirm. */
  async function chooseAtFranceConnect(page: Page, citizenId: string): Promise<void> {
    await page.waitForURL(`${standin.issuerUrl}/interaction/**`);
    expect(await page.locator('h1').innerText()).toContain('identité de test');
    if (!standinChecked) {
      standinChecked = true;
      await check(page, '03-fournisseur-franceconnect');
    }
    await page.check(`input[value="${citizenId}"]`);
    await page.click('button:has-text("Se connecter")');
  }

  it('creates an account with FranceConnect, logs out through FranceConnect, then logs in with it', async () => {
    const page = await browser.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().includes('Content Security Policy')) cspErrors.push(m.text());
    });

    // « Mon Compte » → « S’identifier avec FranceConnect »
    await page.goto(`${base}/mon-compte`);
    await check(page, '01-mon-compte');
    await page.click('a:has-text("Qu’est-ce que FranceConnect ?")');
    expect(page.url()).toBe(`${base}/franceconnect/qu-est-ce-que-franceconnect`);
    await check(page, '02-qu-est-ce-que-franceconnect');
    await page.goBack();
    await page.click('button.mc-franceconnect__button');
    await chooseAtFranceConnect(page, ANGELA.id);

    // Locked certified identity, NIR found in the répertoire.
    await page.waitForURL(`${base}/franceconnect/creation`);
    await check(page, '04-identite-certifiee');
    const summary = await page.locator('.govuk-summary-list').innerText();
    for (const shown of ['Angela Claire Louise', 'DUBOIS', '24 août 1962', '75112', '2 62 08 75 112 084 57'])
      expect(summary).toContain(shown);
    expect(await page.locator('main input:not([type="hidden"])').count()).toBe(0);
    await page.click('button:has-text("Continuer")');

    // Contact: the e-mail FranceConnect gave is offered.
    await page.waitForURL(`${base}/franceconnect/coordonnees`);
    expect(await page.locator('#email').inputValue()).toBe(ANGELA.email);
    await check(page, '05-coordonnees');
    await page.fill('#email', 'angela.dubois@example.org');
    await page.click('button:has-text("Envoyer le code")');

    await page.waitForURL(`${base}/franceconnect/code`);
    // The registration's code step: the resend button waits for the countdown, help to change the details.
    expect(await page.locator('#resend').isDisabled()).toBe(true);
    expect(await page.locator('[data-countdown]').textContent()).toMatch(
      /Vous pourrez demander un nouveau code dans (60|59|58) secondes\./,
    );
    expect(await page.getByRole('link', { name: 'Modifiez vos coordonnées de contact' }).getAttribute('href')).toBe(
      '/franceconnect/coordonnees',
    );
    await check(page, '06-code');
    await page.fill('#code', '000001');
    await page.click('button:has-text("Valider")');
    await page.waitForURL(`${base}/franceconnect/code`);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Le code de vérification n’est pas le bon. Il vous reste 4 essais.',
    );
    await check(page, '07-code-erreur');
    await page.fill('#code', await lastCode(t.ctx.database.db, 'angela.dubois@example.org'));
    await page.click('button:has-text("Valider")');

    await page.waitForURL(`${base}/franceconnect/compte-cree`);
    await check(page, '08-compte-cree');
    const account = await findAccountByNir(t.ctx.database.db, ANGELA.nir!);
    expect(account?.identity_status).toBe('certified');
    expect(account?.franceconnect_sub).toBeTruthy();
    await page.click('a:has-text("Accéder à mon espace")');
    await page.waitForURL(`${base}/mon-espace`);
    await check(page, '09-mon-espace');

    // « Se déconnecter »: our session ends, then FranceConnect's, and back with the state checked.
    await page.click('button:has-text("Se déconnecter")');
    await page.waitForURL(`${base}/franceconnect/logout-callback?**`);
    expect(await page.locator('h1').innerText()).toContain('Vous êtes déconnecté(e)');
    await check(page, '10-deconnecte');
    await page.goto(`${base}/mon-espace`);
    expect(new URL(page.url()).pathname).toBe('/connexion');

    // Log in with FranceConnect from /connexion: straight to the personal space.
    await check(page, '11-connexion');
    await page.click('button.mc-franceconnect__button');
    await chooseAtFranceConnect(page, ANGELA.id);
    await page.waitForURL(`${base}/mon-espace`);
    expect(await page.locator('h1').innerText()).toContain('Angela DUBOIS');
    await check(page, '12-mon-espace-connexion');

    // No password yet: « Sécurité du compte » offers to create one, without asking for a password
    // (the FranceConnect login is recent), and the password then works for the next login.
    await page.click('a:has-text("Sécurité du compte")');
    await page.waitForURL(`${base}/mon-espace/securite`);
    await check(page, '14-securite-sans-mot-de-passe');
    await page.click('a:has-text("Créer")');
    await page.waitForURL(`${base}/mon-espace/securite/mot-de-passe`);
    expect(await page.locator('h1').innerText()).toBe('Créer mon mot de passe');
    expect(await page.locator('#currentPassword').count()).toBe(0);
    await check(page, '15-creer-mot-de-passe');
    await page.fill('#password', 'Angela2026Caf');
    await page.fill('#passwordConfirmation', 'Angela2026Caf');
    await page.click('button:has-text("Créer mon mot de passe")');
    await page.waitForURL(`${base}/mon-espace/securite`);
    await page.waitForSelector('.govuk-notification-banner--success');
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Votre mot de passe a été créé.');
    await check(page, '16-mot-de-passe-cree');

    expect(cspErrors).toEqual([]);
    await page.close();
    // Some twenty pages and two rounds at the provider: more than the default 30 s on a loaded machine.
  }, 90_000);

  it('after a key rotation at FranceConnect, the next login works at once (the new kid is fetched)', async () => {
    // Angela's account exists (first test): a new signing key, then « S’identifier avec FranceConnect ».
    await standin.rotateKeys(await generateStandinKeys('ES256'));
    const page = await browser.newPage();
    await page.goto(`${base}/connexion`);
    await page.click('button.mc-franceconnect__button');
    await chooseAtFranceConnect(page, ANGELA.id);
    await page.waitForURL(`${base}/mon-espace`);
    expect(await page.locator('h1').innerText()).toContain('Angela DUBOIS');
    await page.close();
  });

  it('an iss that is not FranceConnect’s is refused with a French page, and nothing is created', async () => {
    const page = await browser.newPage();
    // The citizen's choice goes to FranceConnect as usual; its answer (a redirect chain ending at our
    // callback) is followed outside the page, and the page sent to the callback with another iss,
    // as a mix-up attack would. (Playwright does not route the later requests of a redirect chain.)
    let callback: URL | undefined;
    await page.route('**/api/v2/interaction/*/login', async (route) => {
      const chosen = await route.fetch({ maxRedirects: 0 });
      const resume = await page.request.get(new URL(chosen.headers().location!, route.request().url()).href, { maxRedirects: 0 });
      callback = new URL(resume.headers().location!);
      const tampered = new URL(callback);
      tampered.searchParams.set('iss', 'https://fournisseur-malveillant.example/api/v2');
      await route.fulfill({ status: 303, headers: { location: tampered.href } });
    });
    await page.goto(`${base}/connexion`);
    await page.click('button.mc-franceconnect__button');
    await chooseAtFranceConnect(page, 'sophie-martin-nom-usage');
    await page.waitForURL(`${base}/franceconnect/callback?**`);
    expect(callback?.searchParams.get('iss')).toBe(standin.issuerUrl);
    expect(new URL(page.url()).searchParams.get('iss')).toBe('https://fournisseur-malveillant.example/api/v2');
    expect(await page.locator('h1').innerText()).toBe('La connexion avec FranceConnect n’a pas abouti');
    expect(await page.locator('main').innerText()).toContain('La réponse reçue ne provient pas du fournisseur FranceConnect attendu');
    await check(page, '17-iss-refuse');
    expect(await findAccountByNir(t.ctx.database.db, findCitizen('sophie-martin-nom-usage')!.nir!)).toBeUndefined();
    expect(new URL(page.url()).pathname).toBe('/franceconnect/callback');
    await page.close();
  });

  it('cancelling at FranceConnect shows a clear, accessible page', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/connexion`);
    await page.click('button.mc-franceconnect__button');
    await page.waitForURL(`${standin.issuerUrl}/interaction/**`);
    await page.click('button:has-text("Annuler")');
    await page.waitForURL(`${base}/franceconnect/callback?**`);
    expect(await page.locator('h1').innerText()).toBe('Connexion avec FranceConnect annulée');
    await check(page, '13-annulation');
    await page.close();
  });
});
