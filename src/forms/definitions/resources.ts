import type { Condition, Page, Question } from '../definition';
import { COUPLE, yesNo } from './common';

/**
 * The resources of the last twelve months (the aide au logement's rule since 2021), « Dites-le
 * nous une fois »: salaries and pensions reach the Caf by themselves (the monthly resources feed,
 * src/resources/feed.ts), so they are shown to confirm (`caf_salaires_…`, `caf_pensions_…`); when
 * the feed knows nothing, the page says so and asks. Then only what the feed never brings:
 * self-employment, income from abroad, pensions alimentaires, other resources.
 */
const MEMBERS = [
  { id: 'vous', couple: undefined },
  { id: 'conjoint', couple: COUPLE },
] as const;

const OTHER_KINDS = [
  {
    value: 'independant',
    label: 'Revenus d’une activité indépendante ou d’auto-entrepreneur',
    name: 'les revenus d’activité indépendante',
  },
  { value: 'etranger', label: 'Revenus perçus à l’étranger', name: 'les revenus perçus à l’étranger' },
  { value: 'pension_alimentaire', label: 'Pensions alimentaires reçues', name: 'les pensions alimentaires reçues' },
  { value: 'autres', label: 'Autres ressources (revenus fonciers, rentes…)', name: 'les autres ressources' },
] as const;

const known = (id: string, label: string, format: 'text' | 'amount'): Question => ({ id, type: 'known', label, name: label, format });
const when = (member: (typeof MEMBERS)[number], c: Condition): Condition => (member.couple ? { all: [member.couple, c] } : c);
const amount = (id: string, label: string, name: string, hint: string, showIf?: Condition): Question => ({
  id,
  type: 'amount',
  label,
  name,
  hint,
  max: 1_000_000,
  ...(showIf ? { showIf } : {}),
});

export function twelveMonthResourcesPages(): Page[] {
  return MEMBERS.flatMap((m) => {
    const mine = m.id === 'vous';
    const fed: Condition = { question: `caf_salaires_${m.id}`, answered: true };
    const title = mine
      ? 'Vos salaires et pensions des 12 derniers mois'
      : 'Les salaires et pensions de votre {conjoint} des 12 derniers mois';
    const others = `autres_ressources_${m.id}`;
    return [
      {
        id: `ressources-connues-${m.id}`,
        title,
        intro: `Les employeurs et les caisses de retraite les déclarent chaque mois à la Caf : ${mine ? 'vous n’avez' : 'il n’y a'} pas à les saisir. Vérifiez les montants nets reçus.`,
        showIf: when(m, fed),
        questions: [
          known('caf_periode', 'Période', 'text'),
          known(`caf_salaires_${m.id}`, 'Salaires', 'amount'),
          known(`caf_pensions_${m.id}`, 'Pensions et retraites', 'amount'),
          {
            id: `ressources_exactes_${m.id}`,
            type: 'radios',
            label: 'Ces montants sont-ils exacts ?',
            name: 'si ces montants sont exacts',
            options: yesNo,
          },
        ],
      },
      {
        // Its own page: a question that depends on an answer of the same page would not show without JavaScript.
        id: `ressources-ecart-${m.id}`,
        title: mine
          ? 'Ce qui est inexact dans vos salaires et pensions'
          : 'Ce qui est inexact dans les salaires et pensions de votre {conjoint}',
        showIf: when(m, { all: [fed, { question: `ressources_exactes_${m.id}`, equals: 'non' }] }),
        questions: [
          {
            id: `ressources_ecart_${m.id}`,
            type: 'textarea',
            label: 'Qu’est-ce qui est inexact ?',
            name: 'ce qui est inexact',
            hint: 'Par exemple : un employeur ou un mois qui manque, un montant différent. La Caf le vérifiera.',
            maxLength: 200,
          },
        ],
      },
      {
        id: `ressources-inconnues-${m.id}`,
        title,
        intro: `La Caf n’a reçu aucun salaire ni aucune pension ${mine ? 'à votre nom' : 'au nom de votre {conjoint}'} pour ces 12 mois : indiquez les montants nets reçus au total.`,
        showIf: when(m, { not: fed }),
        questions: [
          known('caf_periode', 'Période', 'text'),
          amount(`salaires_${m.id}`, 'Salaires', 'le total des salaires', 'En euros, sur les 12 mois. Saisissez 0 s’il n’y en a pas eu.'),
          amount(
            `pensions_${m.id}`,
            'Pensions et retraites',
            'le total des pensions et retraites',
            'En euros, sur les 12 mois. Saisissez 0 s’il n’y en a pas eu.',
          ),
        ],
      },
      {
        id: `autres-ressources-${m.id}`,
        title: mine ? 'Vos autres ressources des 12 derniers mois' : 'Les autres ressources de votre {conjoint} des 12 derniers mois',
        ...(m.couple ? { showIf: m.couple } : {}),
        questions: [
          {
            id: others,
            type: 'checkboxes',
            label: mine
              ? 'Avez-vous reçu d’autres ressources pendant ces 12 mois ?'
              : 'Votre {conjoint} a-t-{il} reçu d’autres ressources pendant ces 12 mois ?',
            name: 'les autres ressources',
            hint: 'Elles ne sont pas transmises à la Caf. Cochez tout ce qui s’applique ; ne cochez rien s’il n’y en a pas.',
            optional: true,
            options: OTHER_KINDS.map(({ value, label }) => ({ value, label })),
          },
        ],
      },
      {
        id: `montants-autres-ressources-${m.id}`,
        title: mine ? 'Le montant de vos autres ressources' : 'Le montant des autres ressources de votre {conjoint}',
        showIf: when(m, { any: OTHER_KINDS.map((k) => ({ question: others, includes: k.value })) }),
        questions: OTHER_KINDS.map((k) =>
          amount(`${k.value}_${m.id}`, k.label, k.name, 'Montant net reçu sur les 12 mois, en euros', {
            question: others,
            includes: k.value,
          }),
        ),
      },
    ] satisfies Page[];
  });
}
