import { describe, expect, it } from 'vitest';
import { createDraft, saveAnswers } from '../../../src/demarches/repository';
import { visiblePages } from '../../../src/forms/engine';
import { forms } from '../../../src/forms/definitions';
import { createTestAccount, logInWithPage } from '../../support/accounts';
import { expectAccessible, useBrowserApp, watchedPage } from '../../support/browser';

/**
 * Every page of every form, as the one renderer draws it, in Chromium with axe-core: answers that
 * open the conditional pages (a couple, a professional landlord, a child, a pension) are saved
 * first. A screenshot of each page in /tmp/form-<prestation>-<page>.png.
 */
const OPENING = {
  situation_familiale: 'marie',
  type_bailleur: 'professionnel',
  statut_occupation: 'locataire',
  nombre_enfants: 1,
  autre_parent: 'pension_faible',
};

describe('every form page in Chromium', () => {
  const app = useBrowserApp();

  it('is accessible, with a heading, a « Continuer » button and a back link', { timeout: 240_000 }, async () => {
    const account = await createTestAccount(app.t.ctx);
    const { page, problems } = await watchedPage(app.browser);
    await logInWithPage(page, app.base, app.t.ctx, account);
    const db = app.t.ctx.database.db;
    let seen = 0;
    for (const form of Object.values(forms)) {
      const d = (await createDraft(db, { accountId: account.id, prestation: form.prestation, now: app.t.clock.now() }))!;
      await saveAnswers(db, { id: d.id, version: d.version, answers: OPENING, now: app.t.clock.now() });
      for (const inst of visiblePages(form, OPENING)) {
        await page.goto(`${app.base}/mon-espace/demarches/${d.id}/etapes/${inst.key}`);
        expect(await page.locator('h1').count(), inst.key).toBe(1);
        expect(await page.getByRole('button', { name: 'Continuer' }).count()).toBe(1);
        expect(await page.locator('.govuk-back-link').count()).toBe(1);
        await expectAccessible(page, `${form.prestation}/${inst.key}`);
        await page.screenshot({ path: `/tmp/form-${form.prestation}-${inst.key}.png`, fullPage: true });
        seen++;
      }
    }
    expect(problems).toEqual([]);
    expect(seen).toBeGreaterThan(40);
  });
});
