import type { FormDefinition } from '../definition';
import { bankSection, dateQuestion, identityQuestions, radios } from './common';

/**
 * Allocation journalière du proche aidant: an individual request (a conjoint without procuration,
 * a child over 15 may ask). The person helped, the link, the days of leave asked for this month
 * (22 at most a month, 66 over a working life).
 */
export const ajpa: FormDefinition = {
  prestation: 'ajpa',
  sections: [
    {
      id: 'personne-aidee',
      title: 'La personne que vous aidez',
      pages: [
        {
          id: 'personne-aidee',
          title: 'Son identité et sa situation',
          questions: [
            ...identityQuestions('aide', 'de la personne aidée', 'Par exemple 3 2 1948'),
            radios('aide_situation', 'Sa situation', 'la situation de la personne aidée', [
              { value: 'handicap', label: 'En situation de handicap, avec un taux d’incapacité d’au moins 80 %' },
              { value: 'autonomie', label: 'En perte d’autonomie (GIR 1 à 4)' },
            ]),
          ],
        },
        {
          id: 'lien',
          title: 'Votre lien avec cette personne',
          questions: [
            radios('lien', 'Quel est votre lien avec la personne aidée ?', 'votre lien avec la personne aidée', [
              { value: 'parent', label: 'C’est mon père ou ma mère' },
              { value: 'enfant', label: 'C’est mon enfant' },
              { value: 'conjoint', label: 'C’est mon conjoint, partenaire de PACS ou concubin' },
              { value: 'famille', label: 'Un autre membre de ma famille', hint: 'Frère, sœur, grand-parent, oncle, tante, cousin…' },
              {
                value: 'proche',
                label: 'Une personne avec qui j’ai des liens étroits et stables',
                hint: 'Sans lien de famille, vous l’aidez régulièrement et fréquemment',
              },
            ]),
          ],
        },
      ],
    },
    {
      id: 'conge',
      title: 'Votre congé',
      pages: [
        {
          id: 'jours',
          title: 'Les jours de congé demandés',
          intro: 'Vous pouvez demander jusqu’à 22 jours par mois, et 66 jours sur l’ensemble de votre carrière.',
          questions: [
            dateQuestion('debut_conge', 'Date de début du congé de proche aidant', 'la date de début du congé', 'Par exemple 1 12 2026'),
            {
              id: 'jours',
              type: 'integer',
              label: 'Nombre de jours de congé pris ce mois-ci',
              name: 'le nombre de jours demandés',
              min: 1,
              max: 22,
              unit: 'jours',
              hint: 'Entre 1 et 22 jours',
            },
          ],
        },
      ],
    },
    bankSection,
  ],
};
