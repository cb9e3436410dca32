import { describe, expect, it } from 'vitest';
import { expectAccessible, useBrowserApp } from '../../support/browser';

describe('public pages in Chromium', () => {
  const app = useBrowserApp();

  it.each([
    '/',
    '/aide',
    '/accessibilite',
    '/donnees-personnelles',
    '/mentions-legales',
    '/conditions-generales-d-utilisation',
    '/cookies',
    '/page-inconnue',
  ])('%s is accessible and loads its styles without CSP errors', async (path) => {
    const page = await app.browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().includes('Content Security Policy')) problems.push(m.text());
    });
    page.on('response', (r) => {
      if (r.request().resourceType() !== 'document' && r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(app.base + path);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    const bg = await page.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(17, 74, 139)');
    await expectAccessible(page, path);
    expect(problems).toEqual([]);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `/tmp/shot${path.replace(/\//g, '_')}.png`, fullPage: true });
    await page.close();
  });
});
