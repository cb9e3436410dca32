import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { actOnDemarche } from '../../../src/agents/instruction';
import { findDemarche, type Demarche } from '../../../src/demarches/repository';
import { createTestAccount, logInWithPage } from '../../support/accounts';
import { pageChecker, useBrowserApp, watchedPage } from '../../support/browser';
import { readPdfTags, readPdfText } from '../../support/tagged-pdf';
import { createTestAgent } from '../gestion/helpers';
import { samplePdf } from '../../justificatifs/files';
import { sentDemarche } from '../../justificatifs/support';

/**
 * After sending, on a phone (375 px): the piece asked shown on « Mon espace », a file added and
 * left unsent flagged, then sent; the refusal to read, its motif and the way to contest it, and
 * its « notification de décision » downloaded — axe and the phone widths on every page.
 */
describe('after sending, up to the decision, on a phone', () => {
  const app = useBrowserApp();
  const check = pageChecker('apres-envoi');

  // Seven pages, each checked by axe-core at three widths: more time than the default 30 s.
  it('a piece asked, a file sent, a refusal read with its motif and its PDF', { timeout: 180_000 }, async () => {
    const { t } = app;
    const agent = await createTestAgent(t.ctx);
    const origin = { ip: null, userAgent: null };
    const person = await createTestAccount(t.ctx, { given_names: 'Inès', birth_name: 'TELEPHONE' });
    const d = await sentDemarche(t.ctx, person);
    const act = async (x: Demarche, event: 'start_instruction' | 'request_documents' | 'refuse', reason: string | null = null) => {
      const fresh = (await findDemarche(t.ctx.database.db, x.id))!;
      await actOnDemarche(t.ctx, { agent, demarcheId: x.id, event, reason, version: fresh.version, origin });
    };
    await act(d, 'start_instruction');
    await act(d, 'request_documents', 'Votre bail signé');

    const { page, problems } = await watchedPage(app.browser);
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 375, height: 740 });
    await logInWithPage(page, app.base, t.ctx, person);
    const main = (p: Page) => p.locator('main').innerText();
    expect(await main(page)).toContain('La Caf vous demande pour la demande « Aide au logement »');
    expect(await main(page)).toContain('Votre bail signé');
    await check(page, problems, 'mon-espace-piece');

    await page.getByRole('link', { name: 'Transmettre le justificatif de la demande Aide au logement' }).click();
    await page.waitForURL((u) => u.pathname === `/mon-espace/demarches/${d.id}/justificatifs`);
    await page.setInputFiles('input[type=file]', { name: 'bail.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
    await page.getByRole('button', { name: 'Ajouter ce fichier' }).click();
    await page.waitForSelector('text=Pas encore envoyé');
    await check(page, problems, 'fichier-pas-envoye');

    // Left for « Mon espace » without sending: flagged there, one click back.
    await page.goto(`${app.base}/mon-espace`);
    expect(await main(page)).toContain('Vous avez ajouté 1 fichier sans l’envoyer à la Caf');
    await check(page, problems, 'mon-espace-fichier-pas-envoye');
    await page.getByRole('link', { name: 'Envoyer à la Caf les fichiers de la demande Aide au logement' }).click();
    await page.getByRole('button', { name: 'Envoyer à la Caf' }).click();
    await page.waitForSelector('text=Justificatifs transmis');
    await check(page, problems, 'justificatifs-transmis');

    await act(d, 'refuse', 'Le logement n’est pas votre résidence principale.');
    await page.goto(`${app.base}/mon-espace`);
    expect(await main(page)).toContain('Décision à lire');
    expect(await main(page)).toContain('Vous avez envoyé vos justificatifs à la Caf pour votre demande « Aide au logement »');
    await check(page, problems, 'mon-espace-decision');
    await page.getByRole('link', { name: 'Lire la décision sur la demande Aide au logement' }).click();
    await page.waitForURL((u) => u.pathname === `/mon-espace/demarches/${d.id}`);
    const decision = await main(page);
    expect(decision).toContain('Demande refusée le');
    expect(decision).toContain('Motif\u00a0: Le logement n’est pas votre résidence principale.');
    expect(decision).toContain('Comment contester cette décision');
    expect(decision).toContain('commission de recours amiable');
    await check(page, problems, 'decision');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Télécharger la notification de décision (PDF)' }).click();
    const file = await download;
    const sent = (await findDemarche(t.ctx.database.db, d.id))!;
    expect(file.suggestedFilename()).toBe(`notification-de-decision-${sent.reference}.pdf`);
    const path = '/tmp/apres-envoi-notification-de-decision.pdf';
    await file.saveAs(path);
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(path);
    expect(await readPdfTags(bytes)).toMatchObject({ marked: true, lang: 'fr-FR', displayDocTitle: true, untaggedTexts: 0 });
    expect((await readPdfText(bytes)).replace(/\s+/g, ' ')).toContain('Le logement n’est pas votre résidence principale.');

    await page.goto(`${app.base}/mon-espace`);
    expect(await main(page)).not.toContain('Décision à lire');
    expect(problems).toEqual([]);
    await page.close();
  });
});
