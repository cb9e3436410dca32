import { describe, expect, it } from 'vitest';
import { prestations } from '../../src/prestations/catalogue';
import type { Answers, FormDefinition } from '../../src/forms/definition';
import {
  firstIncomplete,
  findPage,
  formStep,
  nextPage,
  pageInput,
  previousPage,
  questionsOf,
  readPage,
  recap,
  factsSpoken,
  relevantAnswers,
  visiblePages,
} from '../../src/forms/engine';
import { PARTNER_CIVILITY, speak, speakPage, textsOf } from '../../src/forms/words';
import type { Input } from '../../src/forms/fields';
import { stepCaption } from '../../src/http/views/form-page';
import { text } from '../support/http';
import { aideAuLogement } from '../../src/forms/definitions/aide-au-logement';
import { ajpa } from '../../src/forms/definitions/ajpa';
import { allocationsFamiliales, complementModeDeGarde, primeDemenagement } from '../../src/forms/definitions/family';
import { forms } from '../../src/forms/definitions/index';
import { primeNaissance } from '../../src/forms/definitions/prime-naissance';
import { soutienFamilial } from '../../src/forms/definitions/soutien-familial';
import { primeActivite, rsa } from '../../src/forms/definitions/work-benefits';

const TODAY = '2026-11-30';
const keys = (f: FormDefinition, a: Answers) => visiblePages(f, a).map((p) => p.key);
const read = (f: FormDefinition, a: Answers, key: string, input: Input) => readPage(findPage(f, a, key)!, input, a, TODAY);
const IBAN = { iban: 'FR7630006000011234567890189', titulaire: 'Paul Martin' };

describe('every form', () => {
  it('exists for each prestation that names one, with unique page keys and answer ids', () => {
    expect(Object.keys(forms).sort()).toEqual([
      'aide-au-logement',
      'ajpa',
      'allocation-soutien-familial',
      'allocations-familiales',
      'complement-mode-de-garde',
      'prestation-naissance',
      'prime-activite',
      'prime-de-demenagement',
      'rsa',
    ]);
    for (const f of Object.values(forms)) {
      expect(prestations.some((p) => p.slug === f.prestation && p.online)).toBe(true);
      const pages = f.sections.flatMap((s) => s.pages);
      expect(new Set(pages.map((p) => p.id)).size).toBe(pages.length);
      // (a fact the Caf knows, `known`, is shown, never asked: the period may be shown on several pages)
      const ids = pages.flatMap((p) => p.questions.filter((q) => q.type !== 'known').map((q) => q.id));
      // the same id on two pages only when they never show together (loyer/mensualité are on one page)
      expect(new Set(ids).size).toBe(ids.length);
      for (const q of pages.flatMap((p) => p.questions))
        if (q.type === 'text' || q.type === 'textarea') expect(q.maxLength).toBeLessThanOrEqual(200);
    }
  });

  it('counts its steps by section, which never changes on the way, and names the section at every step', () => {
    const ways: Answers[] = [
      {},
      { situation_familiale: 'marie', activite_vous: 'salarie', nombre_enfants: 2 },
      { statut_occupation: 'accedant', caf_compte: 'FR76 •••• 0189', caf_salaires_vous: 100, ressources_exactes_vous: 'non' },
      { statut_occupation: 'locataire', type_bailleur: 'professionnel', autres_ressources_vous: ['autres'] },
    ];
    for (const f of Object.values(forms))
      for (const a of ways) {
        const pages = visiblePages(f, a);
        // each section has a page that applies, whatever the answers: « Étape x sur n » never skips nor changes n
        expect(new Set(pages.map((p) => p.section)).size, f.prestation).toBe(f.sections.length);
        for (const inst of pages) {
          const step = formStep(f, inst);
          expect(step.total).toBe(f.sections.length);
          const caption = text(String(stepCaption({ inst, questions: questionsOf(inst, a), step })));
          expect(caption, `${f.prestation} ${inst.key}`).toBe(`Étape ${step.index} sur ${f.sections.length} · ${inst.section.title}`);
        }
      }
  });
});

describe('aide au logement', () => {
  const base: Answers = {
    situation_familiale: 'celibataire',
    enfants_a_charge: 0,
    statut_occupation: 'locataire',
    type_bailleur: 'particulier',
  };

  it('asks for the SIRET only of a professional landlord, and nothing of a landlord to an accédant', () => {
    expect(keys(aideAuLogement, base)).toEqual([
      'situation-familiale',
      'adresse',
      'occupation',
      'loyer',
      'bailleur',
      'ressources-inconnues-vous',
      'autres-ressources-vous',
      'compte-bancaire',
    ]);
    expect(keys(aideAuLogement, { ...base, type_bailleur: 'professionnel' })).toContain('bailleur-siret');
    expect(keys(aideAuLogement, { ...base, statut_occupation: 'accedant', type_bailleur: 'professionnel' })).not.toContain('bailleur');
    expect(keys(aideAuLogement, { ...base, statut_occupation: 'accedant', type_bailleur: 'professionnel' })).not.toContain(
      'bailleur-siret',
    );
  });

  it('asks the rent of a tenant and the loan of an accédant', () => {
    const loyer = read(aideAuLogement, base, 'loyer', { loyer: '450,50', charges: '30', surface: '28' });
    expect(loyer).toEqual({ values: { loyer: 45_050, charges: 3_000, surface: 28 }, problems: [] });
    const pret = read(aideAuLogement, { ...base, statut_occupation: 'accedant' }, 'loyer', { loyer: '450', charges: '0', surface: '70' });
    expect(pret.problems).toEqual([{ field: 'mensualite', message: 'Saisissez la mensualité du prêt.' }]);
  });

  it('shows the salaries and pensions of the last 12 months the feed knows, to confirm, and asks only for the rest', () => {
    const fed = { ...base, caf_periode: 'de novembre 2025 à octobre 2026', caf_salaires_vous: 2_580_000, caf_pensions_vous: 0 };
    expect(keys(aideAuLogement, fed)).toEqual(expect.arrayContaining(['ressources-connues-vous', 'autres-ressources-vous']));
    expect(keys(aideAuLogement, fed)).not.toContain('ressources-inconnues-vous');
    // Nothing typed can replace what the feed says.
    const confirmed = read(aideAuLogement, fed, 'ressources-connues-vous', { caf_salaires_vous: '1', ressources_exactes_vous: 'oui' });
    expect(confirmed).toEqual({
      values: {
        caf_periode: 'de novembre 2025 à octobre 2026',
        caf_salaires_vous: 2_580_000,
        caf_pensions_vous: 0,
        ressources_exactes_vous: 'oui',
      },
      problems: [],
    });
    // « Non »: what is wrong is asked on the next page.
    expect(keys(aideAuLogement, { ...fed, ressources_exactes_vous: 'oui' })).not.toContain('ressources-ecart-vous');
    const wrong = { ...fed, ressources_exactes_vous: 'non' };
    expect(nextPage(aideAuLogement, wrong, 'ressources-connues-vous')?.key).toBe('ressources-ecart-vous');
    expect(read(aideAuLogement, wrong, 'ressources-ecart-vous', {}).problems).toEqual([
      { field: 'ressources_ecart_vous', message: 'Saisissez ce qui est inexact.' },
    ]);
    // Unknown to the feed: said, and asked.
    expect(read(aideAuLogement, base, 'ressources-inconnues-vous', { salaires_vous: '12000' }).problems).toEqual([
      { field: 'pensions_vous', message: 'Saisissez le total des pensions et retraites.' },
    ]);
    // The other resources: an amount only for what is ticked; the conjoint's only for a couple.
    const other = { ...fed, autres_ressources_vous: ['etranger', 'pension_alimentaire'] };
    expect(read(aideAuLogement, other, 'montants-autres-ressources-vous', { etranger_vous: '3000' }).problems).toEqual([
      { field: 'pension_alimentaire_vous', message: 'Saisissez les pensions alimentaires reçues.' },
    ]);
    expect(keys(aideAuLogement, { ...fed, autres_ressources_vous: [] })).not.toContain('montants-autres-ressources-vous');
    expect(keys(aideAuLogement, fed).filter((k) => k.endsWith('-conjoint'))).toEqual([]);
    expect(keys(aideAuLogement, { ...fed, situation_familiale: 'pacse' }).filter((k) => k.endsWith('-conjoint'))).toEqual([
      'ressources-inconnues-conjoint',
      'autres-ressources-conjoint',
    ]);
    // The avant-dernière année is gone from this form.
    expect(JSON.stringify(aideAuLogement)).not.toMatch(/avant-dernière|imposable/);
  });

  it('shows the dossier’s bank account masked, never as a field, when the Caf knows it', () => {
    const known = { ...base, caf_compte: 'FR76 •••• •••• 0189, au nom de M. MOREAU' };
    expect(keys(aideAuLogement, known)).toContain('compte-bancaire-dossier');
    expect(keys(aideAuLogement, known)).not.toContain('compte-bancaire');
    const page = findPage(aideAuLogement, known, 'compte-bancaire-dossier')!;
    expect(page.page.questions.some((q) => q.type === 'iban')).toBe(false);
    expect(
      read(aideAuLogement, known, 'compte-bancaire-dossier', { caf_compte: 'FR76 0000', iban: 'FR7630006000011234567890189' }),
    ).toEqual({
      values: { caf_compte: known.caf_compte },
      problems: [{ field: 'compte_confirme', message: 'Sélectionnez la case pour confirmer le compte bancaire.' }],
    });
    expect(findPage(aideAuLogement, base, 'compte-bancaire-dossier')).toBeUndefined();
  });

  it('checks the IBAN key and the address at their fields', () => {
    expect(
      read(aideAuLogement, base, 'compte-bancaire', { iban: 'FR7630006000011234567890188', titulaire: 'P' }).problems[0],
    ).toMatchObject({ field: 'iban' });
    expect(read(aideAuLogement, base, 'adresse', { adresse: '3 rue Oberkampf', code_postal: '7501', commune: 'Paris' }).problems).toEqual([
      { field: 'code_postal', message: 'Le code postal doit comporter 5 chiffres, par exemple 75011.' },
    ]);
  });

  it('walks forward and back, finds the first page to fill, and the recap keeps only what applies', () => {
    const a: Answers = {
      ...base,
      adresse: '3 rue Oberkampf',
      code_postal: '75011',
      commune: 'Paris',
      date_entree: '2026-09-01',
      loyer: 45_000,
      charges: 3_000,
      surface: 28,
      bailleur_nom: 'M. Bernard',
      bailleur_adresse: '1 rue de Lyon 69003 Lyon',
      salaires_vous: 1_200_000,
      pensions_vous: 0,
      autres_ressources_vous: [],
      ...IBAN,
    };
    expect(nextPage(aideAuLogement, a, 'loyer')?.key).toBe('bailleur');
    expect(previousPage(aideAuLogement, a, 'loyer')?.key).toBe('occupation');
    expect(nextPage(aideAuLogement, a, 'compte-bancaire')).toBeUndefined();
    expect(firstIncomplete(aideAuLogement, a, TODAY)).toBeUndefined();
    expect(firstIncomplete(aideAuLogement, { ...a, type_bailleur: 'professionnel' }, TODAY)?.key).toBe('bailleur-siret');
    // Becoming accédant: the landlord and the rent no longer apply, and are not sent.
    const relevant = relevantAnswers(aideAuLogement, { ...a, statut_occupation: 'accedant', mensualite: 60_000 });
    expect(relevant).not.toHaveProperty('bailleur_nom');
    expect(relevant).not.toHaveProperty('loyer');
    expect(relevant).toHaveProperty('mensualite', 60_000);
    const sections = recap(aideAuLogement, a);
    expect(sections.map((s) => s.title)).toEqual([
      'Votre foyer',
      // (the landlord is part of the home: a section of its own would vanish for an accédant, and the steps with it)
      'Votre logement',
      'Vos ressources',
      'Versement',
    ]);
    expect(sections[1]!.rows.find((r) => r.key === 'loyer')).toEqual({
      pageKey: 'loyer',
      key: 'loyer',
      label: 'Loyer mensuel hors charges',
      value: '450,00 €',
    });
    expect(pageInput(findPage(aideAuLogement, a, 'occupation')!, a)).toEqual({
      'date_entree-day': '1',
      'date_entree-month': '9',
      'date_entree-year': '2026',
      statut_occupation: 'locataire',
    });
  });
});

describe('RSA and prime d’activité', () => {
  it('ask the activity and three months of resources of each adult: the conjoint’s only in a couple', () => {
    const alone = keys(rsa, { situation_familiale: 'celibataire' });
    expect(alone).toEqual([
      'situation-familiale',
      'activite-vous',
      'ressources-vous-3',
      'ressources-vous-2',
      'ressources-vous-1',
      'compte-bancaire',
    ]);
    const couple = keys(rsa, { situation_familiale: 'marie' });
    expect(couple.filter((k) => k.startsWith('ressources-conjoint'))).toHaveLength(3);
    expect(couple).toContain('activite-conjoint');
    expect(findPage(rsa, {}, 'ressources-vous-1')!.title).toBe('Vos ressources du mois dernier');
    expect(read(rsa, {}, 'ressources-vous-3', { salaires_vous_m3: '0', indemnites_vous_m3: '', autres_vous_m3: '12' }).problems).toEqual([
      { field: 'indemnites_vous_m3', message: 'Saisissez les allocations et indemnités.' },
    ]);
  });

  it('the prime d’activité needs someone who works; the RSA does not', () => {
    const alone = { situation_familiale: 'celibataire' };
    expect(read(rsa, alone, 'activite-vous', { activite_vous: 'sans_activite' }).problems).toEqual([]);
    expect(read(primeActivite, alone, 'activite-vous', { activite_vous: 'sans_activite' }).problems[0]).toMatchObject({
      field: 'activite_vous',
      message: expect.stringContaining('activité professionnelle'),
    });
    expect(read(primeActivite, alone, 'activite-vous', { activite_vous: 'salarie' }).problems).toEqual([]);
    const couple = { situation_familiale: 'marie', activite_vous: 'chomage' };
    expect(read(primeActivite, couple, 'activite-vous', { activite_vous: 'chomage' }).problems).toEqual([]);
    expect(read(primeActivite, couple, 'activite-conjoint', { activite_conjoint: 'etudiant' }).problems[0]).toMatchObject({
      field: 'activite_conjoint',
    });
    expect(read(primeActivite, couple, 'activite-conjoint', { activite_conjoint: 'independant' }).problems).toEqual([]);
  });
});

describe('the partner, named after the civilité the household knows', () => {
  const couple = { situation_familiale: 'marie', caf_mois_1: 'octobre 2026' };
  const withPartner = (c?: 'M' | 'MME') => (c ? { ...couple, [PARTNER_CIVILITY]: c } : couple);

  it('says « votre conjointe », « votre conjoint », or « votre conjoint(e) » when unknown: titles, labels, messages, the recap', () => {
    for (const [c, partner, pronoun] of [
      ['MME', 'votre conjointe', 'elle'],
      ['M', 'votre conjoint', 'il'],
      [undefined, 'votre conjoint(e)', 'il ou elle'],
    ] as const) {
      const a = withPartner(c);
      const activity = findPage(rsa, a, 'activite-conjoint')!;
      expect(activity.title).toBe(`L’activité de ${partner}`);
      expect(questionsOf(activity, a)[0]!.label).toBe(`Quelle est l’activité actuelle de ${partner} ?`);
      expect(read(rsa, a, 'activite-conjoint', {}).problems).toEqual([
        { field: 'activite_conjoint', message: `Indiquez l’activité de ${partner}.` },
      ]);
      expect(findPage(rsa, a, 'ressources-conjoint-1')!.title).toBe(`Les ressources de ${partner} d’octobre 2026`);
      const others = findPage(aideAuLogement, a, 'autres-ressources-conjoint')!;
      expect(questionsOf(others, a)[0]!.label).toBe(
        `${sentenceStart(partner)} a-t-${pronoun} reçu d’autres ressources pendant ces 12 mois ?`,
      );
      const rows = recap(rsa, { ...a, activite_conjoint: 'salarie' }).flatMap((s) => s.rows.map((r) => r.label));
      expect(rows).toContain(`Quelle est l’activité actuelle de ${partner} ?`);
    }
  });

  it('leaves no placeholder in any text of any form, for each civilité, and keeps the civilité with what is sent', () => {
    for (const f of Object.values(forms))
      for (const c of ['M', 'MME', undefined] as const) {
        const all = f.sections.flatMap((s) => s.pages).map((p) => speakPage(p, c));
        for (const text of all.flatMap(textsOf)) expect(text, f.prestation).not.toMatch(/[{}]/);
      }
    expect(factsSpoken(rsa)).toEqual([PARTNER_CIVILITY]);
    expect(factsSpoken(ajpa)).toEqual([]);
    expect(relevantAnswers(rsa, withPartner('MME'))).toMatchObject({ [PARTNER_CIVILITY]: 'MME' });
    expect(() => speak('votre {conjointe}', 'MME')).toThrow(/unknown placeholder/);
  });
});

const sentenceStart = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

describe('prime à la naissance', () => {
  const grossesse = (debut: string, naissance: string) => {
    const [dy, dm, dd] = debut.split('-');
    const [ny, nm, nd] = naissance.split('-');
    return read(primeNaissance, {}, 'grossesse', {
      'debut_grossesse-day': dd,
      'debut_grossesse-month': dm,
      'debut_grossesse-year': dy,
      'naissance_prevue-day': nd,
      'naissance_prevue-month': nm,
      'naissance_prevue-year': ny,
      enfants_attendus: '1',
    }).problems;
  };

  it('the 14-week rule: declared within 98 days of the presumed start', () => {
    expect(grossesse('2026-08-24', '2027-05-20')).toEqual([]); // day 98
    expect(grossesse('2026-08-23', '2027-05-20')).toEqual([
      {
        field: 'debut_grossesse',
        message:
          'La grossesse doit être déclarée avant la fin de la 14e semaine, soit au plus tard le 29 novembre 2026. Contactez votre Caf pour savoir comment faire.',
      },
    ]);
  });

  it('the expected birth between 5 and 10 months after the start, and in the future', () => {
    expect(grossesse('2026-10-01', '2027-02-01')).toEqual([
      {
        field: 'naissance_prevue',
        message: 'La date prévue de la naissance doit se situer entre 5 et 10 mois après le début de la grossesse.',
      },
    ]);
    expect(grossesse('2026-10-01', '2026-11-01')[0]).toMatchObject({
      field: 'naissance_prevue',
      message: 'La date prévue de la naissance doit être aujourd’hui ou dans le futur.',
    });
    expect(grossesse('2026-12-01', '2027-08-01')[0]).toMatchObject({
      field: 'debut_grossesse',
      message: 'La date présumée de début de grossesse doit être aujourd’hui ou dans le passé.',
    });
  });
});

describe('allocation de soutien familial', () => {
  it('one page per child, as many as declared (at most 8), each saved under its own keys', () => {
    expect(keys(soutienFamilial, { nombre_enfants: 2 })).toEqual([
      'situation-familiale',
      'enfants',
      'enfant-1',
      'enfant-2',
      'autre-parent',
      'compte-bancaire',
    ]);
    expect(keys(soutienFamilial, { nombre_enfants: 20 }).filter((k) => k.startsWith('enfant-'))).toHaveLength(8);
    const child = read(soutienFamilial, { nombre_enfants: 2 }, 'enfant-2', {
      enfant_prenom_2: 'Léo',
      enfant_nom_2: 'Martin',
      'enfant_naissance_2-day': '3',
      'enfant_naissance_2-month': '4',
      'enfant_naissance_2-year': '2019',
    });
    expect(child).toEqual({ values: { enfant_prenom_2: 'Léo', enfant_nom_2: 'Martin', enfant_naissance_2: '2019-04-03' }, problems: [] });
    expect(findPage(soutienFamilial, { nombre_enfants: 2 }, 'enfant-2')!.title).toBe('Enfant 2 : ses informations');
    expect(recap(soutienFamilial, { nombre_enfants: 1, enfant_prenom_1: 'Léo' })[1]!.rows[1]).toMatchObject({
      label: 'Enfant 1 – Prénom',
      value: 'Léo',
      pageKey: 'enfant-1',
    });
  });

  it('is for a parent who lives alone; the pension page follows the other parent’s situation', () => {
    expect(
      read(soutienFamilial, {}, 'situation-familiale', { situation_familiale: 'concubinage', enfants_a_charge: '1' }).problems[0],
    ).toMatchObject({ field: 'situation_familiale' });
    expect(read(soutienFamilial, {}, 'situation-familiale', { situation_familiale: 'separe', enfants_a_charge: '1' }).problems).toEqual([]);
    expect(keys(soutienFamilial, { autre_parent: 'decede' })).not.toContain('pension');
    expect(read(soutienFamilial, { autre_parent: 'ne_paie_pas' }, 'pension', { pension_fixee: 'oui' }).problems).toEqual([]);
    expect(read(soutienFamilial, { autre_parent: 'pension_faible' }, 'pension', { pension_fixee: 'oui' }).problems).toEqual([
      { field: 'pension_montant', message: 'Saisissez le montant de la pension versée.' },
    ]);
  });
});

describe('AJPA', () => {
  it('the person helped, the link, and 1 to 22 days a month', () => {
    expect(keys(ajpa, {})).toEqual(['personne-aidee', 'lien', 'jours', 'compte-bancaire']);
    const jours = (n: string) =>
      read(ajpa, {}, 'jours', { 'debut_conge-day': '1', 'debut_conge-month': '12', 'debut_conge-year': '2026', jours: n }).problems;
    expect(jours('22')).toEqual([]);
    expect(jours('23')).toEqual([{ field: 'jours', message: 'Le nombre de jours demandés doit être de 1 à 22 jours.' }]);
    expect(jours('0')[0]).toMatchObject({ field: 'jours' });
    expect(read(ajpa, {}, 'lien', {}).problems).toEqual([{ field: 'lien', message: 'Indiquez votre lien avec la personne aidée.' }]);
  });
});

describe('allocations familiales, mode de garde, prime de déménagement', () => {
  const born = (prefix: string, day: string) => {
    const [y, m, d] = day.split('-');
    return { [`${prefix}-day`]: d!, [`${prefix}-month`]: m!, [`${prefix}-year`]: y! };
  };

  it('allocations familiales: 2 children at least, each under 20', () => {
    expect(read(allocationsFamiliales, {}, 'enfants', { nombre_enfants: '1' }).problems[0]).toMatchObject({
      field: 'nombre_enfants',
      message: expect.stringContaining('au moins 2 enfants'),
    });
    expect(read(allocationsFamiliales, {}, 'enfants', { nombre_enfants: '2' }).problems).toEqual([]);
    const child = (birth: string) =>
      read(allocationsFamiliales, { nombre_enfants: 2 }, 'enfant-1', {
        enfant_prenom_1: 'Léo',
        enfant_nom_1: 'Martin',
        ...born('enfant_naissance_1', birth),
      }).problems;
    expect(child('2006-12-01')).toEqual([]);
    expect(child('2006-11-29')[0]).toMatchObject({ field: 'enfant_naissance_1', message: expect.stringContaining('moins de 20 ans') });
  });

  it('mode de garde: a child under 6', () => {
    const child = (birth: string) =>
      read(complementModeDeGarde, {}, 'enfant-garde', { enfant_prenom: 'Léo', ...born('enfant_naissance', birth) }).problems;
    expect(child('2021-01-01')).toEqual([]);
    expect(child('2020-11-29')[0]).toMatchObject({ field: 'enfant_naissance', message: expect.stringContaining('moins de 6 ans') });
  });

  it('prime de déménagement: 3 children at least, asked within 6 months of the move', () => {
    expect(read(primeDemenagement, {}, 'enfants', { nombre_enfants: '2' }).problems[0]).toMatchObject({
      message: expect.stringContaining('au moins 3 enfants'),
    });
    const move = (day: string) =>
      read(primeDemenagement, {}, 'demenagement', {
        ...born('date_demenagement', day),
        adresse: '1 rue de la Paix',
        code_postal: '75002',
        commune: 'Paris',
        frais: '850',
      }).problems;
    expect(move('2026-06-01')).toEqual([]);
    expect(move('2026-05-01')[0]).toMatchObject({
      field: 'date_demenagement',
      message: 'La demande doit être faite dans les 6 mois qui suivent le déménagement.',
    });
  });
});
