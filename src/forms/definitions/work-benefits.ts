import type { FormDefinition, Page, PageRule } from '../definition';
import { MEMBERS, WORKING, activityPage, bankSection, holdsCouple, resourcesPages, situationPage } from './common';

/**
 * RSA and prime d'activité: the household, the activity of each adult, the resources of each of the
 * last three months per adult, the bank account. The prime d'activité is for people who work.
 */
function workBenefit(prestation: string, activityRules: { vous: PageRule[]; conjoint: PageRule[] }): FormDefinition {
  const [vous, conjoint] = MEMBERS;
  const pages: Page[] = [activityPage(vous, activityRules.vous), activityPage(conjoint, activityRules.conjoint)];
  return {
    prestation,
    sections: [
      { id: 'foyer', title: 'Votre foyer', pages: [situationPage] },
      { id: 'activite', title: 'Activité', pages },
      { id: 'ressources', title: 'Ressources des 3 derniers mois', pages: resourcesPages() },
      bankSection,
    ],
  };
}

const NOT_WORKING =
  'La prime d’activité est versée aux personnes qui exercent une activité professionnelle. Si vous n’avez pas d’activité, vous pouvez demander le RSA.';

export const rsa = workBenefit('rsa', { vous: [], conjoint: [] });

export const primeActivite = workBenefit('prime-activite', {
  vous: [
    { question: 'activite_vous', check: (a) => (!holdsCouple(a) && !WORKING.includes(String(a.activite_vous)) ? NOT_WORKING : undefined) },
  ],
  conjoint: [
    {
      question: 'activite_conjoint',
      check: (a) =>
        !WORKING.includes(String(a.activite_vous)) && !WORKING.includes(String(a.activite_conjoint))
          ? `${NOT_WORKING} Au moins l’un de vous deux doit travailler.`
          : undefined,
    },
  ],
});
