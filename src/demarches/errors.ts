import type { Codes, ErrorEntry } from '../errors/registry';

/** Errors of the person's démarches (pages and JSON), registered by src/app-errors.ts. */
export const demarcheErrors = {
  DEMARCHE_GONE: {
    status: 410,
    message: 'Ce brouillon n’est plus modifiable : il a expiré ou a déjà été envoyé. Retrouvez vos démarches dans « Mes démarches ».',
    support: 'Démarche: not a live brouillon of this account (expired, sent, or not theirs).',
  },
  DEMARCHE_CONFLICT: {
    status: 409,
    message:
      'Vos réponses ont été modifiées depuis un autre appareil ou un autre onglet. Rechargez la demande pour voir les dernières réponses.',
    support: 'Démarche: version given is not the current one (optimistic concurrency).',
  },
  DEMARCHE_PAGE_NOT_APPLICABLE: {
    status: 409,
    message:
      'Cette étape ne concerne pas votre demande, d’après vos réponses précédentes : rien n’a été enregistré. Reprenez votre demande à l’étape indiquée.',
    support:
      'Démarche: a page of the form that does not apply to the answers given (its condition is false); `error.nextPage` is where the request stands (null: the recap).',
  },
  DEMARCHE_INCOMPLETE: {
    status: 400,
    message: 'Votre demande n’est pas complète : certaines questions n’ont pas de réponse.',
    support: 'Démarche: submission with a page still to fill (see the page named).',
  },
  DEMARCHE_DECLARATION_REQUIRED: {
    status: 400,
    message: 'Cochez la case pour déclarer sur l’honneur que vos réponses sont exactes.',
    support: 'Démarche: submission without the déclaration sur l’honneur.',
  },
  DEMARCHE_NO_FORM: {
    status: 404,
    message: 'Le formulaire en ligne de cette demande n’est pas encore disponible.',
    support: 'Démarche: prestation of the catalogue without a form definition.',
  },
  DEMARCHE_FORBIDDEN: {
    status: 403,
    message: 'Vous ne pouvez pas faire cette demande pour le foyer.',
    support: 'Démarche: can() refused request_household_prestation / request_individual_prestation.',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof demarcheErrors> {}
}
