import type { FormDefinition } from '../definition';
import { bankSection, holdsCouple, situationPage, yesNo } from './common';

/** Allocation de soutien familial: for a parent who lives alone and raises a child the other parent does not support. */
export const soutienFamilial: FormDefinition = {
  prestation: 'allocation-soutien-familial',
  sections: [
    {
      id: 'situation',
      title: 'Votre situation',
      pages: [
        {
          ...situationPage,
          rules: [
            {
              question: 'situation_familiale',
              check: (a) =>
                holdsCouple(a)
                  ? 'L’allocation de soutien familial est versée au parent qui vit seul. Si vous vivez en couple, vous ne pouvez pas la demander.'
                  : undefined,
            },
          ],
        },
      ],
    },
    {
      id: 'enfants',
      title: 'Les enfants',
      pages: [
        {
          id: 'enfants',
          title: 'Les enfants concernés',
          questions: [
            {
              id: 'nombre_enfants',
              type: 'integer',
              label: 'Pour combien d’enfants faites-vous la demande ?',
              name: 'le nombre d’enfants',
              min: 1,
              max: 8,
            },
          ],
        },
        {
          id: 'enfant',
          title: 'ses informations',
          repeat: { count: 'nombre_enfants', max: 8, label: 'Enfant' },
          questions: [
            { id: 'enfant_prenom', type: 'text', label: 'Prénom', name: 'le prénom de l’enfant', maxLength: 60, width: 20 },
            { id: 'enfant_nom', type: 'text', label: 'Nom', name: 'le nom de l’enfant', maxLength: 60, width: 20 },
            {
              id: 'enfant_naissance',
              type: 'date',
              when: 'past',
              label: 'Date de naissance',
              name: 'la date de naissance de l’enfant',
              hint: 'Par exemple 27 3 2018',
            },
          ],
        },
      ],
    },
    {
      id: 'autre-parent',
      title: 'L’autre parent',
      pages: [
        {
          id: 'autre-parent',
          title: 'La situation de l’autre parent',
          questions: [
            {
              id: 'autre_parent',
              type: 'radios',
              label: 'Quelle est la situation de l’autre parent ?',
              name: 'la situation de l’autre parent',
              options: [
                { value: 'decede', label: 'Il ou elle est décédé(e)' },
                { value: 'non_reconnu', label: 'Il ou elle n’a pas reconnu l’enfant' },
                { value: 'ne_paie_pas', label: 'Il ou elle ne verse pas la pension alimentaire', hint: 'Ou ne peut pas la verser' },
                {
                  value: 'pension_faible',
                  label: 'Il ou elle verse une pension alimentaire d’un petit montant',
                  hint: 'Moins de 199,19 € par mois et par enfant',
                },
              ],
            },
          ],
        },
        {
          id: 'pension',
          title: 'La pension alimentaire',
          showIf: { question: 'autre_parent', in: ['ne_paie_pas', 'pension_faible'] },
          questions: [
            {
              id: 'pension_fixee',
              type: 'radios',
              label: 'Une pension alimentaire a-t-elle été fixée par un juge ou une convention ?',
              name: 'si une pension a été fixée',
              options: yesNo,
            },
            {
              id: 'pension_montant',
              type: 'amount',
              label: 'Montant versé par mois, pour tous les enfants',
              name: 'le montant de la pension versée',
              max: 10_000,
              showIf: { question: 'autre_parent', equals: 'pension_faible' },
            },
          ],
        },
      ],
    },
    bankSection,
  ],
};
