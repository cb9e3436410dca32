import type { Condition, FormDefinition } from '../definition';
import { bankSection, dateQuestion, radios, situationPage } from './common';
import { twelveMonthResourcesPages } from './resources';

const ACCEDANT: Condition = { question: 'statut_occupation', equals: 'accedant' };
const RENTING: Condition = { not: ACCEDANT };

/** Aide au logement (APL, ALF, ALS: the Caf decides which): household, home, landlord, resources of the last 12 months, payment. */
export const aideAuLogement: FormDefinition = {
  prestation: 'aide-au-logement',
  sections: [
    { id: 'foyer', title: 'Votre foyer', pages: [situationPage] },
    {
      id: 'logement',
      title: 'Votre logement',
      pages: [
        {
          id: 'adresse',
          title: 'L’adresse de votre logement',
          questions: [
            {
              id: 'adresse',
              type: 'text',
              label: 'Numéro et nom de la voie',
              name: 'le numéro et le nom de la voie',
              maxLength: 150,
              autocomplete: 'address-line1',
            },
            {
              id: 'complement',
              type: 'text',
              label: 'Complément d’adresse',
              name: 'le complément d’adresse',
              maxLength: 150,
              optional: true,
              autocomplete: 'address-line2',
              hint: 'Bâtiment, étage, appartement',
            },
            { id: 'code_postal', type: 'postcode', label: 'Code postal', name: 'le code postal', autocomplete: 'postal-code' },
            { id: 'commune', type: 'text', label: 'Commune', name: 'la commune', maxLength: 80, autocomplete: 'address-level2', width: 20 },
          ],
        },
        {
          id: 'occupation',
          title: 'Votre occupation du logement',
          questions: [
            dateQuestion('date_entree', 'Date d’entrée dans le logement', 'la date d’entrée dans le logement', 'Par exemple 1 9 2026'),
            radios('statut_occupation', 'Quel est votre statut dans ce logement ?', 'votre statut dans le logement', [
              { value: 'locataire', label: 'Locataire ou sous-locataire' },
              { value: 'colocataire', label: 'Colocataire', hint: 'Vous partagez le logement et le loyer avec d’autres personnes' },
              {
                value: 'foyer',
                label: 'Résident d’un foyer ou d’une résidence',
                hint: 'Foyer de jeunes travailleurs, résidence étudiante, résidence sociale…',
              },
              { value: 'accedant', label: 'Accédant à la propriété', hint: 'Vous remboursez un prêt pour acheter ce logement' },
            ]),
          ],
        },
        {
          id: 'loyer',
          title: 'Votre loyer et votre logement',
          questions: [
            {
              id: 'loyer',
              type: 'amount',
              label: 'Loyer mensuel hors charges',
              name: 'le loyer hors charges',
              hint: 'Le montant de votre part, sans les charges, en euros',
              max: 10_000,
              showIf: RENTING,
            },
            {
              id: 'mensualite',
              type: 'amount',
              label: 'Mensualité de votre prêt',
              name: 'la mensualité du prêt',
              hint: 'En euros',
              max: 10_000,
              showIf: ACCEDANT,
            },
            {
              id: 'charges',
              type: 'amount',
              label: 'Charges mensuelles',
              name: 'le montant des charges',
              hint: 'Saisissez 0 si les charges sont comprises dans le loyer',
              max: 5_000,
            },
            {
              id: 'surface',
              type: 'integer',
              label: 'Surface habitable',
              name: 'la surface habitable',
              hint: 'En mètres carrés',
              min: 1,
              max: 1_000,
              unit: 'm²',
              example: 45,
            },
          ],
        },
        {
          id: 'bailleur',
          title: 'Votre bailleur',
          showIf: RENTING,
          questions: [
            {
              id: 'type_bailleur',
              type: 'radios',
              label: 'Qui est votre bailleur ?',
              name: 'le type de bailleur',
              options: [
                { value: 'particulier', label: 'Un particulier' },
                {
                  value: 'professionnel',
                  label: 'Un professionnel',
                  hint: 'Organisme HLM, agence immobilière, société, gestionnaire de foyer ou de résidence',
                },
              ],
            },
            { id: 'bailleur_nom', type: 'text', label: 'Nom du bailleur', name: 'le nom du bailleur', maxLength: 100 },
            {
              id: 'bailleur_adresse',
              type: 'text',
              label: 'Adresse du bailleur',
              name: 'l’adresse du bailleur',
              hint: 'Numéro, voie, code postal et commune',
              maxLength: 200,
            },
          ],
        },
        {
          id: 'bailleur-siret',
          title: 'Le numéro SIRET de votre bailleur',
          intro: 'Un bailleur professionnel a un numéro SIRET de 14 chiffres. Il figure sur le bail ou la quittance de loyer.',
          showIf: { all: [RENTING, { question: 'type_bailleur', equals: 'professionnel' }] },
          questions: [
            {
              id: 'bailleur_siret',
              type: 'siret',
              label: 'Numéro SIRET du bailleur',
              name: 'le numéro SIRET du bailleur',
              hint: '14 chiffres, par exemple 732 829 320 00074',
            },
          ],
        },
      ],
    },
    { id: 'ressources', title: 'Vos ressources', pages: twelveMonthResourcesPages() },
    bankSection,
  ],
};
