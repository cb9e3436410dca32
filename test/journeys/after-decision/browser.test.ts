import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { addAccountMember } from '../../support/household';
import { describe, expect, it } from 'vitest';
import { createHousehold, recordBankAccount } from '../../../src/household/repository';
import { runPayments } from '../../../src/payments/run';
import { createTestAccount, PASSWORD } from '../../support/accounts';
import { pageChecker, useBrowserApp, watchedPage } from '../../support/browser';
import { journeyDatabase } from '../../support/databases';
import { lastCode } from '../../support/outbox';
import { readPdfText } from '../../support/tagged-pdf';
import { sentDemarche } from '../../justificatifs/support';
import { createTestAgent } from '../gestion/helpers';

/**
 * After the decision, in Chromium, as a person and an agent do it through the pages (issue 25):
 * an agent accepts a request and enters the droit (amount, first month) → « Mes droits » → the
 * worker's payment run on the 5th → « Mes paiements » and « Mon espace » → an attestation de
 * paiement issued and its PDF downloaded → checked on the public page by someone without an account
 * (code + surname: « conforme », what it certifies) → refused: a wrong surname, an altered code, a
 * revoked attestation, an expired one. Then a bank account changed three days before the payment
 * day holds the payment (shown so), the agent releases it; an amount lowered from a past month makes
 * an indu deducted from the next payment, with its reason.
 *
 * One browser, three pages (the person at 375 px, the agent, the verifier in a context of its own);
 * axe-core and the phone widths on every page; screenshots in /tmp/apres-decision-*.png, with a
 * desktop and a 375 px one of « Mes paiements », « Mes attestations » and the verification result.
 * Run on SQLite, and on PostgreSQL with TEST_DATABASE_URL (test/support/databases.ts).
 */
const DAY = 86_400_000;
/** 09:00 in Paris on the payment days (the test clock starts on Thursday 26 November 2026, 09:00 UTC). */
const DEC_5 = Date.UTC(2026, 11, 5, 8);
const JAN_2 = Date.UTC(2027, 0, 2, 9);
const JAN_5 = Date.UTC(2027, 0, 5, 8);
const JAN_6 = Date.UTC(2027, 0, 6, 9);
const FEB_5 = Date.UTC(2027, 1, 5, 8);
const NEW_IBAN = 'FR76 1010 7001 0112 3456 7890 129';

/** The text of <main> as read, the narrow spaces of French numbers made plain. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const main = async (p: Page) => plain(await p.locator('main').innerText());
/** The table of one month on « Mes paiements » (its caption is the month), as read. */
const monthTable = async (p: Page, month: string) =>
  plain(
    await p
      .locator('table.mc-payments')
      .filter({ has: p.locator('caption', { hasText: new RegExp(`^${month}$`) }) })
      .innerText(),
  );

describe(`after the decision, in Chromium on ${journeyDatabase.name}: droit, payments, an attestation and its verification`, () => {
  const app = useBrowserApp({ openDatabase: journeyDatabase.open });
  const checked = pageChecker('apres-decision');
  let shots = 0;
  /** axe-core, the phone widths, no CSP violation; `both`: a 375 px and a desktop screenshot too. */
  const check = async (p: Page, problems: string[], name: string, o: { both?: boolean } = {}) => {
    await checked(p, problems, name);
    if (!o.both) return;
    const before = p.viewportSize();
    for (const [width, label] of [
      [375, '375px'],
      [1280, 'bureau'],
    ] as const) {
      await p.setViewportSize({ width, height: 800 });
      await p.screenshot({ path: `/tmp/apres-decision-ecran-${String(++shots).padStart(2, '0')}-${name}-${label}.png`, fullPage: true });
    }
    if (before) await p.setViewportSize(before);
  };

  it('accepted, paid by the worker, attested, verified and refused; a held payment; an indu recovered', { timeout: 300_000 }, async () => {
    const { t } = app;
    const { ctx } = t;
    const db = ctx.database.db;
    expect(ctx.database.dialect).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite');
    const moveTo = (at: number) => t.clock.advance(at - t.clock.now());

    // An allocataire of long standing (her dossier paid to an account declared long ago) asks for the aide au logement.
    const person = await createTestAccount(ctx, { civility: 'MME', given_names: 'Lucie', birth_name: 'BÉRANGER' });
    const longAgo = t.clock.now() - 400 * DAY;
    const dossierNumber = String(7_100_000 + Math.floor(Math.random() * 800_000));
    const householdId = await createHousehold(db, dossierNumber, longAgo);
    await addAccountMember(db, householdId, person, { role: 'responsable', birth_date: person.birth_date, joined_at: longAgo });
    await recordBankAccount(db, householdId, { iban: 'FR7630006000011234567890189', holder: 'Lucie Béranger' }, null, longAgo);
    const demarche = await sentDemarche(ctx, person, { householdId });
    const agent = await createTestAgent(ctx);

    // The three windows of the journey.
    const { page, problems } = await watchedPage(app.browser);
    const { page: a, problems: agentProblems } = await watchedPage(app.browser);
    const verifier = await app.browser.newContext(); // no session, no cookie of anyone
    const v = await verifier.newPage();
    const verifierProblems: string[] = [];
    v.on('pageerror', (e) => verifierProblems.push(e.message));
    for (const p of [page, a, v]) p.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 375, height: 740 });

    /** The person logs in through the pages (again after each move of the clock: 30 minutes idle end a session). */
    const personLogsIn = async (checkPages = false) => {
      await page.goto(`${app.base}/connexion`);
      if (checkPages) await check(page, problems, 'connexion');
      await page.fill('#identifier', person.login_id);
      await page.fill('#password', PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${app.base}/connexion/code`);
      if (checkPages) await check(page, problems, 'connexion-code');
      await page.fill('#code', await lastCode(ctx, person.contact_value));
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.waitForURL(`${app.base}/mon-espace`);
    };
    const agentLogsIn = async (checkPages = false) => {
      await a.goto(`${app.base}/gestion/connexion`);
      if (checkPages) await check(a, agentProblems, 'agent-connexion');
      await a.getByLabel('Adresse mail professionnelle').fill(agent.login_id);
      await a.getByLabel('Mot de passe').fill(PASSWORD);
      await a.getByRole('button', { name: 'Se connecter' }).click();
      await a.waitForURL(`${app.base}/gestion/connexion/code`);
      if (checkPages) await check(a, agentProblems, 'agent-code');
      await a.fill('#code', await lastCode(ctx, agent.email));
      await a.getByRole('button', { name: 'Valider' }).click();
      await a.waitForURL(`${app.base}/gestion/demarches`);
    };
    const goTo = async (p: Page, link: string, path: string) => {
      await p.getByRole('link', { name: link, exact: true }).first().click();
      await p.waitForURL((u) => u.pathname === path);
    };
    const verify = async (code: string, surname: string) => {
      await v.goto(`${app.base}/verifier-une-attestation`);
      await v.fill('#code', code);
      await v.fill('#surname', surname);
      await v.getByRole('button', { name: 'Vérifier' }).click();
      await v.waitForLoadState();
    };
    const verdict = async () => ((await v.locator('.mc-verdict').count()) ? (await v.locator('.mc-verdict').innerText()).trim() : '');

    // 1. The agent accepts and enters the droit: an implausible amount is refused at its field, then 245,50 € from October.
    await agentLogsIn(true);
    await a.goto(`${app.base}/gestion/demarches/${demarche.id}`);
    await check(a, agentProblems, 'agent-demarche');
    await a.getByRole('button', { name: 'Commencer l’instruction' }).click();
    await a.waitForSelector('text=L’instruction est commencée.');
    await a.getByLabel('Accepter la demande').check();
    await a.getByLabel('Montant mensuel').fill('24550');
    await a.getByLabel('Premier mois du droit').fill('10/2026');
    await a.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await a.waitForSelector('.govuk-error-summary');
    expect(await a.locator('#montant-error').textContent()).toContain('le plafond vraisemblable de cette prestation. Vérifiez la virgule.');
    expect(await a.getByLabel('Premier mois du droit').inputValue()).toBe('10/2026'); // nothing typed is lost
    await check(a, agentProblems, 'agent-montant-invraisemblable');
    await a.getByLabel('Accepter la demande').check();
    await a.getByLabel('Montant mensuel').fill('245,50');
    await a.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await a.waitForSelector('text=La demande est acceptée.');
    await check(a, agentProblems, 'agent-acceptee');

    // 2. The person: « Mes droits » (no payment yet: the worker has not run).
    await personLogsIn(true);
    expect(await main(page)).toContain(`Dossier allocataire n° ${dossierNumber}`);
    await check(page, problems, 'mon-espace-acceptee');
    await goTo(page, 'Mes droits', '/mon-espace/droits');
    const droits = await main(page);
    expect(droits).toContain('Aide au logement');
    expect(droits).toMatch(/Montant mensuel\s+245,50 €/);
    expect(droits).toMatch(/Depuis\s+octobre 2026/);
    expect(droits).toMatch(/Jusqu’à\s+Sans date de fin/);
    expect(droits).toContain('droit ouvert à partir d’octobre 2026, 245,50 € par mois');
    await check(page, problems, 'mes-droits');

    // 3. The payment day: the worker's run pays October and November, once, to the account of the dossier.
    moveTo(DEC_5);
    expect(await runPayments(db, t.clock.now())).toEqual({ created: 2, held: 0, released: 0 });
    expect(await runPayments(db, t.clock.now() + 3_600_000)).toEqual({ created: 0, held: 0, released: 0 });
    await personLogsIn();
    const home = await main(page);
    expect(home).toContain('Dernier paiement : 245,50 € pour novembre 2026, versé le 5 décembre 2026\n');
    expect(home).toContain('Prochain paiement : 245,50 €, prévu le 5 janvier 2027');
    await check(page, problems, 'mon-espace-paiements');
    await goTo(page, 'Mes paiements', '/mon-espace/paiements');
    const paid = await main(page);
    expect(paid).toContain('Prochain paiement : 245,50 €, prévu le 5 janvier 2027.');
    expect(paid).toContain('Les paiements sont versés sur le compte FR76 •••• •••• 0189.');
    // month by month, the most recent first; each month's caption a heading (« Novembre 2026 »)
    expect(await page.locator('table.mc-payments caption').allTextContents()).toEqual(['Décembre 2026', 'Novembre 2026', 'Octobre 2026']);
    expect(await monthTable(page, 'Novembre 2026')).toMatch(/Aide au logement\s+245,50 €\s+5 décembre 2026 Versé/);
    expect(await monthTable(page, 'Octobre 2026')).toMatch(/Aide au logement\s+245,50 €\s+5 décembre 2026 Versé/);
    expect(await monthTable(page, 'Décembre 2026')).toMatch(/Aide au logement\s+245,50 €\s+Programmé/);
    await check(page, problems, 'mes-paiements', { both: true });

    // 4. An attestation de paiement for October–November, downloaded: a PDF that carries its code.
    await page.goto(`${app.base}/mon-espace`);
    await goTo(page, 'Mes attestations', '/mon-espace/attestations');
    expect(await main(page)).toContain('Vous n’avez encore demandé aucune attestation.');
    await check(page, problems, 'mes-attestations-vide');
    await goTo(page, 'Obtenir une attestation de paiement', '/mon-espace/attestations/paiement');
    await check(page, problems, 'attestation-formulaire');
    // privacy first: nothing but the name and the total unless the person ticks it
    for (const box of ['detail', 'sensitive', 'dossierNumber', 'address']) expect(await page.isChecked(`#${box}`)).toBe(false);
    await page.selectOption('#from', '2026-10');
    await page.selectOption('#to', '2026-11');
    await page.getByRole('button', { name: 'Obtenir l’attestation' }).click();
    await page.waitForURL(/\/mon-espace\/attestations\/[0-9A-Z]{16}\?delivree=1$/);
    const code = (await page.locator('.mc-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=]$/); // the check symbol may be one of Crockford’s five extra ones
    const ready = await main(page);
    expect(ready).toContain('Votre attestation est prête');
    expect(ready).toContain('491,00 €');
    expect(ready).not.toContain(dossierNumber); // not ticked: not shown
    await check(page, problems, 'attestation-prete');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger l’attestation (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^attestation-paiement-\d{4}-\d{2}-\d{2}\.pdf$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await PDFDocument.load(bytes)).getSubject()).toBe(`Code de vérification ${code}`);
    const words = (await readPdfText(bytes)).replace(/\s+/g, ' ');
    expect(words).toContain(`Code : ${code}`);
    expect(words).toContain('Lucie BÉRANGER');

    // 5. Whoever receives it, without an account: the code and the surname → « Conforme », and what it certifies.
    await verify(code, 'Béranger');
    expect(await verdict()).toMatch(/^Conforme/);
    const certified = await main(v);
    expect(certified).toContain('Lucie BÉRANGER');
    expect(certified).toContain('d’octobre 2026 à novembre 2026');
    expect(certified).toContain('491,00 €');
    expect(certified).toContain('ne prouve pas que la personne qui vous présente le papier en est le titulaire');
    expect(certified).toContain('Comparez ce que cette page affiche avec le papier'); // the result is above the explanation, not « ci-dessous »
    expect(certified).not.toContain(dossierNumber);
    await check(v, verifierProblems, 'verification-conforme', { both: true });

    // …refused: a wrong surname, then a code with one character changed.
    await verify(code, 'Bernard');
    expect(await verdict()).toMatch(/^Non conforme\s[\s\S]*Aucune attestation de la Caf ne correspond à ce code et à ce nom\./);
    expect(await main(v)).not.toContain('Lucie');
    await check(v, verifierProblems, 'verification-autre-nom', { both: true });
    const altered = code.slice(0, 2) + (code[2] === 'K' ? 'M' : 'K') + code.slice(3);
    await verify(altered, 'Béranger');
    expect(await v.title()).toMatch(/^Erreur\u00a0: /);
    expect(await v.locator('.govuk-error-summary').textContent()).toContain('un caractère a sans doute été mal recopié');
    expect(await verdict()).toBe('');
    await check(v, verifierProblems, 'verification-code-altere');

    // 6. The person sees it was checked, revokes it; the verifier is told « révoquée ».
    await page.goto(`${app.base}/mon-espace/attestations`);
    const list = await main(page);
    expect(list).toContain('Attestation de paiement — Paiements d’octobre 2026 à novembre 2026');
    expect(list).toContain('vérifiée 1 fois ; 1 tentative avec un autre nom refusée');
    await check(page, problems, 'mes-attestations', { both: true });
    await page.locator('.mc-attestations a').first().click();
    await page.getByRole('button', { name: 'Révoquer l’attestation' }).click();
    await page.waitForLoadState();
    expect(await main(page)).toMatch(/Révoquée Délivrée le 5 décembre 2026 à 09:00, révoquée le 5 décembre 2026 à 09:00\./);
    await check(page, problems, 'attestation-revoquee');
    await verify(code, 'Béranger');
    expect(await verdict()).toMatch(/^Non conforme\u00a0: attestation révoquée\s+.*Son titulaire l’a révoquée le 5 décembre 2026/s);
    expect(await main(v)).not.toContain('491,00');
    await check(v, verifierProblems, 'verification-revoquee', { both: true });

    // A second one, for November, kept: checked after its three months further down.
    await page.goto(`${app.base}/mon-espace/attestations/paiement`);
    await page.selectOption('#from', '2026-11');
    await page.selectOption('#to', '2026-11');
    await page.getByRole('button', { name: 'Obtenir l’attestation' }).click();
    await page.waitForURL(/\?delivree=1$/);
    const second = (await page.locator('.mc-code').textContent())!.trim();
    await verify(second, 'BERANGER');
    expect(await verdict()).toMatch(/^Conforme/);

    // 7. A new bank account declared three days before the payment day (the password and a code): the payment waits.
    moveTo(JAN_2);
    await personLogsIn();
    await page.goto(`${app.base}/mon-espace/foyer/changement/compte-bancaire`);
    await check(page, problems, 'compte-bancaire');
    await page.getByLabel('IBAN').fill(NEW_IBAN);
    await page.getByLabel('Nom du titulaire du compte').fill('Lucie Béranger');
    await page.getByRole('button', { name: 'Recevoir un code' }).click();
    await page.waitForSelector('#currentPassword');
    await check(page, problems, 'compte-bancaire-confirmation');
    await page.fill('#currentPassword', PASSWORD);
    await page.fill('#code', await lastCode(ctx, person.contact_value));
    await page.getByRole('button', { name: 'Enregistrer le nouveau compte' }).click();
    await page.waitForSelector('text=Votre nouveau compte bancaire a été enregistré.');
    await check(page, problems, 'compte-bancaire-enregistre');

    moveTo(JAN_5);
    expect(await runPayments(db, t.clock.now())).toEqual({ created: 1, held: 1, released: 0 });
    await personLogsIn();
    await page.goto(`${app.base}/mon-espace/paiements`);
    const held = await main(page);
    // the new account, masked, and until when the payments wait (declared on 2 January + the 10 days of the delay)
    expect(held).toContain(
      'Votre nouveau compte bancaire FR76 •••• •••• 0129 a été déclaré récemment : pour votre sécurité, les paiements restent en attente jusqu’à la fin du délai de vérification, le 12 janvier 2027, ou jusqu’à sa confirmation par la Caf.',
    );
    expect(held).not.toContain('versés sur le compte');
    expect(await monthTable(page, 'Décembre 2026')).toMatch(/Aide au logement\s+245,50 €\s+En attente/);
    expect(await main(page)).toContain('Prochain paiement : 245,50 €, prévu le 5 février 2027.');
    await check(page, problems, 'mes-paiements-en-attente', { both: true });
    await page.goto(`${app.base}/mon-espace`);
    expect(await main(page)).toContain('Dernier paiement : 245,50 € pour décembre 2026 (en attente)');
    // announced where the person looks first, with the reason and the day it will be paid
    expect(await page.locator('.mc-waiting__held').innerText()).toContain(
      'Votre paiement de 245,50 € pour décembre 2026 est en attente\u00a0: le compte bancaire du dossier a été changé récemment. Pour votre sécurité, il sera versé le 12 janvier 2027, à la fin du délai de vérification, ou plus tôt si la Caf confirme le compte.',
    );
    await check(page, problems, 'mon-espace-en-attente', { both: true });

    // 8. The agent checks the account and releases the payment, then lowers the amount from November: an indu.
    moveTo(JAN_6);
    await agentLogsIn();
    await a.goto(`${app.base}/gestion/demarches/${demarche.id}`);
    await a.getByRole('link', { name: 'Voir le droit ouvert : montant, paiements, changements' }).click();
    await a.waitForURL((u) => u.pathname.startsWith('/gestion/droits/'));
    const droitUrl = a.url();
    await check(a, agentProblems, 'agent-droit');
    await a.getByRole('button', { name: 'Libérer le paiement de décembre 2026 (compte bancaire vérifié)' }).click();
    await a.waitForSelector('text=Le paiement est libéré');
    expect(await main(a)).toContain('décembre 2026 : 245,50 € — Versé');
    await a.getByLabel('Nouveau montant mensuel').fill('200,00');
    await a.getByLabel('À partir du mois').fill('11/2026');
    await a.getByLabel('Motif', { exact: true }).fill('Ressources de 2025 mises à jour');
    await a.getByRole('button', { name: 'Changer le montant' }).click();
    await a.waitForSelector('.govuk-notification-banner');
    expect(await main(a)).toContain('Le montant du droit est changé. La personne en est informée.');
    expect(await main(a)).toContain('un trop-perçu de 45,50 € pour novembre 2026');
    expect(await main(a)).toMatch(/octobre 2026\s+245,50 €/);
    expect(await main(a)).toMatch(/depuis novembre 2026\s+200,00 €/);
    await check(a, agentProblems, 'agent-montant-change');

    // The next payment day: January's 200 € less the two months paid too much (2 × 45,50 €, within the floor).
    moveTo(FEB_5);
    expect(await runPayments(db, t.clock.now())).toEqual({ created: 1, held: 0, released: 0 });
    await personLogsIn();
    await page.goto(`${app.base}/mon-espace/droits`);
    expect(await main(page)).toContain(
      'montant changé à partir de novembre 2026 : 200,00 € par mois (au lieu de 245,50 €). Motif : « Ressources de 2025 mises à jour »',
    );
    // each period at its own amount, not one « Montant mensuel » untrue for October
    expect(await main(page)).toMatch(/Montant mensuel\s+245,50 € par mois en octobre 2026\s+200,00 € par mois depuis novembre 2026/);
    await check(page, problems, 'mes-droits-montant-change', { both: true });
    await page.goto(`${app.base}/mon-espace/paiements`);
    const january = await monthTable(page, 'Janvier 2027');
    expect(january).toMatch(/Aide au logement\s+200,00 €\s+5 février 2027 Versé/);
    for (const month of ['novembre 2026', 'décembre 2026'])
      expect(january).toContain(
        `Retenue sur ce paiement — Trop-perçu de ${month} : montant revu à partir de novembre 2026 (Ressources de 2025 mises à jour)\t-45,50 €`,
      );
    expect(january).toMatch(/Total\s+109,00 €/);
    expect(await monthTable(page, 'Décembre 2026')).toMatch(/245,50 €\s+6 janvier 2027 Versé/);
    expect(await main(page)).not.toContain('déclaré récemment');
    expect(await main(page)).toContain('Les paiements sont versés sur le compte FR76 •••• •••• 0129.');
    await check(page, problems, 'mes-paiements-indu', { both: true });

    // 9. The second attestation, checked after its three months: « expirée »; the person sees it so.
    moveTo(DEC_5 + 92 * DAY);
    await verify(second, 'Béranger');
    expect(await verdict()).toMatch(/^Non conforme\u00a0: attestation expirée\s+.*Elle était valable jusqu’au 5 mars 2027/s);
    expect(await main(v)).not.toContain('245,50');
    await check(v, verifierProblems, 'verification-expiree', { both: true });
    await personLogsIn();
    await page.goto(`${app.base}/mon-espace/attestations`);
    const all = await main(page);
    expect(all).toMatch(/Paiements de novembre 2026 Expirée/);
    expect(all).toMatch(/Paiements d’octobre 2026 à novembre 2026 Révoquée/);
    expect(all).toContain('expirée : elle était valable jusqu’au 5 mars 2027');
    await check(page, problems, 'mes-attestations-fin', { both: true });
    // its page says so plainly and offers a new one; the PDF stays the person's
    await page.getByRole('link', { name: /Paiements de novembre 2026/ }).click();
    await page.waitForURL(/\/mon-espace\/attestations\/[0-9A-Z]{16}$/);
    const expired = await main(page);
    expect(expired).toContain('Cette attestation est expirée : elle était valable jusqu’au 5 mars 2027 à 09:00.');
    expect(await page.getByRole('link', { name: 'Obtenir une nouvelle attestation de paiement' }).count()).toBe(1);
    await check(page, problems, 'attestation-expiree', { both: true });

    expect([problems, agentProblems, verifierProblems]).toEqual([[], [], []]);
    await verifier.close();
    await Promise.all([page.close(), a.close()]);
  });
});
