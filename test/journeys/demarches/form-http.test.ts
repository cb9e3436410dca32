import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../src/accounts/repository';
import {
  DRAFT_TTL_MS,
  demarcheHistory,
  findDemarche,
  listDemarches,
  recordDeclaration,
  transitionDemarche,
} from '../../../src/demarches/repository';
import { REFERENCE_PATTERN } from '../../../src/demarches/reference';
import { createHousehold } from '../../../src/household/repository';
import type { Role } from '../../../src/household/permissions';
import { createTestAccount, logIn } from '../../support/accounts';
import { location, submitRefused, text } from '../../support/http';
import { addAccountMember } from '../../support/household';
import { messagesTo } from '../../support/outbox';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';

/**
 * The person's side of a request through HTTP: the form page by page, errors at the field with
 * the typed value kept, « Vérifiez vos réponses » and « Modifier », the déclaration sur l'honneur,
 * the accusé de réception (page, PDF, outbox), a second device resuming the brouillon, and who may
 * ask for what in a household.
 */
const LOGEMENT: [string, Record<string, string>][] = [
  ['situation-familiale', { situation_familiale: 'celibataire', enfants_a_charge: '0' }],
  ['adresse', { adresse: '3 rue Oberkampf', complement: '', code_postal: '75011', commune: 'Paris' }],
  ['occupation', { 'date_entree-day': '1', 'date_entree-month': '9', 'date_entree-year': '2026', statut_occupation: 'locataire' }],
  ['loyer', { loyer: '450,50', charges: '30', surface: '28' }],
  [
    'bailleur',
    { type_bailleur: 'professionnel', bailleur_nom: 'Paris Habitat', bailleur_adresse: '21 bis rue Claude Bernard 75005 Paris' },
  ],
  ['bailleur-siret', { bailleur_siret: '732 829 320 00074' }],
  ['ressources-inconnues-vous', { salaires_vous: '12000', pensions_vous: '0' }],
  ['autres-ressources-vous', {}],
  ['compte-bancaire', { iban: 'FR76 3000 6000 0112 3456 7890 189', titulaire: 'Marie Dupont' }],
];

describe('a request through the pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    // This person is unknown to the resources feed: the form asks (test/journeys/demarches/known.test.ts shows what it knows).
    t.ctx.resources = { monthly: async () => undefined };
  });
  afterAll(() => t.close());
  const db = () => t.ctx.database.db;

  const start = async (b: TestBrowser, slug: string) => {
    await b.get(`/aides-et-demarches/prestations/${slug}/faire-la-demande`);
    return b.post('/mon-espace/demarches', { prestation: slug });
  };

  it('fills the aide au logement page by page, checks, changes an answer, declares, and gets the receipt', async () => {
    const account = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, account);
    const started = await start(b, 'aide-au-logement');
    const [d] = await listDemarches(db(), account.id);
    const base = `/mon-espace/demarches/${d!.id}`;
    expect(location(started)).toBe(`${base}/reprendre`);
    expect(location(await b.get(`${base}/reprendre`))).toBe(`${base}/etapes/situation-familiale`);
    // The recap is not reachable before every page is filled.
    expect(location(await b.get(`${base}/verifier`))).toBe(`${base}/etapes/situation-familiale`);

    const first = await b.get(`${base}/etapes/situation-familiale`);
    expect(first.statusCode).toBe(200);
    // « Étape x sur n »: the section among the form's (a count that never changes), named.
    expect(first.body).toContain('<span class="govuk-caption-l">Étape 1 sur 4 · Votre foyer</span>');
    expect(text(first.body)).toContain('Vos réponses sont enregistrées sur nos serveurs à chaque étape, jusqu’au 26 décembre 2026.');

    // A page whose condition is not met (yet) does not concern this brouillon: to where it stands (303), nothing saved.
    const early = await b.post(`${base}/etapes/bailleur-siret`, { bailleur_siret: '73282932000074' });
    expect(early.statusCode).toBe(303);
    expect(location(early)).toBe(`${base}/etapes/situation-familiale`);
    expect((await findDemarche(db(), d!.id))!.answers).not.toHaveProperty('bailleur_siret');
    for (const [page, values] of LOGEMENT.slice(0, 3))
      expect(location(await b.post(`${base}/etapes/${page}`, values))).toContain('/etapes/');
    // An error at the field: back to the page (303), which shows the French message, the values
    // typed and « Erreur : » in the title once; then the page as saved (nothing was).
    const bad = await submitRefused(b, `${base}/etapes/loyer`, { loyer: '450,505', charges: '', surface: '28' });
    expect(bad.body).toContain('<title>Erreur\u00a0: Votre loyer et votre logement');
    expect(bad.body).toContain('<a href="#loyer">Le loyer hors charges doit être un montant en euros, par exemple 450 ou 450,50.</a>');
    expect(bad.body).toContain('<a href="#charges">Saisissez le montant des charges.</a>');
    expect(bad.body).toContain('value="450,505"');
    expect(bad.body).toContain('value="28"');
    // Without its CSRF token, the same form is refused before anything (403), its errors left nowhere.
    const forged = await b.post(`${base}/etapes/loyer`, { loyer: '450,505', charges: '', surface: '28' }, { csrf: false });
    expect(forged.statusCode).toBe(403);
    expect(String(forged.headers['set-cookie'] ?? '')).not.toContain('mc_form=');
    const again = await b.get(`${base}/etapes/loyer`);
    expect(again.statusCode).toBe(200);
    expect(again.body).not.toContain('govuk-error-summary');
    expect(again.body).not.toContain('value="450,505"');

    for (const [page, values] of LOGEMENT.slice(3)) {
      const r = await b.post(`${base}/etapes/${page}`, values);
      expect(r.statusCode, page).toBe(303);
    }
    // Saved on the server at each step, normalised.
    expect((await findDemarche(db(), d!.id))!.answers).toMatchObject({
      loyer: 45_050,
      charges: 3_000,
      surface: 28,
      bailleur_siret: '73282932000074',
      iban: 'FR7630006000011234567890189',
      date_entree: '2026-09-01',
    });

    const check = await b.get(`${base}/verifier`);
    expect(check.statusCode).toBe(200);
    const shown = text(check.body);
    expect(shown).toContain('Vérifiez vos réponses');
    expect(shown).toContain('Loyer mensuel hors charges 450,50 €');
    expect(check.body).toContain(
      `href="${base}/etapes/loyer?retour=verifier">Modifier<span class="govuk-visually-hidden"> loyer mensuel hors charges</span>`,
    );

    // « Modifier »: back to the recap after saving; a landlord who becomes a private person needs no SIRET.
    const change = await b.post(`${base}/etapes/bailleur?retour=verifier`, { ...LOGEMENT[4]![1], type_bailleur: 'particulier' });
    expect(location(change)).toBe(`${base}/verifier`);
    expect(text((await b.get(`${base}/verifier`)).body)).not.toContain('SIRET');
    // The SIRET's page no longer concerns this request (an old tab, the back button): to the recap, not a 404.
    const stale = await b.get(`${base}/etapes/bailleur-siret`);
    expect(stale.statusCode).toBe(303);
    expect(location(stale)).toBe(`${base}/verifier`);
    const stalePost = await b.post(`${base}/etapes/bailleur-siret`, { bailleur_siret: '73282932000074' });
    expect(location(stalePost)).toBe(`${base}/verifier`);
    // A step that is not the form's at all, the same: the request's next step, never « page introuvable ».
    expect(location(await b.get(`${base}/etapes/inconnue`))).toBe(`${base}/verifier`);
    // An error there goes back to the same page, still on its way back to the recap.
    await b.get(`${base}/etapes/loyer?retour=verifier`);
    const wrongChange = await b.post(`${base}/etapes/loyer?retour=verifier`, { loyer: 'beaucoup', charges: '30', surface: '28' });
    expect(location(wrongChange)).toBe(`${base}/etapes/loyer?retour=verifier`);
    const shownChange = await b.get(`${base}/etapes/loyer?retour=verifier`);
    expect(shownChange.body).toContain('value="beaucoup"');
    expect(text(shownChange.body)).toContain('Enregistrer et revenir au récapitulatif');
    expect((await findDemarche(db(), d!.id))!.answers).toMatchObject({ loyer: 45_050 });

    // The déclaration sur l'honneur is required.
    const undeclared = await submitRefused(b, `${base}/envoyer`, {}, `${base}/verifier`);
    expect(undeclared.body).toMatch(/<title>Erreur\u00a0: Vérifiez vos réponses – [^<]+ – Mon Compte – Caf<\/title>/);
    expect(undeclared.body).toContain('Cochez la case pour déclarer sur l’honneur que vos réponses sont exactes');
    expect((await findDemarche(db(), d!.id))!.status).toBe('brouillon');

    const sent = await b.post(`${base}/envoyer`, { declaration: 'oui' });
    expect(location(sent)).toBe(`${base}/accuse-de-reception`);
    const after = (await findDemarche(db(), d!.id))!;
    expect(after).toMatchObject({ status: 'envoyee', submitted_at: t.clock.now() });
    expect(after.reference).toMatch(REFERENCE_PATTERN);
    // Only the answers that apply are sent: the SIRET of the former professional landlord is gone.
    expect(after.answers).not.toHaveProperty('bailleur_siret');

    const receipt = await b.get(`${base}/accuse-de-reception`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toMatch(/<title>Demande envoyée – [^<]+ – Mon Compte – Caf<\/title>/);
    expect(text(receipt.body)).toContain(`Votre référence ${after.reference}`);
    expect(text(receipt.body)).toContain('FR76 •••• •••• 0189');
    const pdf = await b.get(`${base}/accuse-de-reception.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="accuse-de-reception-${after.reference}.pdf"`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain('/FontFile2');

    const message = (await messagesTo(t.ctx, account.contact_value)).find((m) => m.subject === 'Accusé de réception de votre demande');
    expect(message!.text).toContain(`Référence : ${after.reference}`);
    // Nothing personal beyond the reference and the prestation: the answers stay in Mon Compte.
    expect(message!.text).toContain('« Aide au logement »');
    expect(message!.text).not.toContain('450,50');
    expect(message!.text).not.toContain('Résumé de vos réponses');
    expect(message!.text).not.toContain('FR76');
    expect(message!.text).not.toContain('0189');

    // Sent: no more changes; the follow-up shows the status and the timeline.
    const late = await b.post(`${base}/etapes/loyer`, LOGEMENT[3]![1]);
    expect(late.statusCode).toBe(410);
    expect(text(late.body)).toContain('La modification que vous venez de faire n’a donc pas été enregistrée.');
    // The back button after sending: no false failure, but what happened and the way to the follow-up.
    for (const page of [
      await b.get(`${base}/verifier`),
      await b.get(`${base}/etapes/loyer`),
      await b.post(`${base}/envoyer`, { declaration: 'oui' }),
    ]) {
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/<title>Demande déjà envoyée – [^<]+ – Mon Compte – Caf<\/title>/);
      expect(text(page.body)).toContain(`Votre demande a déjà été envoyée Votre demande « Aide au logement » a été envoyée à la Caf le`);
      expect(text(page.body)).toContain(`sous la référence ${after.reference}. Elle ne peut plus être modifiée.`);
      expect(text(page.body)).not.toContain('n’a pas pu être traitée');
      expect(page.body).toContain(`href="${base}"`);
      expect(text(page.body)).toContain('Voir le suivi de ma demande');
    }
    expect((await findDemarche(db(), d!.id))!.version).toBe(after.version);
    expect(location(await b.get(`${base}/reprendre`))).toBe(base);
    await transitionDemarche(db(), {
      id: d!.id,
      event: 'start_instruction',
      actor: { kind: 'agent', id: 'agent-1' },
      now: t.clock.now() + 1000,
    });
    await transitionDemarche(db(), {
      id: d!.id,
      event: 'request_documents',
      actor: { kind: 'agent', id: 'agent-1' },
      reason: 'Votre dernier avis d’imposition',
      now: t.clock.now() + 2000,
    });
    const follow = text((await b.get(base)).body);
    expect(follow).toContain('En attente de pièces');
    expect(follow).toContain('Demande commencée');
    expect(follow).toContain('Demande envoyée');
    expect(follow).toContain('Pièces demandées par la Caf');
    expect(follow).toContain('Message de la Caf : Votre dernier avis d’imposition');
    expect(follow).not.toContain('agent-1');
    expect((await demarcheHistory(db(), d!.id)).map((e) => e.event)).toEqual([
      'create',
      'submit',
      'start_instruction',
      'request_documents',
    ]);
  });

  it('a brouillon started on one device is resumed on another after login, where it stopped', async () => {
    const account = await createTestAccount(t.ctx);
    const phone = new TestBrowser(t.app);
    await logIn(t.ctx, phone, account);
    await start(phone, 'ajpa');
    const [d] = await listDemarches(db(), account.id);
    await phone.post(`/mon-espace/demarches/${d!.id}/etapes/personne-aidee`, {
      aide_prenom: 'Jeanne',
      aide_nom: 'Dupont',
      'aide_naissance-day': '3',
      'aide_naissance-month': '2',
      'aide_naissance-year': '1948',
      aide_situation: 'autonomie',
    });
    const laptop = new TestBrowser(t.app);
    await logIn(t.ctx, laptop, account);
    const list = await laptop.get('/mon-espace/demarches');
    expect(text(list.body)).toContain('Reprendre ma demande Allocation journalière du proche aidant');
    expect(location(await laptop.get(`/mon-espace/demarches/${d!.id}/reprendre`))).toBe(`/mon-espace/demarches/${d!.id}/etapes/lien`);
    expect((await laptop.get(`/mon-espace/demarches/${d!.id}/etapes/personne-aidee`)).body).toContain('value="Jeanne"');
    // Without the CSRF token of a page, nothing is saved.
    expect((await laptop.post(`/mon-espace/demarches/${d!.id}/etapes/lien`, { lien: 'parent' }, { csrf: false })).statusCode).toBe(403);
    expect((await findDemarche(db(), d!.id))!.answers).not.toHaveProperty('lien');
    // Another person sees nothing of it.
    const stranger = new TestBrowser(t.app);
    await logIn(t.ctx, stranger, await createTestAccount(t.ctx));
    expect((await stranger.get(`/mon-espace/demarches/${d!.id}/etapes/personne-aidee`)).statusCode).toBe(404);
    expect((await stranger.get(`/mon-espace/demarches/${d!.id}`)).statusCode).toBe(404);
  });

  it('an expired brouillon’s address, and someone else’s: one French page « introuvable ou expirée », the same for both', async () => {
    const owner = await createTestAccount(t.ctx);
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, owner);
    await start(b, 'ajpa');
    const [d] = await listDemarches(db(), owner.id);
    const base = `/mon-espace/demarches/${d!.id}`;
    expect((await b.get(`${base}/etapes/personne-aidee`)).statusCode).toBe(200);
    const main = (body: string) => text(/<main[^>]*>([\s\S]*)<\/main>/.exec(body)?.[1] ?? '');

    // Someone else's live brouillon: nothing says it exists.
    const stranger = new TestBrowser(t.app);
    await logIn(t.ctx, stranger, await createTestAccount(t.ctx));
    const notYours = await stranger.get(`${base}/etapes/personne-aidee`);

    // The owner's brouillon past its expiry (the back button, an old link).
    await db()
      .updateTable('demarches')
      .set({ expires_at: t.clock.now() - 1 })
      .where('id', '=', d!.id)
      .execute();
    const expired = await b.get(`${base}/etapes/personne-aidee`);

    for (const r of [expired, notYours]) {
      expect(r.statusCode).toBe(404);
      const page = main(r.body);
      expect(page).toContain('Demande introuvable ou expirée');
      expect(page).toContain(`conservée ${DRAFT_TTL_MS / 86_400_000} jours après la dernière étape enregistrée`);
      expect(r.body).toContain('href="/mon-espace/demarches"');
      expect(r.body).toContain('href="/aides-et-demarches"');
    }
    expect(main(expired.body)).toBe(main(notYours.body));
    // Every address of the brouillon says the same: its other pages, the recap, resuming, following, and a page sent.
    for (const [who, r] of [
      ['owner', await b.get(`${base}/verifier`)],
      ['owner', await b.get(`${base}/reprendre`)],
      ['owner', await b.get(base)],
      ['owner', await b.post(`${base}/etapes/personne-aidee`, { aide_prenom: 'Jeanne' })],
      ['stranger', await stranger.get(`${base}/verifier`)],
      ['stranger', await stranger.get('/mon-espace/demarches/no-such-demarche/etapes/personne-aidee')],
    ] as const) {
      expect(r.statusCode, who).toBe(404);
      expect(main(r.body), who).toBe(main(notYours.body));
    }
  });

  describe('who may ask for what in a household', () => {
    const members: Record<string, Account> = {};
    const memberIds: Record<string, string> = {};
    let householdId = '';
    beforeAll(async () => {
      householdId = await createHousehold(db(), '7777001', t.clock.now());
      const roles: [string, Role, boolean, string][] = [
        ['responsable', 'responsable', false, '1980-01-01'],
        ['conjointSans', 'conjoint', false, '1982-02-02'],
        ['conjointAvec', 'conjoint', true, '1982-02-02'],
        ['enfant', 'enfant', false, '2009-06-01'],
      ];
      for (const [name, role, procuration, birth] of roles) {
        const a = await createTestAccount(t.ctx);
        // Two conjoints only to compare both cases: each is checked on its own.
        memberIds[name] = (
          await addAccountMember(db(), householdId, a, { birth_date: birth, role, has_procuration: procuration, joined_at: t.clock.now() })
        ).id;
        members[name] = a;
      }
    });

    const ask = async (who: string, slug: string) => {
      const b = new TestBrowser(t.app);
      await logIn(t.ctx, b, members[who]!);
      return { b, r: await start(b, slug) };
    };

    it('a conjoint without procuration may ask for the AJPA, not for the RSA (403, who may said)', async () => {
      const ajpa = await ask('conjointSans', 'ajpa');
      expect(ajpa.r.statusCode).toBe(303);
      const rsa = await ask('conjointSans', 'rsa');
      expect(rsa.r.statusCode).toBe(403);
      // the one refusal page names who can ask, by name (here the responsable and the conjoint with the procuration)
      expect(text(rsa.r.body)).toMatch(/DUPONT, responsable du dossier, ou .+ qui a l’autorisation de gestion, peut faire cette demande\./);
      expect((await listDemarches(db(), members.conjointSans!.id)).map((d) => d.prestation)).toEqual(['ajpa']);
      // Chosen before login (« Faire la demande » then « Se connecter »): dropped at sign-in as well.
      const c = new TestBrowser(t.app);
      await c.get('/aides-et-demarches/prestations/prime-activite/faire-la-demande');
      await logIn(t.ctx, c, members.conjointSans!);
      expect((await listDemarches(db(), members.conjointSans!.id)).map((d) => d.prestation)).toEqual(['ajpa']);
    });

    it('the responsable and a conjoint with procuration may ask for the RSA; a child over 15 only for itself', async () => {
      expect((await ask('responsable', 'rsa')).r.statusCode).toBe(303);
      expect((await ask('conjointAvec', 'rsa')).r.statusCode).toBe(303);
      expect((await ask('enfant', 'rsa')).r.statusCode).toBe(403);
      expect((await ask('enfant', 'ajpa')).r.statusCode).toBe(303);
    });

    it('those who manage the dossier see the household’s sent démarches; the others only their own', async () => {
      const { b } = await ask('conjointSans', 'ajpa');
      const [d] = await listDemarches(db(), members.conjointSans!.id);
      await db()
        .updateTable('demarches')
        .set({
          status: 'envoyee',
          reference: 'MC-2026-TEST-0001',
          submitted_at: t.clock.now(),
          household_id: (await db().selectFrom('households').select('id').where('dossier_number', '=', '7777001').executeTakeFirstOrThrow())
            .id,
        })
        .where('id', '=', d!.id)
        .execute();
      const resp = new TestBrowser(t.app);
      await logIn(t.ctx, resp, members.responsable!);
      const page = text((await resp.get('/mon-espace/demarches')).body);
      expect(page).toContain('Les démarches de mon foyer');
      expect(page).toContain('MC-2026-TEST-0001');
      expect((await resp.get(`/mon-espace/demarches/${d!.id}`)).statusCode).toBe(200);
      // …but the receipt stays the asker's.
      expect((await resp.get(`/mon-espace/demarches/${d!.id}/accuse-de-reception.pdf`)).statusCode).toBe(404);
      const child = new TestBrowser(t.app);
      await logIn(t.ctx, child, members.enfant!);
      expect(text((await child.get('/mon-espace/demarches')).body)).not.toContain('Les démarches de mon foyer');
      expect((await child.get(`/mon-espace/demarches/${d!.id}`)).statusCode).toBe(404);
      expect(text((await b.get('/mon-espace/demarches')).body)).toContain('MC-2026-TEST-0001');
    });

    it('« Déclarer une séparation » leads to its own page, no brouillon; the declaration, a sent démarche, appears in « Mes démarches »', async () => {
      const { b, r } = await ask('responsable', 'declaration-separation');
      expect(location(r)).toBe('/mon-espace/foyer/separation');
      expect((await listDemarches(db(), members.responsable!.id)).map((d) => d.prestation)).not.toContain('declaration-separation');
      // A separation declared on the household's page is recorded as a sent démarche (src/demarches/separation.ts).
      const declared = await recordDeclaration(db(), members.responsable!.id, 'declaration-separation', t.clock.now());
      expect(declared).toMatchObject({ status: 'envoyee', submitted_at: t.clock.now() });
      expect((await demarcheHistory(db(), declared.id)).map((e) => e.event)).toEqual(['create', 'submit']);
      const page = text((await b.get('/mon-espace/demarches')).body);
      expect(page).toContain('Séparation déclarée Envoyée');
      expect(page).toContain(`Référence ${declared.reference}`);
    });
  });
});
