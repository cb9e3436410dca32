import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../src/accounts/repository';
import { findDemarche, listDemarches } from '../../../src/demarches/repository';
import { addMember, createHousehold, recordAddress, recordBankAccount } from '../../../src/household/repository';
import { grantDroit } from '../../../src/payments/droits';
import { monthsBetween } from '../../../src/resources/feed';
import { createTestAccount, logIn, nextNir } from '../../support/accounts';
import { location, text } from '../../support/http';
import { addAccountMember } from '../../support/household';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { readPdfText } from '../../support/tagged-pdf';

/**
 * « Dites-le nous une fois » through HTTP: what the Caf knows of a dossier (its household, its
 * address, its bank account masked) and the salaries of the last 12 months from the resources
 * feed, offered to the person who manages the dossier to confirm; what the feed does not know
 * is said and asked; the bank account is never a field. Then a second request for the same
 * prestation, flagged with a link to the first.
 */
describe('what the Caf already knows, in a request form', () => {
  let t: TestApp;
  let julien: Account;
  let lea: Account;
  let householdId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.ctx.database.db;
    julien = await createTestAccount(t.ctx, { civility: 'M', birth_name: 'MOREAU', given_names: 'Julien' });
    lea = await createTestAccount(t.ctx, { civility: 'MME', birth_name: 'BERNARD', given_names: 'Léa' });
    householdId = await createHousehold(db, '7654321', t.clock.now());
    await addAccountMember(db, householdId, julien, { role: 'responsable', birth_date: '1982-09-05', joined_at: 0 });
    await addAccountMember(db, householdId, lea, { role: 'conjoint', birth_date: '1984-01-17', joined_at: 0, has_procuration: true });
    await addMember(db, {
      household_id: householdId,
      account_id: null,
      nir: nextNir(),
      civility: 'M',
      birth_name: 'MOREAU',
      given_names: 'Hugo',
      birth_date: '2009-06-30',
      role: 'enfant',
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
    // The feed knows Julien's salary (2 000 € a month), nothing of Léa.
    t.ctx.resources = {
      monthly: async (nir, from, to) =>
        nir === julien.nir ? monthsBetween(from, to).map((month) => ({ month, salaries: 200_000, pensions: 0 })) : undefined,
    };
  });
  afterAll(() => t.close());

  it('offers the dossier’s household, address and bank account, and the feed’s salaries, to confirm', async () => {
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, julien);
    await b.get('/aides-et-demarches/prestations/aide-au-logement/faire-la-demande');
    await b.post('/mon-espace/demarches', { prestation: 'aide-au-logement' });
    const [d] = await listDemarches(t.ctx.database.db, julien.id);
    const base = `/mon-espace/demarches/${d!.id}`;

    const situation = await b.get(`${base}/etapes/situation-familiale`);
    expect(situation.body).toContain('<span class="govuk-caption-l">Étape 1 sur 4 · Votre foyer</span>');
    const said = text(situation.body);
    expect(said).toContain(
      'Votre foyer dans votre dossier Julien MOREAU (responsable du dossier), Léa BERNARD (conjointe), Hugo MOREAU (enfant)',
    );
    expect(said).toContain('Nous avons prérempli ces informations avec ce que la Caf sait de votre foyer.');
    expect(situation.body).toMatch(/id="enfants_a_charge" name="enfants_a_charge"[^>]*value="1"/);
    expect(location(await b.post(`${base}/etapes/situation-familiale`, { situation_familiale: 'marie', enfants_a_charge: '1' }))).toBe(
      `${base}/etapes/adresse`,
    );

    const address = await b.get(`${base}/etapes/adresse`);
    expect(address.body).toContain('value="14 rue des Olivettes"');
    expect(address.body).toContain('value="44000"');
    expect(address.body).toContain('value="NANTES"');
    expect(address.body).toContain('<span class="govuk-caption-l">Étape 2 sur 4 · Votre logement</span>');
    for (const [page, values] of [
      ['adresse', { adresse: '14 rue des Olivettes', code_postal: '44000', commune: 'NANTES' }],
      ['occupation', { 'date_entree-day': '1', 'date_entree-month': '7', 'date_entree-year': '2019', statut_occupation: 'locataire' }],
      ['loyer', { loyer: '640', charges: '40', surface: '72' }],
      ['bailleur', { type_bailleur: 'particulier', bailleur_nom: 'M. Durand', bailleur_adresse: '2 rue de la Paix 44000 Nantes' }],
    ] as const)
      expect((await b.post(`${base}/etapes/${page}`, values)).statusCode, page).toBe(303);

    // Salaries from the feed: shown with their period, to confirm; never a field.
    const known = await b.get(`${base}/etapes/ressources-connues-vous`);
    expect(known.statusCode).toBe(200);
    const shown = text(known.body);
    expect(shown).toContain('Période de novembre 2025 à octobre 2026');
    expect(shown).toContain('Salaires 24 000,00 €');
    expect(shown).toContain('Pensions et retraites 0,00 €');
    expect(known.body).not.toContain('name="caf_salaires_vous"');
    expect(shown).not.toMatch(/imposable|avant-dernière/);
    // The page of salaries to type does not concern this request (the feed knows them): to its next step.
    expect(location(await b.get(`${base}/etapes/ressources-inconnues-vous`))).toBe(`${base}/etapes/ressources-connues-vous`);
    await b.post(`${base}/etapes/ressources-connues-vous`, { ressources_exactes_vous: 'oui', caf_salaires_vous: '1' });
    expect((await findDemarche(t.ctx.database.db, d!.id))!.answers).toMatchObject({
      caf_salaires_vous: 2_400_000,
      ressources_exactes_vous: 'oui',
    });

    // Only what the feed never brings is asked; of Léa the feed knows nothing: said, and asked.
    expect(location(await b.post(`${base}/etapes/autres-ressources-vous`, { autres_ressources_vous: 'etranger' }))).toBe(
      `${base}/etapes/montants-autres-ressources-vous`,
    );
    expect(location(await b.post(`${base}/etapes/montants-autres-ressources-vous`, { etranger_vous: '1200' }))).toBe(
      `${base}/etapes/ressources-inconnues-conjoint`,
    );
    // The dossier knows Léa is a woman: « votre conjointe », never « conjoint(e) », in texts and messages.
    const unknown = text((await b.get(`${base}/etapes/ressources-inconnues-conjoint`)).body);
    expect(unknown).toContain('Les salaires et pensions de votre conjointe des 12 derniers mois');
    expect(unknown).toContain('La Caf n’a reçu aucun salaire ni aucune pension au nom de votre conjointe pour ces 12 mois');
    expect(unknown).not.toContain('conjoint(e)');
    await b.post(`${base}/etapes/ressources-inconnues-conjoint`, { salaires_conjoint: '15000', pensions_conjoint: '0' });
    const others = text((await b.get(`${base}/etapes/autres-ressources-conjoint`)).body);
    expect(others).toContain('Votre conjointe a-t-elle reçu d’autres ressources pendant ces 12 mois ?');
    expect(others).not.toMatch(/conjoint\(e\)|il ou elle/);
    expect(location(await b.post(`${base}/etapes/autres-ressources-conjoint`, {}))).toBe(`${base}/etapes/compte-bancaire-dossier`);

    // The bank account: masked, with the way to the protected change; no IBAN field, none read.
    const bank = await b.get(`${base}/etapes/compte-bancaire-dossier`);
    expect(text(bank.body)).toContain('Compte bancaire du dossier FR76 •••• •••• 0189, au nom de M. ou Mme MOREAU Julien');
    expect(bank.body).toContain('href="/mon-espace/foyer/changement/compte-bancaire">Changer de compte bancaire</a>');
    expect(bank.body).not.toContain('name="iban"');
    expect(location(await b.get(`${base}/etapes/compte-bancaire`))).toBe(`${base}/etapes/compte-bancaire-dossier`);
    const confirmed = await b.post(`${base}/etapes/compte-bancaire-dossier`, {
      compte_confirme: 'oui',
      iban: 'FR1420041010050500013M02606',
    });
    expect(location(confirmed)).toBe(`${base}/verifier`);
    const recapPage = (await b.get(`${base}/verifier`)).body;
    const recap = text(recapPage);
    expect(recap).toContain('Compte bancaire du dossier FR76 •••• •••• 0189');
    // What the Caf knows is not changed on the form's page: no « Modifier » on those rows; the bank
    // account's leads to its protected change. The person's own answers keep theirs.
    const row = (label: string) => recapPage.split('<div class="govuk-summary-list__row').find((r) => r.includes(`>${label}</dt>`)) ?? '';
    expect(text(row('Votre foyer dans votre dossier'))).toContain('Julien MOREAU (responsable du dossier)');
    for (const label of ['Votre foyer dans votre dossier', 'Salaires', 'Période']) {
      expect(row(label), label).toContain('govuk-summary-list__row--no-actions');
      expect(row(label), label).not.toContain('Modifier');
    }
    expect(row('Compte bancaire du dossier')).toContain(
      'href="/mon-espace/foyer/changement/compte-bancaire">Changer de compte bancaire</a>',
    );
    expect(row('Quelle est votre situation familiale ?')).toContain(
      `href="${base}/etapes/situation-familiale?retour=verifier">Modifier<span class="govuk-visually-hidden"> quelle est votre situation familiale ?</span>`,
    );
    expect(recap).toContain('Salaires 24 000,00 €');
    expect(recap).toContain('Votre conjointe a-t-elle reçu d’autres ressources pendant ces 12 mois ?');
    expect(recap).not.toContain('conjoint(e)');
    expect(location(await b.post(`${base}/envoyer`, { declaration: 'oui' }))).toBe(`${base}/accuse-de-reception`);
    // The accusé de réception and the démarche's page say what the form said.
    expect(text((await b.get(`${base}/accuse-de-reception`)).body)).toContain(
      'Les salaires et pensions de votre conjointe des 12 derniers mois',
    );
    const receipt = await readPdfText((await b.get(`${base}/accuse-de-reception.pdf`)).rawPayload);
    expect(receipt).toContain('Votre conjointe a-t-elle reçu');
    expect(receipt).not.toContain('conjoint(e)');
    expect(text((await b.get(base)).body)).toContain('Les salaires et pensions de votre conjointe des 12 derniers mois');
    const sent = (await findDemarche(t.ctx.database.db, d!.id))!;
    expect(sent.status).toBe('envoyee');
    expect(sent.answers).toMatchObject({
      caf_civilite_conjoint: 'MME',
      caf_salaires_vous: 2_400_000,
      compte_confirme: ['oui'],
      etranger_vous: 120_000,
      salaires_conjoint: 1_500_000,
    });
    expect(sent.answers).not.toHaveProperty('iban');
  });

  it('flags a second request for the same prestation, with a link to the first — before and after starting', async () => {
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, lea);
    const [first] = (await listDemarches(t.ctx.database.db, julien.id)).filter((x) => x.status === 'envoyee');
    const flag = 'Une demande d’Aide au logement existe déjà.';
    const page = text((await b.get('/aides-et-demarches/prestations/aide-au-logement')).body);
    expect(page).toContain(flag);
    expect(page).toContain(`Julien MOREAU a envoyé une demande d’Aide au logement pour votre foyer le`);
    expect(page).toContain(`(référence ${first!.reference}). Son statut : envoyée.`);
    const ask = await b.get('/aides-et-demarches/prestations/aide-au-logement/faire-la-demande');
    expect(text(ask.body)).toContain(flag);
    expect(ask.body).toContain(`href="/mon-espace/demarches/${first!.id}">Voir le suivi de cette demande`);
    // Started anyway: each step says so.
    await b.post('/mon-espace/demarches', { prestation: 'aide-au-logement' });
    const [mine] = await listDemarches(t.ctx.database.db, lea.id);
    const step = await b.get(`/mon-espace/demarches/${mine!.id}/etapes/situation-familiale`);
    expect(text(step.body)).toContain(flag);
    expect(step.body).toContain(`href="/mon-espace/demarches/${first!.id}">Voir le suivi de cette demande`);

    // Julien now sees Léa's brouillon named, never linked (a brouillon is its author's alone).
    const j = new TestBrowser(t.app);
    await logIn(t.ctx, j, julien);
    const his = await j.get('/aides-et-demarches/prestations/aide-au-logement');
    expect(text(his.body)).toContain('Léa BERNARD a commencé une demande d’Aide au logement pour votre foyer le');
    expect(his.body).not.toContain(mine!.id);
    // A prestation nobody asked for: no flag; and none for a visitor who is not signed in.
    expect(text((await j.get('/aides-et-demarches/prestations/rsa')).body)).not.toContain('existe déjà');
    expect(text((await new TestBrowser(t.app).get('/aides-et-demarches/prestations/aide-au-logement')).body)).not.toContain('existe déjà');
  });

  it('prime d’activité: each month named, the feed’s salary of each month offered to confirm, the recap by month', async () => {
    // The test clock starts on 26 November 2026: the last three whole months are août, septembre and octobre 2026.
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, julien);
    await b.post('/mon-espace/demarches', { prestation: 'prime-activite' });
    const d = (await listDemarches(t.ctx.database.db, julien.id)).find((x) => x.prestation === 'prime-activite')!;
    const base = `/mon-espace/demarches/${d.id}`;
    // The situation familiale the household gave in its aide au logement (married; Léa is in the dossier), to confirm.
    const situation = await b.get(`${base}/etapes/situation-familiale`);
    expect(situation.body).toMatch(
      /<input class="govuk-radios__input" id="situation_familiale-2" name="situation_familiale" type="radio" value="marie"[^>]* checked/,
    );
    expect(situation.body).not.toMatch(/value="celibataire"[^>]* checked/);
    await b.post(`${base}/etapes/situation-familiale`, { situation_familiale: 'celibataire', enfants_a_charge: '0' });
    await b.post(`${base}/etapes/activite-vous`, { activite_vous: 'salarie' });
    // The steps are the form's four sections: saying one lives alone or as a couple changes no count.
    expect((await b.get(`${base}/etapes/activite-vous`)).body).toContain('<span class="govuk-caption-l">Étape 2 sur 4 · Activité</span>');
    const first = await b.get(`${base}/etapes/ressources-vous-3`);
    expect(first.body).toContain('<span class="govuk-caption-l">Étape 3 sur 4 · Ressources des 3 derniers mois</span>');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<h1 class="govuk-heading-l">Vos ressources d’août 2026</h1>');
    expect(first.body).toContain('<title>Vos ressources d’août 2026 – Prime d’activité');
    expect(text(first.body)).not.toContain('il y a 3 mois');
    expect(text(first.body)).toContain('Nous avons prérempli ces informations avec ce que la Caf sait de votre foyer.');
    expect(first.body).toMatch(/name="salaires_vous_m3"[^>]*value="2000,00"/);
    expect(first.body).not.toMatch(/name="indemnites_vous_m3"[^>]*value="[^"]/);
    // Each field's hint says what the field holds: the known salary, to correct if need be; an empty field, 0 if nothing.
    const hintOf = (body: string, id: string) =>
      text(new RegExp(`<div id="${id}-hint" class="govuk-hint">([^<]*)</div>`).exec(body)?.[1] ?? '');
    expect(hintOf(first.body, 'salaires_vous_m3')).toBe(
      'Montant net, en euros, déclaré à la Caf par l’employeur pour ce mois. Corrigez-le s’il est inexact.',
    );
    expect(hintOf(first.body, 'indemnites_vous_m3')).toBe('Montant net, en euros. Saisissez 0 si vous n’avez rien perçu.');
    expect(text((await b.get(`${base}/etapes/ressources-vous-2`)).body)).toContain('Vos ressources de septembre 2026');
    expect(text((await b.get(`${base}/etapes/ressources-vous-1`)).body)).toContain('Vos ressources d’octobre 2026');
    for (const n of [3, 2, 1])
      await b.post(`${base}/etapes/ressources-vous-${n}`, {
        salaires_vous_m: '',
        [`salaires_vous_m${n}`]: n === 1 ? '2100' : '2000,00',
        [`indemnites_vous_m${n}`]: '0',
        [`autres_vous_m${n}`]: '0',
      });
    // Once answered, the field holds the person's own amount: the ordinary hint.
    expect(hintOf((await b.get(`${base}/etapes/ressources-vous-3`)).body, 'salaires_vous_m3')).toBe(
      'Montant net, en euros. Saisissez 0 si vous n’avez rien perçu.',
    );
    await b.post(`${base}/etapes/compte-bancaire-dossier`, { compte_confirme: 'oui' });

    // The recap: one block per month, titled with it; each « Modifier » named with its month.
    const check = await b.get(`${base}/verifier`);
    expect(check.statusCode).toBe(200);
    const shown = text(check.body);
    expect(shown).toContain('Vos ressources d’août 2026 Salaires et revenus d’activité 2 000,00 €');
    expect(shown).toContain('Vos ressources d’octobre 2026 Salaires et revenus d’activité 2 100,00 €');
    expect(check.body).toContain(
      `href="${base}/etapes/ressources-vous-2?retour=verifier">Modifier<span class="govuk-visually-hidden"> salaires et revenus d’activité (vos ressources de septembre 2026)</span>`,
    );
    const names = [...check.body.matchAll(/>Modifier<span class="govuk-visually-hidden"> ([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(new Set(names).size).toBe(names.length);
    expect(shown).not.toContain('Mois');

    // Sent: the months stay named on the receipt and the follow-up, whatever the month they are read in.
    await b.post(`${base}/envoyer`, { declaration: 'oui' });
    t.clock.advance(40 * 24 * 3600_000);
    await logIn(t.ctx, b, julien);
    for (const page of [await b.get(`${base}/accuse-de-reception`), await b.get(base)]) {
      expect(text(page.body)).toContain('Vos ressources d’août 2026 Salaires et revenus d’activité 2 000,00 €');
      expect(text(page.body)).toContain('Vos ressources de septembre 2026');
    }
  });

  it('a prestation the dossier already receives: said before starting, with what to do instead', async () => {
    await grantDroit(t.ctx.database.db, {
      householdId,
      memberId: null,
      prestation: 'allocations-familiales',
      monthlyAmountCents: 14_872,
      firstMonth: '2025-03',
      lastMonth: null,
      demarcheId: null,
      agentId: null,
      motif: 'Dossier de la Caf',
      now: t.clock.now(),
    });
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, julien);
    for (const path of [
      '/aides-et-demarches/prestations/allocations-familiales',
      '/aides-et-demarches/prestations/allocations-familiales/faire-la-demande',
    ]) {
      const page = await b.get(path);
      const said = text(page.body);
      expect(said).toContain('Votre foyer reçoit déjà cette aide : Allocations familiales. 148,72 € par mois depuis mars 2025.');
      expect(said).toContain('Vous n’avez pas à la demander de nouveau : elle continue d’être versée tant que vous y avez droit.');
      expect(said).toContain(
        'un déménagement se déclare avec Déclarer un changement ; pour tout autre changement (loyer, ressources, famille), écrivez à la Caf.',
      );
      expect(page.body).toContain('href="/mon-espace/foyer/changement">Déclarer un changement</a>');
      expect(page.body).toContain('href="/mon-espace/droits">Voir mes droits</a>');
    }
    // Another prestation: no warning.
    expect(text((await b.get('/aides-et-demarches/prestations/prime-de-demenagement')).body)).not.toContain('reçoit déjà');
  });
});
