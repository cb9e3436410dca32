import type { Codes, ErrorEntry } from '../errors/registry';
import { CODE_SHAPE } from './code';
import type { PeriodError } from './issue';

/** Errors of the attestations (« Mes attestations », « Vérifier une attestation »). */
export const attestationErrors = {
  ATTESTATION_MONTH_FORMAT: {
    status: 400,
    message: 'Choisissez un mois dans la liste.',
    support: 'A month that is not YYYY-MM.',
  },
  ATTESTATION_PERIOD_ORDER: {
    status: 400,
    message: 'Le dernier mois de la période doit être le même que le premier ou venir après.',
    support: 'Payment attestation asked for a period that ends before it starts.',
  },
  ATTESTATION_PERIOD_FUTURE: {
    status: 400,
    message: 'Choisissez un mois passé ou le mois en cours : une attestation ne porte pas sur l’avenir.',
    support: 'Attestation asked for a month after the current one.',
  },
  ATTESTATION_PERIOD_TOO_OLD: {
    status: 400,
    message:
      'Une attestation de paiement porte sur les 24 derniers mois au plus ; une attestation de quotient familial, sur un mois de l’année en cours. Pour une période plus ancienne, appelez votre Caf.',
    support: 'Payment attestation before the 24 months of « Mes paiements », or a QF of another year.',
  },
  ATTESTATION_NOTHING_PAID: {
    status: 409,
    message: 'La Caf n’a rien versé à votre foyer sur cette période : il n’y a pas de paiement à attester. Choisissez une autre période.',
    support: 'Payment attestation asked for a period without any payment made (status versé).',
  },
  ATTESTATION_RESOURCES_UNKNOWN: {
    status: 409,
    message:
      'La Caf n’a pas reçu les revenus imposables de votre foyer de l’année qui sert au calcul (deux ans avant le mois demandé) : nous ne pouvons pas calculer votre quotient familial. Appelez votre Caf.',
    support: 'QF attestation asked while the Caf holds no taxable resources of year N-2 for the dossier (taxable_resources).',
  },
  ATTESTATION_ISSUE_THROTTLED: {
    status: 429,
    message: 'Vous avez demandé beaucoup d’attestations en peu de temps. Merci de patienter avant de réessayer.',
    support: 'More than ISSUES_PER_ACCOUNT_PER_HOUR attestations asked by one account within an hour (src/attestations/limit.ts).',
  },
  ATTESTATION_NOT_FOUND: {
    status: 404,
    message: 'Cette attestation n’existe pas dans votre espace.',
    support: 'An attestation id that is not one of the account’s own.',
  },
  ATTESTATION_REVOKED: {
    status: 410,
    message:
      'Cette attestation a été révoquée : elle ne peut plus être téléchargée, et la page de vérification la dit « révoquée ». Si vous avez besoin d’une attestation, demandez-en une nouvelle dans « Mes attestations ».',
    support: 'PDF of an attestation its holder revoked.',
  },
  ATTESTATION_ALREADY_REVOKED: {
    status: 409,
    message: 'Cette attestation est déjà révoquée.',
    support: 'Revocation of an attestation already revoked.',
  },
  ATTESTATION_CODE_REQUIRED: {
    status: 400,
    message: 'Saisissez le code de vérification imprimé sur l’attestation.',
    support: 'Verification without a code.',
  },
  ATTESTATION_CODE_FORMAT: {
    status: 400,
    message: `Le code de vérification compte ${CODE_SHAPE}. Vérifiez ce que vous avez saisi.`,
    support: 'Verification code of the wrong length or with characters outside Crockford base32.',
  },
  ATTESTATION_CODE_CHECK: {
    status: 400,
    message: 'Ce code n’est pas valide : un caractère a sans doute été mal recopié. Vérifiez chaque caractère du code imprimé.',
    support: 'Verification code whose check symbol does not match (a typo or an altered code).',
  },
  ATTESTATION_SURNAME_REQUIRED: {
    status: 400,
    message: 'Saisissez le nom de famille de l’allocataire tel qu’il figure sur l’attestation.',
    support: 'Verification without the holder’s surname.',
  },
  ATTESTATION_CHECKS_THROTTLED: {
    status: 429,
    message: 'Trop de vérifications en peu de temps. Attendez avant de réessayer.',
    support: 'Rate limit of the public verification page (per IP and per code).',
  },
} as const satisfies Record<string, ErrorEntry>;

declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof attestationErrors> {}
}

export const PERIOD_ERRORS = {
  month_format: 'ATTESTATION_MONTH_FORMAT',
  order: 'ATTESTATION_PERIOD_ORDER',
  future: 'ATTESTATION_PERIOD_FUTURE',
  too_old: 'ATTESTATION_PERIOD_TOO_OLD',
} as const satisfies Record<PeriodError, keyof typeof attestationErrors>;
