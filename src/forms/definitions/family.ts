import { addDays, daysBetween } from '../fields';
import type { FormDefinition, Page } from '../definition';
import { bankSection, childPage, dateQuestion, incomePage, radios, situationPage } from './common';

/**
 * The family prestations asked for with fewer questions: allocations familiales (2 children at
 * least, under 20), complément de libre choix du mode de garde (a child under 6, its mode of care),
 * prime de déménagement (a family of 3 children or more, born or expected, that moves).
 */
const years = (birth: string, today: string) => Math.floor(daysBetween(birth, today) / 365.25);

const childUnder = (maxAge: number, message: string): Page =>
  childPage(10, [
    { question: 'enfant_naissance', check: (a, today) => (years(String(a.enfant_naissance), today) >= maxAge ? message : undefined) },
  ]);

const childrenCount = (min: number, message: string): Page => ({
  id: 'enfants',
  title: 'Vos enfants à charge',
  questions: [
    {
      id: 'nombre_enfants',
      type: 'integer',
      label: 'Combien d’enfants avez-vous à charge ?',
      name: 'le nombre d’enfants',
      min: 0,
      max: 10,
    },
  ],
  rules: [{ question: 'nombre_enfants', check: (a) => (Number(a.nombre_enfants) < min ? message : undefined) }],
});

export const allocationsFamiliales: FormDefinition = {
  prestation: 'allocations-familiales',
  sections: [
    { id: 'foyer', title: 'Votre foyer', pages: [situationPage, incomePage] },
    {
      id: 'enfants',
      title: 'Vos enfants',
      pages: [
        childrenCount(2, 'Les allocations familiales sont versées aux familles qui ont au moins 2 enfants à charge.'),
        childUnder(20, 'Les allocations familiales sont versées pour les enfants de moins de 20 ans : n’indiquez pas cet enfant.'),
      ],
    },
    bankSection,
  ],
};

export const complementModeDeGarde: FormDefinition = {
  prestation: 'complement-mode-de-garde',
  sections: [
    {
      id: 'enfant',
      title: 'L’enfant gardé',
      pages: [
        {
          id: 'enfant-garde',
          title: 'Son prénom et sa date de naissance',
          questions: [
            {
              id: 'enfant_prenom',
              type: 'text',
              label: 'Prénom de l’enfant',
              name: 'le prénom de l’enfant',
              maxLength: 60,
              width: 20,
              personName: true,
            },
            dateQuestion(
              'enfant_naissance',
              'Date de naissance de l’enfant',
              'la date de naissance de l’enfant',
              'Par exemple 12 4 2024',
              'past',
            ),
          ],
          rules: [
            {
              question: 'enfant_naissance',
              check: (a, today) =>
                years(String(a.enfant_naissance), today) >= 6
                  ? 'Le complément de libre choix du mode de garde est versé pour un enfant de moins de 6 ans.'
                  : undefined,
            },
          ],
        },
        {
          id: 'mode-de-garde',
          title: 'Le mode de garde',
          questions: [
            radios('mode_garde', 'Qui garde votre enfant ?', 'le mode de garde', [
              { value: 'assistante_maternelle', label: 'Une assistante maternelle agréée' },
              { value: 'garde_domicile', label: 'Une garde à domicile', hint: 'Vous employez une personne chez vous' },
              { value: 'micro_creche', label: 'Une micro-crèche' },
            ]),
            dateQuestion('debut_garde', 'Date de début de la garde', 'la date de début de la garde', 'Par exemple 1 9 2026'),
            {
              id: 'heures',
              type: 'integer',
              label: 'Nombre d’heures de garde par mois',
              name: 'le nombre d’heures de garde',
              min: 1,
              max: 300,
              unit: 'heures',
            },
          ],
        },
      ],
    },
    { id: 'foyer', title: 'Votre foyer', pages: [situationPage, incomePage] },
    bankSection,
  ],
};

export const primeDemenagement: FormDefinition = {
  prestation: 'prime-de-demenagement',
  sections: [
    {
      id: 'foyer',
      title: 'Votre famille',
      pages: [situationPage, childrenCount(3, 'La prime de déménagement est réservée aux familles d’au moins 3 enfants, nés ou à naître.')],
    },
    {
      id: 'demenagement',
      title: 'Votre déménagement',
      pages: [
        {
          id: 'demenagement',
          title: 'La date, la nouvelle adresse et les frais',
          intro: 'La demande se fait dans les 6 mois qui suivent le déménagement.',
          questions: [
            dateQuestion('date_demenagement', 'Date du déménagement', 'la date du déménagement', 'Par exemple 15 10 2026', 'past'),
            {
              id: 'adresse',
              type: 'text',
              label: 'Nouvelle adresse : numéro et nom de la voie',
              name: 'la nouvelle adresse',
              maxLength: 150,
              autocomplete: 'address-line1',
            },
            { id: 'code_postal', type: 'postcode', label: 'Code postal', name: 'le code postal', autocomplete: 'postal-code' },
            { id: 'commune', type: 'text', label: 'Commune', name: 'la commune', maxLength: 80, autocomplete: 'address-level2', width: 20 },
            {
              id: 'frais',
              type: 'amount',
              label: 'Montant des frais de déménagement',
              name: 'le montant des frais',
              hint: 'Sur facture, en euros',
              max: 20_000,
            },
          ],
          rules: [
            {
              question: 'date_demenagement',
              check: (a, today) =>
                String(a.date_demenagement) < addDays(today, -183)
                  ? 'La demande doit être faite dans les 6 mois qui suivent le déménagement.'
                  : undefined,
            },
          ],
        },
      ],
    },
    bankSection,
  ],
};
