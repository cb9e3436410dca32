import { deDate } from '../../shared/french-time';
import type { Condition, Option, Page, Question, Section } from '../definition';

/** Pieces shared by several forms: the family situation, activity and resources of a member, the bank account. */

export const yesNo: readonly Option[] = [
  { value: 'oui', label: 'Oui' },
  { value: 'non', label: 'Non' },
];

/** A date question; `when` keeps it in the past or in the future. */
export const dateQuestion = (id: string, label: string, name: string, hint: string, when?: 'past' | 'future'): Question => ({
  id,
  type: 'date',
  ...(when ? { when } : {}),
  label,
  name,
  hint,
});

/** A choice of one option among several. */
export const radios = (id: string, label: string, name: string, options: readonly Option[]): Question => ({
  id,
  type: 'radios',
  label,
  name,
  options,
});

/** First name, name and birth date of a person (`prefix_prenom`, `prefix_nom`, `prefix_naissance`); `whose` ends each field's name. */
export function identityQuestions(prefix: string, whose: string, birthHint: string): Question[] {
  return [
    { id: `${prefix}_prenom`, type: 'text', label: 'Prénom', name: `le prénom ${whose}`, maxLength: 60, width: 20, personName: true },
    { id: `${prefix}_nom`, type: 'text', label: 'Nom', name: `le nom ${whose}`, maxLength: 60, width: 20, personName: true },
    dateQuestion(`${prefix}_naissance`, 'Date de naissance', `la date de naissance ${whose}`, birthHint, 'past'),
  ];
}

/** The page repeated once per child, as many times as the answer to `nombre_enfants` (at most `max`). */
export function childPage(max: number, rules?: Page['rules']): Page {
  return {
    id: 'enfant',
    title: 'ses informations',
    repeat: { count: 'nombre_enfants', max, label: 'Enfant' },
    questions: identityQuestions('enfant', 'de l’enfant', 'Par exemple 27 3 2018'),
    ...(rules ? { rules } : {}),
  };
}

export const SITUATIONS: readonly Option[] = [
  { value: 'celibataire', label: 'Célibataire' },
  { value: 'marie', label: 'Marié(e)' },
  { value: 'pacse', label: 'Pacsé(e)' },
  { value: 'concubinage', label: 'En concubinage (union libre)' },
  { value: 'separe', label: 'Séparé(e)' },
  { value: 'divorce', label: 'Divorcé(e)' },
  { value: 'veuf', label: 'Veuf ou veuve' },
];

/** Living as a couple: a spouse, a partner of a PACS or a concubin(e). */
export const COUPLE: Condition = { question: 'situation_familiale', in: ['marie', 'pacse', 'concubinage'] };

export const situationPage: Page = {
  id: 'situation-familiale',
  title: 'Votre situation familiale',
  questions: [
    {
      id: 'caf_foyer',
      type: 'known',
      format: 'text',
      label: 'Votre foyer dans votre dossier',
      name: 'votre foyer dans votre dossier',
      hint: 'Indiquez ci-dessous votre situation d’aujourd’hui : si vous êtes en couple, le dossier ne dit pas s’il s’agit d’un mariage, d’un Pacs ou d’une union libre.',
      showIf: { question: 'caf_foyer', answered: true },
    },
    {
      id: 'situation_familiale',
      type: 'radios',
      label: 'Quelle est votre situation familiale ?',
      name: 'votre situation familiale',
      options: SITUATIONS,
    },
    {
      id: 'enfants_a_charge',
      type: 'integer',
      label: 'Combien d’enfants avez-vous à charge ?',
      name: 'le nombre d’enfants à charge',
      hint: 'Saisissez 0 si vous n’avez pas d’enfant à charge.',
      min: 0,
      max: 15,
    },
  ],
};

/** The taxable income of the household, two years back: the person's, and their conjoint's when they live as a couple. */
export const incomePage: Page = {
  id: 'ressources',
  title: 'Les ressources de votre foyer',
  intro: 'Indiquez le revenu net imposable de l’avant-dernière année (par exemple 2024 pour une demande faite en 2026).',
  questions: [
    {
      id: 'revenus_vous',
      type: 'amount',
      label: 'Votre revenu net imposable',
      name: 'votre revenu net imposable',
      max: 1_000_000,
      hint: 'En euros, 0 si vous n’aviez pas de revenu',
    },
    {
      id: 'revenus_conjoint',
      type: 'amount',
      label: 'Le revenu net imposable de votre {conjoint}',
      name: 'le revenu net imposable de votre {conjoint}',
      max: 1_000_000,
      showIf: COUPLE,
      hint: 'En euros',
    },
  ],
};

export const ACTIVITIES: readonly Option[] = [
  { value: 'salarie', label: 'Salarié(e)', hint: 'Y compris en intérim, en apprentissage ou à temps partiel' },
  { value: 'independant', label: 'Travailleur indépendant ou auto-entrepreneur' },
  { value: 'chomage', label: 'Demandeur d’emploi' },
  { value: 'etudiant', label: 'Étudiant(e)' },
  { value: 'retraite', label: 'Retraité(e)' },
  { value: 'sans_activite', label: 'Sans activité' },
];
export const WORKING = ['salarie', 'independant'];

/** The two adults a household form asks about: the person, and their conjoint when they live as a couple. */
export const MEMBERS = [
  { id: 'vous', showIf: undefined },
  { id: 'conjoint', showIf: COUPLE },
] as const;

export function activityPage(member: (typeof MEMBERS)[number], rules: Page['rules'] = []): Page {
  const mine = member.id === 'vous';
  return {
    id: `activite-${member.id}`,
    title: mine ? 'Votre activité' : 'L’activité de votre {conjoint}',
    ...(member.showIf ? { showIf: member.showIf } : {}),
    questions: [
      {
        id: `activite_${member.id}`,
        type: 'radios',
        label: mine ? 'Quelle est votre activité actuelle ?' : 'Quelle est l’activité actuelle de votre {conjoint} ?',
        name: mine ? 'votre activité' : 'l’activité de votre {conjoint}',
        options: ACTIVITIES,
      },
    ],
    rules,
  };
}

const MONTHS = [
  { n: 3, of: 'd’il y a 3 mois' },
  { n: 2, of: 'd’il y a 2 mois' },
  { n: 1, of: 'du mois dernier' },
];

const amount = (
  id: string,
  label: string,
  name: string,
  hint = 'Montant net, en euros. Saisissez 0 si vous n’avez rien perçu.',
  prefilledHint?: string,
): Question => ({ id, type: 'amount', label, name, hint, ...(prefilledHint ? { prefilledHint } : {}), max: 100_000 });

/** The salary of a month the resources feed knows is shown in its field (src/demarches/known.ts): said so. */
const KNOWN_SALARY_HINT = 'Montant net, en euros, déclaré à la Caf par l’employeur pour ce mois. Corrigez-le s’il est inexact.';

/**
 * One page per member and per month of the last three: salaries, benefits, other resources. Each
 * names its month (`caf_mois_n`: « septembre 2026 », src/demarches/known.ts); the salaries the
 * monthly resources feed knows are offered in the field, to confirm.
 */
export function resourcesPages(): Page[] {
  return MEMBERS.flatMap((m) =>
    MONTHS.map(({ n, of }) => {
      const mine = m.id === 'vous';
      const id = `${m.id}_m${n}`;
      const whose = mine ? 'Vos ressources' : 'Les ressources de votre {conjoint}';
      const month = `caf_mois_${n}`;
      return {
        id: `ressources-${m.id}-${n}`,
        title: `${whose} ${of}`,
        titleWith: { question: month, title: (words: string) => `${whose} ${deDate(words)}` },
        ...(m.showIf ? { showIf: m.showIf } : {}),
        questions: [
          { id: month, type: 'known', format: 'text', label: 'Mois', name: 'le mois', inTitle: true },
          amount(`salaires_${id}`, 'Salaires et revenus d’activité', `les salaires et revenus d’activité`, undefined, KNOWN_SALARY_HINT),
          amount(`indemnites_${id}`, 'Allocations chômage, indemnités maladie ou maternité', 'les allocations et indemnités'),
          amount(`autres_${id}`, 'Autres ressources (pensions, rentes, revenus du patrimoine)', 'les autres ressources'),
        ],
      };
    }),
  );
}

/** The dossier's bank account is known (src/demarches/known.ts): shown masked, changed only through the protected change. */
const BANK_KNOWN: Condition = { question: 'caf_compte', answered: true };

export const bankSection: Section = {
  id: 'versement',
  title: 'Versement',
  pages: [
    {
      id: 'compte-bancaire',
      title: 'Le compte bancaire pour le versement',
      intro:
        'La Caf verse les prestations sur un compte bancaire de la zone SEPA. Vous trouverez l’IBAN sur votre relevé d’identité bancaire (RIB).',
      showIf: { not: BANK_KNOWN },
      questions: [
        { id: 'iban', type: 'iban', label: 'IBAN', name: 'l’IBAN', hint: 'Par exemple FR76 3000 6000 0112 3456 7890 189' },
        {
          id: 'titulaire',
          type: 'text',
          label: 'Nom du titulaire du compte',
          name: 'le nom du titulaire du compte',
          maxLength: 100,
          autocomplete: 'name',
        },
      ],
    },
    {
      id: 'compte-bancaire-dossier',
      title: 'Le compte bancaire pour le versement',
      intro: 'La Caf verse les prestations de votre foyer sur le compte bancaire enregistré dans votre dossier.',
      showIf: BANK_KNOWN,
      questions: [
        {
          id: 'caf_compte',
          type: 'known',
          format: 'text',
          label: 'Compte bancaire du dossier',
          name: 'le compte bancaire du dossier',
          hint: 'Pour votre sécurité, seuls le début et la fin de l’IBAN sont affichés.',
          link: { href: '/mon-espace/foyer/changement/compte-bancaire', text: 'Changer de compte bancaire' },
        },
        {
          id: 'compte_confirme',
          type: 'checkboxes',
          label: 'Confirmation du compte bancaire',
          name: 'la case pour confirmer le compte bancaire',
          hint: 'Pour un autre compte, changez d’abord le compte bancaire du dossier avec « Changer de compte bancaire », puis revenez à cette demande : elle est gardée.',
          options: [{ value: 'oui', label: 'Je confirme que les prestations de cette demande seront versées sur ce compte' }],
        },
      ],
    },
  ],
};

export function holdsCouple(a: Record<string, unknown>): boolean {
  return ['marie', 'pacse', 'concubinage'].includes(String(a.situation_familiale));
}
