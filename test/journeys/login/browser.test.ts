import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, useBrowserApp, watchedPage } from '../../support/browser';
import { createTestAccount, logInWithPage, PASSWORD } from '../../support/accounts';
import { lastCode } from '../../support/outbox';

/** Login, forgotten password and logout in real Chromium, with an accessibility check on every page. */
describe('login journeys in Chromium', () => {
  const app = useBrowserApp();

  async function check(page: Page, name: string): Promise<void> {
    await expectAccessible(page, name);
    await page.screenshot({ path: `/tmp/login-${name}.png`, fullPage: true });
  }

  it('logs in with password and code, shows the personal space and the security page, then logs out', async () => {
    const account = await createTestAccount(app.t.ctx);
    const { page, problems } = await watchedPage(app.browser);
    await page.goto(`${app.base}/connexion`);
    await check(page, '1-connexion');
    expect(await page.locator('#franceconnect').count()).toBe(1);

    // A wrong password first: the error summary names the field.
    await page.fill('#identifier', account.login_id);
    await page.fill('#password', 'PasLeBon2026');
    await page.click('button:has-text("Se connecter")');
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Identifiant ou mot de passe incorrect.');
    expect(await page.title()).toMatch(/^Erreur\u00a0: /);
    await check(page, '2-connexion-erreur');

    await page.fill('#password', PASSWORD);
    await page.click('button:has-text("Se connecter")');
    await page.waitForURL(`${app.base}/connexion/code`);
    expect(await page.textContent('main')).toContain('…@exemple.fr');
    // The registration's code form: « Renvoyer un code » waits for the countdown; no « Modifiez vos coordonnées » (the account's).
    expect(await page.locator('#resend').isDisabled()).toBe(true);
    expect(await page.locator('[data-countdown]').textContent()).toMatch(
      /Vous pourrez demander un nouveau code dans (60|59|58) secondes\./,
    );
    expect(await page.getByRole('link', { name: 'Modifiez vos coordonnées de contact' }).count()).toBe(0);
    await check(page, '3-code');
    await page.fill('#code', await lastCode(app.t.ctx, account.contact_value));
    await page.click('button:has-text("Valider")');
    await page.waitForURL(`${app.base}/mon-espace`);
    expect(await page.textContent('h1')).toBe('Bonjour Marie DUPONT');
    // The session-timeout warning is there, hidden until 25 minutes have passed.
    expect(await page.locator('#session-timeout').isHidden()).toBe(true);
    await check(page, '4-mon-espace');

    await page.click('a:has-text("Sécurité du compte")');
    await page.waitForURL(`${app.base}/mon-espace/securite`);
    expect(await page.textContent('main')).toContain('Cette session');
    await check(page, '5-securite');

    await page.goto(`${app.base}/mon-espace/securite/mot-de-passe`);
    await check(page, '6-changer-mot-de-passe');
    await page.goto(`${app.base}/mon-espace/securite/contact`);
    await check(page, '7-changer-contact');
    await page.getByLabel('Par SMS').check();
    await page.fill('#phone', '06 98 76 54 32');
    await page.fill('#currentPassword', PASSWORD);
    await page.click('button:has-text("Recevoir un code")');
    await page.waitForURL(`${app.base}/mon-espace/securite/contact/code`);
    // The same code form, without « Renvoyer un code » (this flow sends a new code from the contact form only).
    expect(await page.textContent('main')).toContain('par SMS au numéro suivant\u00a0: 06 •• •• •• 32');
    expect(await page.locator('#resend').count()).toBe(0);
    await check(page, '7-changer-contact-code');

    await page.goto(`${app.base}/mon-espace`);
    await page.click('button:has-text("Se déconnecter")');
    await page.waitForURL(`${app.base}/deconnexion`);
    expect(await page.textContent('h1')).toContain('Vous êtes déconnecté');
    await check(page, '8-deconnecte');
    await page.goto(`${app.base}/mon-espace`);
    await page.waitForURL(`${app.base}/connexion`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('too many attempts: the login page answers 429 and says until when; a reload posts nothing; the wait over, the login goes on', async () => {
    const account = await createTestAccount(app.t.ctx);
    // 12 failures for this identifier (from another address): a wait of 2 minutes 8 seconds.
    for (let i = 0; i < 12; i++) await app.t.ctx.loginThrottle.failure({ identifier: account.login_id, ip: '203.0.113.77' });
    const { page, problems } = await watchedPage(app.browser);
    await page.goto(`${app.base}/connexion`);
    await page.fill('#identifier', account.login_id);
    await page.fill('#password', PASSWORD);
    const [shown] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${app.base}/connexion` && r.request().method() === 'GET', { timeout: 10_000 }),
      page.click('button:has-text("Se connecter")'),
    ]);
    expect(shown.status()).toBe(429);
    expect(shown.headers()['retry-after']).toBe('128');
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Trop de tentatives de connexion.');
    expect(await page.locator('.govuk-error-summary').textContent()).toMatch(/Vous pourrez réessayer à partir de \d\d:\d\d\./);
    expect(await page.inputValue('#identifier')).toBe(account.login_id);
    expect(await page.inputValue('#password')).toBe('');
    expect(await page.content()).not.toContain(PASSWORD);
    await check(page, '9-connexion-attente');
    // A reload is a GET (Post/Redirect/Get): no password posted again, the error gone.
    const blocked = await app.t.ctx.loginThrottle.identifierBlockedFor(account.login_id);
    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(200);
    expect(reloaded?.request().method()).toBe('GET');
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    expect(await app.t.ctx.loginThrottle.identifierBlockedFor(account.login_id)).toBe(blocked);
    // The wait over, the same password leads to the code.
    app.t.clock.advance(129_000);
    await page.fill('#identifier', account.login_id);
    await page.fill('#password', PASSWORD);
    await page.click('button:has-text("Se connecter")');
    await page.waitForURL(`${app.base}/connexion/code`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the session-timeout warning after 25 minutes (browser clock) and « Rester connecté » keeps the session', async () => {
    const account = await createTestAccount(app.t.ctx);
    const { page, problems } = await watchedPage(app.browser);
    await page.clock.install();
    await logInWithPage(page, app.base, app.t.ctx, account);
    await page.clock.runFor(25 * 60_000 + 1000);
    await expect.poll(() => page.locator('#session-timeout').isVisible()).toBe(true);
    expect(await page.textContent('#session-timeout')).toContain('Votre session va bientôt expirer');
    await check(page, '9-avertissement-session');
    await page.click('#session-timeout-stay');
    await page.waitForURL(`${app.base}/mon-espace`);
    expect(await page.locator('#session-timeout').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('chooses a new password through « Mot de passe oublié ? »', async () => {
    const account = await createTestAccount(app.t.ctx);
    const { page, problems } = await watchedPage(app.browser);
    await page.goto(`${app.base}/connexion`);
    await page.click('a:has-text("Mot de passe oublié ?")');
    await page.waitForURL(`${app.base}/mot-de-passe-oublie`);
    await check(page, '10-oubli');
    await page.fill('#identifier', account.login_id);
    await page.click('button:has-text("Recevoir un code")');
    await page.waitForURL(`${app.base}/mot-de-passe-oublie/code`);
    expect(await page.locator('#resend').isDisabled()).toBe(true);
    expect(await page.locator('[data-countdown]').textContent()).toMatch(
      /Vous pourrez demander un nouveau code dans (60|59|58) secondes\./,
    );
    await check(page, '11-oubli-code');
    await page.fill('#code', await lastCode(app.t.ctx, account.contact_value));
    await page.click('button:has-text("Valider")');
    await page.waitForURL(`${app.base}/mot-de-passe-oublie/nouveau`);
    await check(page, '12-oubli-nouveau');
    await page.fill('#password', 'NouveauMdp2027');
    // The registration's live checklist (password-checklist.js) ticks every rule.
    await expect.poll(() => page.locator('#password-checklist li.mc-checklist--ok').count()).toBe(5);
    await page.fill('#passwordConfirmation', 'NouveauMdp2027');
    await page.click('button:has-text("Enregistrer mon nouveau mot de passe")');
    await page.waitForURL(`${app.base}/mot-de-passe-oublie/termine`);
    expect(await page.textContent('h1')).toContain('Votre mot de passe a été modifié');
    await check(page, '13-oubli-termine');
    await page.click('a:has-text("Se connecter")');
    await page.fill('#identifier', account.login_id);
    await page.fill('#password', 'NouveauMdp2027');
    await page.click('button:has-text("Se connecter")');
    await page.waitForURL(`${app.base}/connexion/code`);
    expect(problems).toEqual([]);
    await page.close();
  });
});
