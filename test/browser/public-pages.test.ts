import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { expectAccessible, launchBrowser, listen } from '../support/browser';

describe('public pages in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    t = await buildTestApp();
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each(['/', '/aide', '/accessibilite', '/donnees-personnelles', '/page-inconnue'])('%s is accessible and loads its styles without CSP errors', async (path) => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().includes('Content Security Policy')) problems.push(m.text());
    });
    page.on('response', (r) => {
      if (r.request().resourceType() !== 'document' && r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(base + path);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    const bg = await page.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(17, 74, 139)');
    await expectAccessible(page, path);
    expect(problems).toEqual([]);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `/tmp/shot${path.replace(/\//g, '_')}.png`, fullPage: true });
    await page.close();
  });
});
