import { describe, expect, it } from 'vitest';
import { findAccountById } from '../../../src/accounts/repository';
import { createTestAccount, logInWithPage, PASSWORD } from '../../support/accounts';
import { expectAccessible, useBrowserApp, watchedPage } from '../../support/browser';
import { lastCode } from '../../support/outbox';

/** « Mes données » and « Fermer mon compte » in Chromium, axe-core on every page. */
describe('the person’s rights in Chromium', () => {
  const app = useBrowserApp();

  it('downloads « Mes données », then closes the account with the password and a code', async () => {
    const account = await createTestAccount(app.t.ctx);
    const { page } = await watchedPage(app.browser);
    await logInWithPage(page, app.base, app.t.ctx, account);

    await page.click('a:has-text("Mes données")');
    await page.waitForURL(`${app.base}/mon-espace/mes-donnees`);
    expect(await page.textContent('main')).toContain(account.contact_value);
    await expectAccessible(page, 'mes-donnees');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Télécharger toutes mes données")')]);
    expect(download.suggestedFilename()).toMatch(/^mes-donnees-mon-compte-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const { readFile } = await import('node:fs/promises');
    expect(JSON.parse(await readFile(file!, 'utf8')).account.loginId).toBe(account.login_id);

    await page.goto(`${app.base}/mon-espace`);
    await page.click('a:has-text("Fermer mon compte")');
    await page.waitForURL(`${app.base}/mon-espace/fermer-mon-compte`);
    await expectAccessible(page, 'fermer');
    await page.fill('#currentPassword', 'PasLeBon2026');
    await page.click('button:has-text("Recevoir un code")');
    expect(await page.title()).toMatch(/^Erreur\u00a0: /);
    await expectAccessible(page, 'fermer-erreur');
    await page.fill('#currentPassword', PASSWORD);
    await page.click('button:has-text("Recevoir un code")');
    await page.waitForURL(`${app.base}/mon-espace/fermer-mon-compte/code`);
    await expectAccessible(page, 'code');
    await page.fill('#code', await lastCode(app.t.ctx, account.contact_value));
    await page.click('button:has-text("Valider")');
    await page.waitForURL(`${app.base}/compte-ferme`);
    await expectAccessible(page, 'ferme');
    expect(await findAccountById(app.t.ctx.database.db, account.id)).toBeUndefined();
    await page.goto(`${app.base}/mon-espace`);
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await page.close();
  });
});
