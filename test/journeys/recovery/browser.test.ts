import { describe, expect, it } from 'vitest';
import { findAccountById } from '../../../src/accounts/repository';
import type { Page } from 'playwright-core';
import { expectAccessible, useBrowserApp, watchedPage } from '../../support/browser';
import { lastCode, messagesTo } from '../../support/outbox';
import { responsableWithDossier } from '../../recovery/support';

/** Recovery by letter in real Chromium, with an accessibility check on every page; the letter read on /dev/messages. */
describe('recovery by letter in Chromium', () => {
  const app = useBrowserApp();
  let shots = 0;
  /**
   * No CSP violation nor script error from the page itself, then axe-core (whose own injection, on
   * the page with the FranceConnect button, trips the style CSP: what it causes is not counted).
   */
  const check = async (page: Page, problems: string[], name: string) => {
    expect(problems).toEqual([]);
    await expectAccessible(page, name);
    problems.length = 0;
    await page.screenshot({ path: `/tmp/recovery-${String(++shots).padStart(2, '0')}-${name}.png`, fullPage: true });
  };

  it('from « Mot de passe oublié » to a new contact and password, the letter shown in the development outbox', async () => {
    const { account } = await responsableWithDossier(app.t.ctx, { given_names: 'Hugo', birth_name: 'NAVIGATEUR' });
    const { page, problems } = await watchedPage(app.browser);
    await page.goto(`${app.base}/mot-de-passe-oublie`);
    await page.click('a:has-text("Je n’ai plus accès à mon adresse mail ou à mon téléphone")');
    await page.waitForURL(`${app.base}/mot-de-passe-oublie/sans-contact`);
    await check(page, problems, 'sans-contact');
    await page.fill('#identifier', account.login_id);
    await page.click('button:has-text("Recevoir un code par courrier")');
    await page.waitForURL(`${app.base}/mot-de-passe-oublie/sans-contact/courrier-demande`);
    await check(page, problems, 'courrier-demande');

    // The letter, as development shows it.
    await page.goto(`${app.base}/dev/messages`);
    const row = page.locator('tr', { hasText: 'Hugo NAVIGATEUR' });
    expect(await row.locator('td').first().textContent()).toBe('Courrier');
    const code = /Votre code personnel : (\d{6})/.exec((await row.textContent()) ?? '')![1]!;

    await page.goto(`${app.base}/mot-de-passe-oublie/sans-contact/courrier-demande`);
    await page.click('a:has-text("Saisir le code reçu par courrier")');
    await page.waitForURL(`${app.base}/recuperation/courrier`);
    await page.fill('#identifier', account.login_id);
    await page.fill('#code', code === '123456' ? '654321' : '123456');
    await page.click('button:has-text("Valider")');
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Identifiant ou code incorrect');
    await check(page, problems, 'courrier-erreur');
    // Post/Redirect/Get: the page is the form's own GET, the identifier kept, the code never.
    expect(page.url()).toBe(`${app.base}/recuperation/courrier`);
    expect(await page.inputValue('#identifier')).toBe(account.login_id);
    expect(await page.inputValue('#code')).toBe('');
    await page.fill('#code', code);
    await page.click('button:has-text("Valider")');
    await page.waitForURL(`${app.base}/recuperation/contact`);
    await check(page, problems, 'contact');
    await page.getByLabel('Par mail').check();
    await page.fill('#email', 'hugo.retrouve@example.fr');
    await page.click('button:has-text("Recevoir un code")');
    await page.waitForURL(`${app.base}/recuperation/contact/code`);
    await check(page, problems, 'contact-code');
    await page.fill('#code', await lastCode(app.t.ctx, 'hugo.retrouve@example.fr'));
    await page.click('button:has-text("Valider")');
    await page.waitForURL(`${app.base}/recuperation/mot-de-passe`);
    await check(page, problems, 'mot-de-passe');
    await page.fill('#password', 'court');
    await page.fill('#passwordConfirmation', 'court');
    await page.click('button:has-text("Enregistrer et retrouver l’accès")');
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(page.url()).toBe(`${app.base}/recuperation/mot-de-passe`);
    expect(await page.inputValue('#password')).toBe('');
    await page.fill('#password', 'RetrouveEnLigne2027');
    await page.fill('#passwordConfirmation', 'RetrouveEnLigne2027');
    await page.click('button:has-text("Enregistrer et retrouver l’accès")');
    await page.waitForURL(`${app.base}/recuperation/termine`);
    expect(await page.textContent('main')).toContain('L’accès à votre compte est rétabli');
    await check(page, problems, 'termine');

    expect((await findAccountById(app.t.ctx.database.db, account.id))!.contact_value).toBe('hugo.retrouve@example.fr');
    expect((await messagesTo(app.t.ctx, account.contact_value)).at(-1)!.subject).toBe('L’accès à votre compte Mon Compte a été rétabli');
    await page.close();
  });
});
