import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { currentMonth } from '../../../src/attestations/months';
import { logInWithPage } from '../../support/accounts';
import { pageChecker, useBrowserApp, watchedPage } from '../../support/browser';
import { dossierWithPayments } from '../../attestations/support';

/**
 * The attestation's journey in Chromium: issued in « Mes attestations », downloaded, checked on the
 * public page by someone without an account (code + surname) → conforme; a wrong surname, an altered
 * code, a revoked and an expired attestation refused. axe-core, 320 and 375 px on every page.
 */
describe('an attestation, from « Mes attestations » to the public verification page, in Chromium', () => {
  const app = useBrowserApp({ env: { LOGIN_SECOND_FACTOR: 'true' } });
  const check = pageChecker('attestation');

  it('downloads an attestation de paiement, then a verifier checks it; refusals for a wrong surname, an altered code, revoked and expired', {
    timeout: 180_000,
  }, async () => {
    const d = await dossierWithPayments(app.t.ctx, {
      birthName: 'LEFÈVRE',
      paid: [
        { prestation: 'aide-au-logement', months: ['2026-08', '2026-09', '2026-10'], cents: 24_550 },
        { prestation: 'rsa', months: ['2026-10'], cents: 30_000 },
      ],
    });
    const { page, problems } = await watchedPage(app.browser);
    await logInWithPage(page, app.base, app.t.ctx, d.account);

    await page.click('a:has-text("Mes attestations")');
    await page.waitForURL(`${app.base}/mon-espace/attestations`);
    await check(page, problems, 'liste-vide');
    await page.click('a:has-text("Obtenir une attestation de paiement")');
    await check(page, problems, 'formulaire-paiement');
    for (const box of ['detail', 'sensitive', 'dossierNumber', 'address']) expect(await page.isChecked(`#${box}`)).toBe(false);
    await page.selectOption('#from', '2026-08');
    await page.selectOption('#to', '2026-10');
    await page.check('#detail');
    await page.click('button:has-text("Obtenir l’attestation")');
    await page.waitForURL(/\/mon-espace\/attestations\/[0-9A-Z]{16}\?delivree=1$/);
    await check(page, problems, 'attestation-prete');
    const code = (await page.textContent('.mc-code'))!.trim();
    const main = (await page.textContent('main'))!;
    expect(main).toContain('Aide au logement, octobre 2026');
    expect(main).toContain('Autres prestations, octobre 2026'); // the RSA, not named: the box was left unticked
    expect(main).not.toContain('RSA');
    expect(main).toMatch(/1\s036,50\s€/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Télécharger l’attestation (PDF)")')]);
    expect(download.suggestedFilename()).toMatch(/^attestation-paiement-\d{4}-\d{2}-\d{2}\.pdf$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await PDFDocument.load(bytes)).getSubject()).toBe(`Code de vérification ${code}`);

    // The verifier: another browser, no account, who types the service's address.
    const verifier = await app.browser.newContext();
    const v = await verifier.newPage();
    const vProblems: string[] = [];
    v.on('pageerror', (e) => vProblems.push(e.message));
    const verify = async (c: string, surname: string) => {
      await v.goto(`${app.base}/verifier-une-attestation`);
      await v.fill('#code', c);
      await v.fill('#surname', surname);
      await v.click('button:has-text("Vérifier")');
      await v.waitForLoadState();
    };
    const verdict = async () => (await v.textContent('.mc-verdict').catch(() => null))?.trim() ?? '';

    await verify(code, 'Lefevre');
    expect(await verdict()).toMatch(/^Conforme/);
    const certified = (await v.textContent('main'))!;
    expect(certified).toContain('Marie Claire LEFÈVRE');
    expect(certified).toContain('d’août 2026 à octobre 2026');
    expect(certified).toMatch(/1\s036,50\s€/);
    expect(certified).toContain('ne prouve pas que la personne qui vous présente le papier en est le titulaire');
    await check(v, vProblems, 'verification-conforme');

    await verify(code, 'Durand');
    expect(await verdict()).toMatch(/^Non conforme/);
    expect(await v.textContent('main')).not.toContain('Marie Claire');
    await check(v, vProblems, 'verification-non-conforme');

    const altered = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6);
    await verify(altered, 'Lefevre');
    expect(await v.title()).toMatch(/^Erreur\u00a0: /);
    expect(await v.textContent('.govuk-error-summary')).toContain('un caractère a sans doute été mal recopié');
    await check(v, vProblems, 'verification-code-altere');

    // The person revokes it; the verifier is told « révoquée ».
    await page.goto(`${app.base}/mon-espace/attestations`);
    expect(await page.textContent('main')).toContain('vérifiée 1 fois ; 1 tentative avec un autre nom refusée');
    await check(page, problems, 'liste');
    await page.click('.mc-attestations a');
    await page.click('button:has-text("Révoquer l’attestation")');
    await page.waitForLoadState();
    expect(await page.textContent('main')).toContain('Révoquée');
    await check(page, problems, 'revoquee');
    await verify(code, 'Lefevre');
    expect(await verdict()).toMatch(/^Non conforme\u00a0: attestation révoquée/);
    await check(v, vProblems, 'verification-revoquee');

    // Another one, checked after its three months: « expirée ».
    await page.goto(`${app.base}/mon-espace/attestations/paiement`);
    await page.selectOption('#from', '2026-10');
    await page.selectOption('#to', '2026-10');
    await page.click('button:has-text("Obtenir l’attestation")');
    await page.waitForURL(/\?delivree=1$/);
    const second = (await page.textContent('.mc-code'))!.trim();
    app.t.clock.advance(93 * 24 * 60 * 60_000);
    await verify(second, 'LEFÈVRE');
    expect(await verdict()).toMatch(/^Non conforme\u00a0: attestation expirée/);
    await check(v, vProblems, 'verification-expiree');
    await verifier.close();
    await page.close();
  });

  it('the QF: « Ressources inconnues » said plainly, then the attestation once the resources are known', { timeout: 120_000 }, async () => {
    const month = currentMonth(app.t.clock.now()); // whatever the first test did to the clock
    const d = await dossierWithPayments(app.t.ctx, {
      birthName: 'NGUYEN',
      paid: [{ prestation: 'allocations-familiales', months: [month], cents: 15_000 }],
      children: [
        { givenNames: 'Linh', birthDate: '2014-02-02' },
        { givenNames: 'Bao', birthDate: '2017-09-09' },
      ],
    });
    const { page, problems } = await watchedPage(app.browser);
    await logInWithPage(page, app.base, app.t.ctx, d.account);
    await page.goto(`${app.base}/mon-espace/attestations`);
    await page.click('a:has-text("Obtenir une attestation de quotient familial")');
    expect(await page.textContent('main')).toContain('Ressources inconnues');
    await check(page, problems, 'qf-ressources-inconnues');

    const saved = app.t.ctx.attestations.resources;
    app.t.ctx.attestations.resources = { taxableResourcesFor: async () => ({ annualCents: 3_000_000, year: 2024 }) };
    try {
      await page.reload();
      await check(page, problems, 'qf-formulaire');
      expect(await page.isChecked('#childrenNames')).toBe(false);
      await page.selectOption('#month', month);
      await page.click('button:has-text("Obtenir l’attestation")');
      await page.waitForURL(/\?delivree=1$/);
      const main = (await page.textContent('main'))!;
      expect(main).toContain('883 €');
      expect(main).not.toMatch(/Linh|Bao/);
      await check(page, problems, 'qf-prete');
    } finally {
      app.t.ctx.attestations.resources = saved;
    }
    await page.close();
  });
});
