import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database';
import { buildTestApp, type TestApp } from './app';

/**
 * Browser tests drive Debian's Chromium (`apt-get install chromium`, done by .ci/run) through
 * playwright-core, against the application listening on a loopback port, and check every page with
 * axe-core (WCAG 2.1 A/AA rules).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** Starts the test application on 127.0.0.1 (random port) and returns its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page and fails with the list of violations, if any. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  // Evaluated through the DevTools protocol, so the page's strict CSP (no inline script) stays on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(
          ctx: Document,
          o: unknown,
        ): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
      };
    };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `accessibility violations on ${label}`).toEqual([]);
  await expectFitsPhones(page, label);
}

/** The widths of the phones every page is checked at (a small phone, a common one). */
export const PHONE_WIDTHS = [320, 375] as const;

/**
 * Every page checked by `expectAccessible` is also checked at 320 and 375 px wide: no horizontal
 * scroll, and nothing fixed (or sticky) covering a link, a button or a field — neither at first
 * sight nor once it is scrolled into view to be focused (WCAG 2.2, 2.4.11 and 2.4.12). The viewport
 * is given back as it was.
 */
export async function expectFitsPhones(page: Page, label = page.url()): Promise<void> {
  const before = page.viewportSize();
  try {
    for (const width of PHONE_WIDTHS) {
      await page.setViewportSize({ width, height: 640 });
      const problems = await page.evaluate(() => {
        const out: string[] = [];
        const root = document.documentElement;
        if (root.scrollWidth > root.clientWidth + 1) {
          const wide = Array.from(document.querySelectorAll('body *'))
            .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
            .slice(0, 3)
            .map((el) => `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')}`);
          out.push(`horizontal scroll: ${root.scrollWidth}px for ${root.clientWidth}px (${wide.join(', ')})`);
        }
        const pinned = (el: Element | null): Element | undefined => {
          for (let e = el; e && e !== document.body; e = e.parentElement) {
            const position = getComputedStyle(e).position;
            if (position === 'fixed' || position === 'sticky') return e;
          }
          return undefined;
        };
        // Nothing fixed or sticky on the page (the usual case): nothing can cover anything.
        const anyPinned = Array.from(document.querySelectorAll('body *')).some((e) => {
          const position = getComputedStyle(e).position;
          return (position === 'fixed' || position === 'sticky') && e.getBoundingClientRect().width > 0;
        });
        if (!anyPinned) return out;
        const interactive = Array.from(
          document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]'),
        );
        for (const el of interactive) {
          const style = getComputedStyle(el);
          if (style.visibility === 'hidden' || style.display === 'none' || el.closest('[hidden]')) continue;
          el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
          const r = el.getBoundingClientRect();
          if (r.width < 2 || r.height < 2) continue;
          const x = Math.min(Math.max(r.left + r.width / 2, 0), root.clientWidth - 1);
          const y = Math.min(Math.max(r.top + r.height / 2, 0), root.clientHeight - 1);
          const cover = pinned(document.elementFromPoint(x, y));
          if (cover && !cover.contains(el))
            out.push(
              `${el.tagName.toLowerCase()} « ${(el.textContent ?? '').trim().slice(0, 40)} » covered by ${cover.tagName.toLowerCase()}.${Array.from(cover.classList).join('.')}`,
            );
        }
        window.scrollTo(0, 0);
        return out;
      });
      expect(problems, `at ${width} px on ${label}`).toEqual([]);
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/**
 * For a `describe` block of browser tests: starts the test application on a loopback port and
 * Chromium before its tests, closes both after. Read `app.t`, `app.base`, `app.browser` inside tests.
 * `openDatabase`: the database to run on, opened before the application (closed with it), e.g.
 * `journeyDatabase.open` of ./databases.ts; default: the configuration's (SQLite in memory).
 */
export function useBrowserApp(options?: Parameters<typeof buildTestApp>[0] & { openDatabase?: () => Promise<DatabaseHandle> }): {
  readonly t: TestApp;
  readonly base: string;
  readonly browser: Browser;
} {
  let t: TestApp | undefined;
  let base = '';
  let browser: Browser | undefined;
  beforeAll(async () => {
    const { openDatabase, ...rest } = options ?? {};
    t = await buildTestApp(openDatabase ? { ...rest, database: await openDatabase() } : rest);
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  return {
    get t() {
      return t!;
    },
    get base() {
      return base;
    },
    get browser() {
      return browser!;
    },
  };
}

/** A new page whose Content-Security-Policy violations and script errors are collected in `problems`. */
export async function watchedPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('Content Security Policy')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems };
}

/**
 * The check of each page of a journey: axe-core, no CSP violation or script error so far, and a
 * full-page screenshot in /tmp/`prefix`-NN-`name`.png (numbered in the order of the journey).
 */
export function pageChecker(prefix: string): (page: Page, problems: string[], name: string) => Promise<void> {
  let shots = 0;
  return async (page, problems, name) => {
    await expectAccessible(page, name);
    expect(problems).toEqual([]);
    shots++;
    await page.screenshot({ path: `/tmp/${prefix}-${String(shots).padStart(2, '0')}-${name}.png`, fullPage: true });
  };
}

/**
 * axe-core needs JavaScript timers, which a context without JavaScript does not run: the page as
 * the person sees it (its DOM, scripts removed, same styles) is checked in a helper page.
 */
export async function expectAccessibleWithoutJs(browser: Browser, base: string, page: Page, label: string): Promise<void> {
  const dom = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/g, '').replace('<head>', `<head><base href="${base}/">`);
  const helper = await browser.newPage();
  await helper.setContent(dom, { waitUntil: 'load' });
  await expectAccessible(helper, `${label} (sans JavaScript)`);
  await helper.close();
}
