import { describe, expect, it } from 'vitest';
import { useBrowserApp, watchedPage } from '../../support/browser';
import { createTestAccount } from '../../support/accounts';
import { visit } from '../../support/http';
import { TestBrowser } from '../../support/app';
import { MARIE } from '../../support/registration';

/**
 * A form refused for errors is answered by a redirect to its page (POST → 303 → GET): in Chromium,
 * following a link from the error page then pressing Back, or pressing Back at once, shows a page
 * again — never « Confirm Form Resubmission » (ERR_CACHE_MISS), as when the error page was the
 * answer to the POST.
 */
describe('Back after a form refused, in Chromium', () => {
  const app = useBrowserApp();

  it('login: the error page, a link, Back: the login form again, without a resubmission prompt', async () => {
    const account = await createTestAccount(app.t.ctx);
    const { page, problems } = await watchedPage(app.browser);
    await page.goto(`${app.base}/connexion`);
    await page.fill('#identifier', account.login_id);
    await page.fill('#password', 'PasLeBon2026');
    await page.click('button:has-text("Se connecter")');
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Identifiant ou mot de passe incorrect.');
    expect(page.url()).toBe(`${app.base}/connexion`);
    expect(await page.title()).toMatch(/^Erreur\u00a0: /);
    expect(await page.inputValue('#identifier')).toBe(account.login_id);
    expect(await page.inputValue('#password')).toBe('');

    await page.click('a:has-text("Mot de passe oublié ?")');
    await page.waitForURL(`${app.base}/mot-de-passe-oublie`);
    const back = await page.goBack();
    expect(back, 'Back loaded a page').not.toBeNull();
    expect(back!.request().method()).toBe('GET');
    expect(back!.status()).toBe(200);
    expect(page.url()).toBe(`${app.base}/connexion`);
    expect(await page.textContent('h1')).toBe('Se connecter à Mon Compte');
    expect(await page.locator('#password').count()).toBe(1);
    // The errors were shown once: the page is the form again.
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    expect(await page.title()).not.toMatch(/^Erreur/);
    expect(problems).toEqual([]);
  });

  it('login refused for too many attempts: the wait shown by the login page itself (429, Retry-After); a reload is a GET', async () => {
    const account = await createTestAccount(app.t.ctx);
    for (let i = 0; i < 5; i++) await app.t.ctx.loginThrottle.failure({ identifier: account.login_id, ip: '127.0.0.1' });
    const { page, problems } = await watchedPage(app.browser);
    await page.goto(`${app.base}/connexion`);
    await page.fill('#identifier', account.login_id);
    await page.fill('#password', 'PasLeBon2026');
    const shown = page.waitForResponse((r) => r.url() === `${app.base}/connexion` && r.request().method() === 'GET');
    await page.click('button:has-text("Se connecter")');
    const answer = await shown;
    expect(answer.status()).toBe(429);
    expect(Number(answer.headers()['retry-after'])).toBeGreaterThan(0);
    expect(page.url()).toBe(`${app.base}/connexion`);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Trop de tentatives de connexion.');
    expect(await page.textContent('main')).toMatch(/Merci de patienter [^.]+ avant de réessayer\./);
    expect(await page.inputValue('#identifier')).toBe(account.login_id);
    expect(await page.inputValue('#password')).toBe('');
    // A reload asks nothing and posts nothing: the login form again.
    const reloaded = await page.reload();
    expect(reloaded!.request().method()).toBe('GET');
    expect(reloaded!.status()).toBe(200);
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    expect(problems.filter((p) => !/status of 429/.test(p))).toEqual([]);
    await page.close();
  });

  it('Créer Mon Compte: Back right after the error page shows a form, never the POST again', async () => {
    const { page, problems } = await watchedPage(app.browser);
    await page.goto(`${app.base}/creer-mon-compte/nouveau`);
    await page.waitForURL(`${app.base}/creer-mon-compte/etat-civil`);
    await page.fill('#birthName', MARIE.birthName);
    await page.click('button:has-text("Continuer")');
    await expect.poll(() => page.locator('.govuk-error-summary').count()).toBe(1);
    expect(page.url()).toBe(`${app.base}/creer-mon-compte/etat-civil`);
    expect(await page.inputValue('#birthName')).toBe(MARIE.birthName);
    await page.click('nav[aria-label="Étapes précédentes"] a');
    await page.waitForURL((u) => u.pathname !== '/creer-mon-compte/etat-civil');
    const back = await page.goBack();
    expect(back, 'Back loaded a page').not.toBeNull();
    expect(back!.request().method()).toBe('GET');
    expect(back!.status()).toBe(200);
    expect(page.url()).toBe(`${app.base}/creer-mon-compte/etat-civil`);
    expect(await page.locator('#birthName').count()).toBe(1);
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    // Back again, right after: the page before the form, loaded by a GET.
    const before = await page.goBack();
    expect(before === null || before.request().method() === 'GET').toBe(true);
    expect(problems).toEqual([]);
  });

  it('the same without Chromium: 303 to the form, the errors once, then the clean form', async () => {
    const b = new TestBrowser(app.t.app);
    await visit(b, '/connexion');
    const res = await b.post('/connexion', { identifier: '', password: '' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/connexion');
    const shown = await b.get('/connexion');
    expect(shown.body).toContain('Saisissez votre mot de passe.');
    const again = await b.get('/connexion');
    expect(again.statusCode).toBe(200);
    expect(again.body).not.toContain('govuk-error-summary');
  });
});
