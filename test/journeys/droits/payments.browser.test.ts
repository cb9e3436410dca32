import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { findAccountByLoginId } from '../../../src/accounts/repository';
import { DEMO_PEOPLE as P } from '../../../src/demo/people';
import { DEMO_PASSWORD, seedDemoData } from '../../../src/demo/seed';
import { logInWithPage } from '../../support/accounts';
import { expectAccessible, PHONE_WIDTHS, useBrowserApp, watchedPage } from '../../support/browser';

/**
 * How many lines each occurrence of `text` in <main> takes, as laid out: the distinct tops of the
 * boxes of a range over it (a piece that wraps has boxes on two lines or more).
 */
async function linesOf(page: Page, text: string): Promise<number[]> {
  return page.evaluate((wanted) => {
    const main = document.querySelector('main')!;
    const whole = main.textContent ?? '';
    const out: number[] = [];
    for (let at = whole.indexOf(wanted); at >= 0; at = whole.indexOf(wanted, at + wanted.length)) {
      // the text nodes and offsets where this occurrence begins and ends
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.textContent?.length ?? 0;
        if (seen <= at && at < seen + len) range.setStart(n, at - seen);
        if (seen < at + wanted.length && at + wanted.length <= seen + len) {
          range.setEnd(n, at + wanted.length - seen);
          break;
        }
        seen += len;
      }
      const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
      out.push(tops.size);
    }
    return out;
  }, text);
}

/**
 * « Mes paiements » on a phone (screenshots in /tmp/paiements-<width>.png): the masked IBAN is one
 * piece, never broken inside its mask, and each payment's date keeps its line at 320 and 375 px.
 */
describe('« Mes paiements » on a phone', () => {
  const app = useBrowserApp();
  beforeAll(async () => {
    await seedDemoData(app.t.ctx);
  }, 120_000);

  it('keeps the masked IBAN and each date in one piece at 320 and 375 px', async () => {
    const { page, problems } = await watchedPage(app.browser);
    const julien = (await findAccountByLoginId(app.t.ctx.database.db, P.julienMoreau.nir))!;
    await logInWithPage(page, app.base, app.t.ctx, julien, DEMO_PASSWORD);
    await page.goto(`${app.base}/mon-espace/paiements`);
    const dates = await page.$$eval('.mc-payments td:last-child', (cells) =>
      cells.map((c) => /\d{1,2} [a-zéû]+ \d{4}/.exec(c.textContent ?? '')?.[0]).filter((d): d is string => !!d),
    );
    expect(dates.length).toBeGreaterThan(5);
    for (const width of PHONE_WIDTHS) {
      await page.setViewportSize({ width, height: 740 });
      await page.screenshot({ path: `/tmp/paiements-${width}.png`, fullPage: true });
      expect(await linesOf(page, 'FR76 •••• •••• 0189'), `the masked IBAN at ${width} px`).toEqual([1]);
      for (const date of new Set(dates)) {
        const lines = await linesOf(page, date);
        expect(lines.length).toBeGreaterThan(0);
        expect(
          lines.every((n) => n === 1),
          `« ${date} » at ${width} px: ${lines.join(', ')} lines`,
        ).toBe(true);
      }
    }
    await expectAccessible(page, 'paiements');
    expect(problems).toEqual([]);
    await page.close();
  });
});
