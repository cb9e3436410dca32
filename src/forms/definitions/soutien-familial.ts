import type { FormDefinition } from '../definition';
import { bankSection, childPage, holdsCouple, radios, situationPage, yesNo } from './common';

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
        childPage(8),
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
            radios('autre_parent', 'Quelle est la situation de l’autre parent ?', 'la situation de l’autre parent', [
              { value: 'decede', label: 'Il ou elle est décédé(e)' },
              { value: 'non_reconnu', label: 'Il ou elle n’a pas reconnu l’enfant' },
              { value: 'ne_paie_pas', label: 'Il ou elle ne verse pas la pension alimentaire', hint: 'Ou ne peut pas la verser' },
              {
                value: 'pension_faible',
                label: 'Il ou elle verse une pension alimentaire d’un petit montant',
                hint: 'Moins de 199,19 € par mois et par enfant',
              },
            ]),
          ],
        },
        {
          id: 'pension',
          title: 'La pension alimentaire',
          showIf: { question: 'autre_parent', in: ['ne_paie_pas', 'pension_faible'] },
          questions: [
            radios(
              'pension_fixee',
              'Une pension alimentaire a-t-elle été fixée par un juge ou une convention ?',
              'si une pension a été fixée',
              yesNo,
            ),
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
