import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMember, createHousehold, recordAddress, recordBankAccount } from '../../../src/household/repository';
import { monthsBetween } from '../../../src/resources/feed';
import { createTestAccount, logInWithPage, nextNir } from '../../support/accounts';
import { addAccountMember } from '../../support/household';
import { pageChecker, useBrowserApp, watchedPage } from '../../support/browser';

/**
 * On a phone (375 px), the responsable of a dossier asks for the aide au logement: « Étape x sur
 * n » on every step, the household and the address of the dossier prefilled to confirm, the
 * salaries of the last 12 months from the resources feed to confirm, the conjoint's asked (the
 * feed knows nothing of her), the bank account masked with the way to change it. axe-core and
 * the phone widths on each page (expectAccessible), screenshots in /tmp/known-*.png.
 */
describe('what the Caf knows, in a request on a phone', () => {
  const app = useBrowserApp();
  const check = pageChecker('known');

  const caption = (page: Page) => page.locator('.govuk-caption-l').first().textContent();

  it('prefilled and confirmed, step by step, at 375 px', { timeout: 180_000 }, async () => {
    const { ctx } = app.t;
    const db = ctx.database.db;
    const julien = await createTestAccount(ctx, { civility: 'M', birth_name: 'MOREAU', given_names: 'Julien' });
    const householdId = await createHousehold(db, '7654322', ctx.clock.now());
    await addAccountMember(db, householdId, julien, { role: 'responsable', birth_date: '1982-09-05', joined_at: 0 });
    for (const [given, birth, role, civility] of [
      ['Léa', '1984-01-17', 'conjoint', 'MME'],
      ['Hugo', '2009-06-30', 'enfant', 'M'],
    ] as const)
      await addMember(db, {
        household_id: householdId,
        account_id: null,
        nir: nextNir(),
        civility,
        birth_name: given === 'Léa' ? 'BERNARD' : 'MOREAU',
        given_names: given,
        birth_date: birth,
        role,
        joined_at: 0,
      });
    await recordAddress(
      db,
      householdId,
      { line1: '14 rue des Olivettes', line2: null, postalCode: '44000', city: 'NANTES', since: '2019-07-01' },
      null,
      0,
    );
    await recordBankAccount(db, householdId, { iban: 'FR7630006000011234567890189', holder: 'M. ou Mme MOREAU Julien' }, null, 0);
    ctx.resources = {
      monthly: async (nir, from, to) =>
        nir === julien.nir ? monthsBetween(from, to).map((month) => ({ month, salaries: 200_000, pensions: 0 })) : undefined,
    };

    const { page, problems } = await watchedPage(app.browser);
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 375, height: 740 });
    await logInWithPage(page, app.base, ctx, julien);
    const next = async (path: string) => {
      await page.getByRole('button', { name: 'Continuer' }).click();
      await page.waitForURL((u) => u.pathname.endsWith(path));
    };

    await page.goto(`${app.base}/aides-et-demarches/prestations/aide-au-logement/faire-la-demande`);
    await page.getByRole('button', { name: 'Commencer ma demande' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/etapes/situation-familiale'));
    expect(await caption(page)).toBe('Étape 1 sur 4 · Votre foyer');
    const main = () => page.locator('main').innerText();
    expect(await main()).toContain('Julien MOREAU (responsable du dossier), Léa BERNARD (conjointe), Hugo MOREAU (enfant)');
    expect(await page.getByLabel('Combien d’enfants avez-vous à charge ?').inputValue()).toBe('1');
    await check(page, problems, 'situation-familiale');
    await page.getByLabel('Marié(e)').check();
    await next('/etapes/adresse');

    expect(await caption(page)).toBe('Étape 2 sur 4 · Votre logement');
    expect(await page.getByLabel('Numéro et nom de la voie').inputValue()).toBe('14 rue des Olivettes');
    expect(await page.getByLabel('Code postal').inputValue()).toBe('44000');
    expect(await main()).toContain('Nous avons prérempli ces informations avec ce que la Caf sait de votre foyer.');
    await check(page, problems, 'adresse-preremplie');
    await next('/etapes/occupation');
    for (const [field, v] of [
      ['#date_entree', '1'],
      ['#date_entree-month', '7'],
      ['#date_entree-year', '2019'],
    ] as const)
      await page.locator(field).fill(v);
    await page.getByLabel('Locataire ou sous-locataire').check();
    await next('/etapes/loyer');
    await page.getByLabel('Loyer mensuel hors charges').fill('640');
    await page.getByLabel('Charges mensuelles').fill('40');
    await page.getByLabel('Surface habitable').fill('72');
    await next('/etapes/bailleur');
    await page.getByLabel('Un particulier').check();
    await page.getByLabel('Nom du bailleur').fill('M. Durand');
    await page.getByLabel('Adresse du bailleur').fill('2 rue de la Paix 44000 Nantes');
    await next('/etapes/ressources-connues-vous');

    // The feed's salaries, to confirm: no field to type them in.
    expect(await caption(page)).toBe('Étape 3 sur 4 · Vos ressources');
    const resources = await main();
    expect(resources).toMatch(/Salaires\s+24 000,00 €/);
    expect(resources).toMatch(/Période\s+de \S+ \d{4} à \S+ \d{4}/);
    expect(await page.locator('input[name="caf_salaires_vous"]').count()).toBe(0);
    await check(page, problems, 'ressources-a-confirmer');
    await page.getByLabel('Oui').check();
    await next('/etapes/autres-ressources-vous');
    await check(page, problems, 'autres-ressources');
    await next('/etapes/ressources-inconnues-conjoint');
    // Léa is a woman in the dossier: « votre conjointe ».
    expect(await main()).toContain('La Caf n’a reçu aucun salaire ni aucune pension au nom de votre conjointe');
    await check(page, problems, 'ressources-conjoint-demandees');
    await page.getByLabel('Salaires', { exact: true }).fill('15000');
    await page.getByLabel('Pensions et retraites', { exact: true }).fill('0');
    await next('/etapes/autres-ressources-conjoint');
    const heading = page.getByRole('heading', {
      level: 1,
      name: 'Votre conjointe a-t-elle reçu d’autres ressources pendant ces 12 mois ?',
    });
    expect(await heading.count()).toBe(1);
    await next('/etapes/compte-bancaire-dossier');

    // The bank account: masked, never a field; the way to change it is the protected page.
    expect(await main()).toContain('FR76 •••• •••• 0189');
    expect(await page.locator('input[name="iban"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Changer de compte bancaire' }).getAttribute('href')).toBe(
      '/mon-espace/foyer/changement/compte-bancaire',
    );
    await check(page, problems, 'compte-du-dossier');
    await page.getByLabel('Je confirme que les prestations de cette demande seront versées sur ce compte').check();
    await next('/verifier');
    expect(await main()).toContain('24 000,00 €');
    await check(page, problems, 'verifier');
  });
});
