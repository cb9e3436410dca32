import { addMonths, agencyMonth } from '../../../src/payments/months';
import { runPayments } from '../../../src/payments/run';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findDemarche, listDemarches } from '../../../src/demarches/repository';
import { listJustificatifs } from '../../../src/justificatifs/repository';
import { createTestAgent } from './helpers';
import { createTestAccount, logInWithPage, PASSWORD } from '../../support/accounts';
import { lastCode } from '../../support/outbox';
import { samplePdf, samplePng } from '../../justificatifs/files';
import { pieceAsked } from '../../justificatifs/support';
import { MAX_JUSTIFICATIF_BYTES } from '../../../src/justificatifs/validation';
import { expectAccessible, expectAccessibleWithoutJs, pageChecker, useBrowserApp, watchedPage } from '../../support/browser';

/**
 * The whole life of a request in Chromium, both sides: a person asks for the « Aide au logement »
 * through its form; an agent logs in on the Caf side, takes it into instruction and asks for a
 * justificatif; the person sees « À transmettre » and uploads a PDF (with the progress script);
 * the agent reads it and accepts; the person sees « Acceptée ». axe-core on every page, no CSP
 * violation, a screenshot of each page in /tmp/gestion-*.png.
 */
describe('a request from the person to the Caf and back, in Chromium', () => {
  const app = useBrowserApp();
  const check = pageChecker('gestion');

  async function next(page: Page, problems: string[], name: string, path: string): Promise<void> {
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.waitForURL((u) => u.pathname.endsWith(path));
    await check(page, problems, name);
  }

  it('submitted, a piece asked, uploaded, accepted, seen as « Acceptée »', { timeout: 180_000 }, async () => {
    const { ctx } = app.t;
    const person = await createTestAccount(ctx, { given_names: 'Jeanne', birth_name: 'ROUSSEL' });
    // The resources feed knows nothing of her: the form asks for her salaries.
    ctx.resources = { monthly: async () => undefined };
    const agent = await createTestAgent(ctx);

    // 1. The person asks for the aide au logement (a tenant, a private landlord).
    const { page, problems } = await watchedPage(app.browser);
    page.setDefaultTimeout(10_000);
    await logInWithPage(page, app.base, ctx, person);
    await page.goto(`${app.base}/aides-et-demarches/prestations/aide-au-logement/faire-la-demande`);
    await check(page, problems, 'faire-la-demande');
    await page.getByRole('button', { name: 'Commencer ma demande' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/etapes/situation-familiale'));
    await check(page, problems, 'situation-familiale');
    await page.getByLabel('Célibataire').check();
    await page.getByLabel('Combien d’enfants avez-vous à charge ?').fill('0');
    await next(page, problems, 'adresse', '/etapes/adresse');
    await page.getByLabel('Numéro et nom de la voie').fill('4 place Bellecour');
    await page.getByLabel('Code postal').fill('69002');
    await page.getByLabel('Commune').fill('Lyon');
    await next(page, problems, 'occupation', '/etapes/occupation');
    for (const [field, v] of [
      ['#date_entree', '15'],
      ['#date_entree-month', '9'],
      ['#date_entree-year', '2026'],
    ] as const)
      await page.locator(field).fill(v);
    await page.getByLabel('Locataire ou sous-locataire').check();
    await next(page, problems, 'loyer', '/etapes/loyer');
    await page.getByLabel('Loyer mensuel hors charges').fill('520');
    await page.getByLabel('Charges mensuelles').fill('40');
    await page.getByLabel('Surface habitable').fill('32');
    await next(page, problems, 'bailleur', '/etapes/bailleur');
    await page.getByLabel('Un particulier').check();
    await page.getByLabel('Nom du bailleur').fill('M. Paul Girard');
    await page.getByLabel('Adresse du bailleur').fill('8 rue Mercière 69002 Lyon');
    await next(page, problems, 'ressources', '/etapes/ressources-inconnues-vous');
    await page.getByLabel('Salaires', { exact: true }).fill('14200');
    await page.getByLabel('Pensions et retraites', { exact: true }).fill('0');
    await next(page, problems, 'autres-ressources', '/etapes/autres-ressources-vous');
    await next(page, problems, 'compte-bancaire', '/etapes/compte-bancaire');
    await page.getByLabel('IBAN').fill('FR76 3000 6000 0112 3456 7890 189');
    await page.getByLabel('Nom du titulaire du compte').fill('Jeanne Roussel');
    await next(page, problems, 'verifier', '/verifier');
    await page.getByLabel(/Je déclare sur l’honneur/).check();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/accuse-de-reception'));
    await check(page, problems, 'accuse-de-reception');
    const [d] = await listDemarches(ctx.database.db, person.id);
    expect(d).toMatchObject({ prestation: 'aide-au-logement', status: 'envoyee' });

    // 2. An agent, in another browser context (a new page is a new context: no shared cookie), logs in on the Caf side.
    const { page: a, problems: agentProblems } = await watchedPage(app.browser);
    a.setDefaultTimeout(10_000);
    await a.goto(`${app.base}/gestion/demarches`);
    await a.waitForURL(`${app.base}/gestion/connexion`);
    await check(a, agentProblems, 'agent-connexion');
    await a.getByLabel('Adresse mail professionnelle').fill(agent.login_id);
    await a.getByLabel('Mot de passe').fill(PASSWORD);
    await a.getByRole('button', { name: 'Se connecter' }).click();
    await a.waitForURL(`${app.base}/gestion/connexion/code`);
    await check(a, agentProblems, 'agent-code');
    await a.fill('#code', await lastCode(ctx, agent.email));
    await a.getByRole('button', { name: 'Valider' }).click();
    await a.waitForURL(`${app.base}/gestion/demarches`);
    await check(a, agentProblems, 'agent-liste');
    await a.getByLabel('Statut').selectOption('envoyee');
    await a.getByLabel('Prestation').selectOption('aide-au-logement');
    await a.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await a.waitForURL((u) => u.search.includes('statut=envoyee'));
    await check(a, agentProblems, 'agent-liste-filtree');
    expect(await a.getByRole('link', { name: d!.reference! }).count()).toBe(1);
    // Found by its reference, as read on the phone by the person (lower case, with spaces): straight to it.
    await a.getByLabel('Chercher par référence').fill(` ${d!.reference!.toLowerCase()} `);
    await a.getByRole('button', { name: 'Chercher' }).click();
    await a.waitForURL(`${app.base}/gestion/demarches/${d!.id}`);
    expect(await a.locator('main').textContent()).toContain('4 place Bellecour');
    await check(a, agentProblems, 'agent-demarche');
    await a.getByRole('button', { name: 'Commencer l’instruction' }).click();
    await a.waitForSelector('text=L’instruction est commencée.');
    await check(a, agentProblems, 'agent-instruction');
    // No message: the error at the field, then the piece asked.
    await a.getByRole('button', { name: 'Demander le justificatif' }).click();
    await a.waitForSelector('.govuk-error-summary');
    // Post/Redirect/Get: the errors are shown by the démarche's own page.
    expect(a.url()).toBe(`${app.base}/gestion/demarches/${d!.id}`);
    await check(a, agentProblems, 'agent-message-manquant');
    await a.getByLabel('Pièce demandée').fill('Votre bail signé, toutes les pages, en un seul fichier PDF.');
    await a.getByRole('button', { name: 'Demander le justificatif' }).click();
    await a.waitForSelector('text=Le justificatif est demandé.');
    expect((await findDemarche(ctx.database.db, d!.id))!.status).toBe('en_attente_de_pieces');

    // 3. The person: « À transmettre », then the upload (the progress script sends it).
    await page.goto(`${app.base}/mon-espace/demarches`);
    expect(await page.locator('main').textContent()).toContain('À transmettre');
    await check(page, problems, 'mes-demarches-a-transmettre');
    await page.getByRole('link', { name: 'Transmettre un justificatif' }).click();
    await page.waitForURL((u) => u.pathname.endsWith(`/${d!.id}/justificatifs`));
    expect(await page.locator('main').textContent()).toContain('Votre bail signé, toutes les pages');
    await check(page, problems, 'transmettre');
    // A disguised executable first: refused at the field, by the same script (the page the server
    // redirected to, with the error once), and said not kept: the file field is empty again.
    await page.setInputFiles('#fichier', {
      name: 'bail.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
    });
    await page.getByRole('button', { name: 'Ajouter ce fichier' }).click();
    await page.waitForSelector('#fichier-error');
    expect((await page.locator('#fichier-error').textContent())!.replace(/\s+/g, ' ')).toContain(
      'Le fichier « bail.pdf » doit être un PDF, un JPEG ou un PNG. Ce fichier n’a pas été gardé : sélectionnez de nouveau un fichier.',
    );
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    expect(page.url()).toBe(`${app.base}/mon-espace/demarches/${d!.id}/justificatifs`);
    expect(await page.title()).toMatch(/^Erreur\u00a0: /);
    await check(page, problems, 'transmettre-refuse');
    await page.setInputFiles('#fichier', { name: 'bail signé.pdf', mimeType: 'application/pdf', buffer: samplePdf('Bail') });
    // The request is held until the page has shown its progress: the bar is visible, the button disabled.
    let during: { progress: boolean; disabled: boolean } | undefined;
    await page.route('**/justificatifs', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      during = {
        progress: await page.locator('[data-upload-progress] progress').isVisible(),
        disabled: await page.getByRole('button', { name: 'Ajouter ce fichier' }).isDisabled(),
      };
      return route.continue();
    });
    await page.getByRole('button', { name: 'Ajouter ce fichier' }).click();
    await page.waitForSelector('text=Fichier ajouté');
    await page.unroute('**/justificatifs');
    expect(during).toEqual({ progress: true, disabled: true });
    await check(page, problems, 'transmettre-ajoute');
    await page.getByRole('button', { name: 'Envoyer à la Caf' }).click();
    await page.waitForSelector('text=Justificatifs transmis');
    await check(page, problems, 'transmettre-envoye');
    const [file] = await listJustificatifs(ctx.database.db, d!.id);
    expect(file).toMatchObject({ file_name: 'bail signé.pdf', media_type: 'application/pdf' });

    // 4. The agent reads the file and accepts.
    await a.goto(`${app.base}/gestion/demarches/${d!.id}`);
    const download = a.waitForEvent('download');
    await a.getByRole('link', { name: 'bail signé.pdf' }).click();
    expect((await download).suggestedFilename()).toBe('bail signé.pdf');
    await check(a, agentProblems, 'agent-piece-recue');
    await a.getByLabel('Accepter la demande').check();
    // the droit the acceptance opens: a monthly amount and its first month (two months ago: paid at once by the worker)
    const first = addMonths(agencyMonth(ctx.clock.now()), -2);
    await a.getByLabel('Montant mensuel').fill('245,50');
    await a.getByLabel('Premier mois du droit').fill(`${first.slice(5)}/${first.slice(0, 4)}`);
    await a.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await a.waitForSelector('text=La demande est acceptée.');
    await check(a, agentProblems, 'agent-acceptee');
    // the worker's payment run: the dossier created by the acceptance took the account typed in the request,
    // checked by the agent who accepted it — paid at once, not held as a change of account would be
    const run = await runPayments(ctx.database.db, ctx.clock.now());
    expect(run.created).toBeGreaterThan(0);
    expect(run.held).toBe(0);
    await page.goto(`${app.base}/mon-espace/paiements`);
    const paiements = await page.locator('main').textContent();
    expect(paiements).toContain('245,50');
    expect(paiements).toContain('Les paiements sont versés sur le compte FR76 •••• •••• 0189.');
    expect(paiements).toContain('Versé');
    expect(paiements).not.toContain('En attente');
    await check(page, problems, 'mes-paiements');

    // 5. The person sees « Acceptée ».
    await page.goto(`${app.base}/mon-espace/demarches`);
    expect(await page.locator('main').textContent()).toContain('Acceptée');
    await check(page, problems, 'mes-demarches-acceptee');
    await page.goto(`${app.base}/mon-espace/demarches/${d!.id}`);
    expect(await page.locator('main').textContent()).toContain('Demande acceptée');
    await check(page, problems, 'suivi-acceptee');

    // 6. The Caf side's droit page, axe at desktop and at 320 px: its history, its payments, the change and end forms (errors too).
    const checkDroit = async (name: string) => {
      await check(a, agentProblems, name);
      const desktop = a.viewportSize()!;
      await a.setViewportSize({ width: 320, height: 640 });
      await expectAccessible(a, `${name} (320 px)`);
      await a.setViewportSize(desktop);
    };
    await a.goto(`${app.base}/gestion/demarches/${d!.id}`);
    await a.getByRole('link', { name: /Voir le droit ouvert/ }).click();
    await a.waitForURL((u) => u.pathname.startsWith('/gestion/droits/'));
    expect(await a.locator('main').textContent()).toContain('droit ouvert');
    await checkDroit('agent-droit');
    await a.getByRole('button', { name: 'Changer le montant' }).click();
    await a.waitForSelector('.govuk-error-summary');
    expect(new URL(a.url()).pathname).toMatch(/^\/gestion\/droits\/[^/]+$/);
    await checkDroit('agent-droit-montant-erreurs');
    await a.getByLabel('Nouveau montant mensuel').fill('230');
    await a.getByLabel('À partir du mois').fill(`${first.slice(5)}/${first.slice(0, 4)}`);
    await a.getByLabel('Motif', { exact: true }).fill('Ressources mises à jour');
    await a.getByRole('button', { name: 'Changer le montant' }).click();
    await a.waitForSelector('text=Le montant du droit est changé');
    expect(await a.locator('main').textContent()).toContain('montant changé');
    await checkDroit('agent-droit-montant-change');
    await a.getByRole('button', { name: 'Mettre fin au droit' }).click();
    await a.waitForSelector('.govuk-error-summary');
    await checkDroit('agent-droit-fin-erreurs');
    const last = agencyMonth(ctx.clock.now());
    await a.getByLabel('Dernier mois payé').fill(`${last.slice(5)}/${last.slice(0, 4)}`);
    await a.getByLabel('Motif de la fin').fill('Déménagement hors du département');
    await a.getByRole('button', { name: 'Mettre fin au droit' }).click();
    await a.waitForSelector('text=La fin du droit est enregistrée');
    expect(await a.locator('main').textContent()).toContain('droit terminé');
    await checkDroit('agent-droit-termine');
    await a.close();
  });

  it('without JavaScript: the form posts as any other, a file over 10 MB gets its own page (413)', { timeout: 60_000 }, async () => {
    const { person, d } = await pieceAsked(app.t, await createTestAgent(app.t.ctx), 'Un justificatif de domicile');
    const context = await app.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await logInWithPage(page, app.base, app.t.ctx, person);
    await page.goto(`${app.base}/mon-espace/demarches/${d.id}/justificatifs`);
    await page.setInputFiles('#fichier', {
      name: 'scan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([samplePdf(), Buffer.alloc(MAX_JUSTIFICATIF_BYTES)]),
    });
    await page.getByRole('button', { name: 'Ajouter ce fichier' }).click();
    await page.waitForSelector('h1:has-text("Le fichier est trop volumineux")');
    await expectAccessibleWithoutJs(app.browser, app.base, page, 'trop-volumineux');
    await page.screenshot({ path: '/tmp/gestion-sans-js-413.png', fullPage: true });
    await page.getByRole('button', { name: 'Choisir un autre fichier' }).click();
    await page.setInputFiles('#fichier', { name: 'domicile.png', mimeType: 'image/png', buffer: samplePng() });
    await page.getByRole('button', { name: 'Ajouter ce fichier' }).click();
    await page.waitForSelector('text=Fichier ajouté');
    expect((await listJustificatifs(app.t.ctx.database.db, d.id)).map((f) => f.file_name)).toEqual(['domicile.png']);
    await context.close();
  });
});
