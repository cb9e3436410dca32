import { addDays, daysBetween, frenchDay } from '../fields';
import type { FormDefinition } from '../definition';
import { bankSection, dateQuestion, incomePage, situationPage } from './common';

/**
 * Prime à la naissance (prestation d'accueil du jeune enfant). The pregnancy must be declared
 * before the end of its 14th week (14 × 7 = 98 days after its presumed start); the expected birth
 * comes between 5 and 10 months after the start.
 */
export const FOURTEEN_WEEKS_DAYS = 98;

export const primeNaissance: FormDefinition = {
  prestation: 'prestation-naissance',
  sections: [
    {
      id: 'grossesse',
      title: 'Votre grossesse',
      pages: [
        {
          id: 'grossesse',
          title: 'Les dates de votre grossesse',
          intro: 'Ces dates figurent sur la déclaration de grossesse remplie par votre médecin ou votre sage-femme.',
          questions: [
            dateQuestion(
              'debut_grossesse',
              'Date présumée de début de grossesse',
              'la date présumée de début de grossesse',
              'Par exemple 14 9 2026',
              'past',
            ),
            dateQuestion(
              'naissance_prevue',
              'Date prévue de la naissance',
              'la date prévue de la naissance',
              'Par exemple 8 6 2027',
              'future',
            ),
            {
              id: 'enfants_attendus',
              type: 'integer',
              label: 'Nombre d’enfants attendus',
              name: 'le nombre d’enfants attendus',
              min: 1,
              max: 6,
              hint: 'Plus de 1 pour des jumeaux, des triplés…',
            },
          ],
          rules: [
            {
              question: 'debut_grossesse',
              check: (a, today) =>
                daysBetween(String(a.debut_grossesse), today) > FOURTEEN_WEEKS_DAYS
                  ? `La grossesse doit être déclarée avant la fin de la 14e semaine, soit au plus tard le ${frenchDay(addDays(String(a.debut_grossesse), FOURTEEN_WEEKS_DAYS))}. Contactez votre Caf pour savoir comment faire.`
                  : undefined,
            },
            {
              question: 'naissance_prevue',
              check: (a) => {
                const d = daysBetween(String(a.debut_grossesse), String(a.naissance_prevue));
                return d < 150 || d > 300
                  ? 'La date prévue de la naissance doit se situer entre 5 et 10 mois après le début de la grossesse'
                  : undefined;
              },
            },
          ],
        },
      ],
    },
    {
      id: 'foyer',
      title: 'Votre foyer',
      pages: [situationPage, incomePage],
    },
    bankSection,
  ],
};
