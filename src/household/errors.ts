import type { Codes, ErrorEntry } from '../errors/registry';

/**
 * Errors of the household (foyer) module, spread into the catalogue (src/errors/catalogue.ts).
 * A refusal by `can()` is the general FORBIDDEN entry with the words of WHO_CAN (permissions.ts).
 */
export const UNDER_15_MESSAGE =
  'Vous devez avoir au moins 15 ans pour créer votre espace Mon Compte. Jusque-là, ce sont vos parents qui font les démarches qui vous concernent : le responsable du dossier, ou son conjoint s’il a l’autorisation de gestion, depuis son propre espace Mon Compte ou en appelant la Caf. Vous pourrez créer votre espace à partir du jour de vos 15 ans.';

export const householdErrors = {
  HOUSEHOLD_UNDER_15: {
    status: 403,
    message: UNDER_15_MESSAGE,
    support: 'Account creation refused: the person is under 15 on the day (birth date typed or certified).',
  },
  HOUSEHOLD_NO_CONJOINT: {
    status: 409,
    message: 'Votre dossier ne compte pas de conjoint. Si votre situation a changé, appelez votre Caf.',
    support: 'Procuration or separation asked for a dossier without a current conjoint.',
  },
  HOUSEHOLD_CONJOINT_WITHOUT_ACCOUNT: {
    status: 409,
    message:
      'Votre conjoint n’a pas encore créé son espace Mon Compte. Vous pourrez lui donner l’autorisation de gestion une fois son espace créé.',
    support: 'Procuration asked for a conjoint without an account: they could not be told.',
  },
  HOUSEHOLD_PROCURATION_ALREADY: {
    status: 409,
    message: 'Votre conjoint a déjà l’autorisation de gestion.',
    support: 'Grant of a procuration already granted.',
  },
  HOUSEHOLD_PROCURATION_NONE: {
    status: 409,
    message: 'Votre conjoint n’a pas l’autorisation de gestion : il n’y a rien à retirer.',
    support: 'Revocation without a procuration.',
  },
  HOUSEHOLD_REAUTH_FRANCECONNECT: {
    status: 403,
    message:
      'Votre connexion avec FranceConnect date de plus de 15 minutes. Pour confirmer qu’il s’agit bien de vous, connectez-vous de nouveau avec FranceConnect.',
    support: 'Account without password, FranceConnect login older than 15 minutes.',
  },
  HOUSEHOLD_FIELD_TOO_LONG: {
    status: 400,
    message: 'Ce texte est trop long.',
    support: 'A field is longer than its maximum (the message gives it).',
  },
  HOUSEHOLD_ADDRESS_LINE1_REQUIRED: {
    status: 400,
    message: 'Saisissez le numéro et le nom de la voie, par exemple 12 rue des Lilas.',
    support: 'Address: line 1 missing.',
  },
  HOUSEHOLD_POSTAL_CODE_INVALID: {
    status: 400,
    message: 'Saisissez un code postal de 5 chiffres, par exemple 44000.',
    support: 'Address: postal code not 5 digits.',
  },
  HOUSEHOLD_CITY_REQUIRED: { status: 400, message: 'Saisissez la commune.', support: 'Address: city missing.' },
  HOUSEHOLD_DATE_REQUIRED: { status: 400, message: 'Saisissez la date, par exemple 15 11 2026.', support: 'Date missing.' },
  HOUSEHOLD_DATE_INVALID: {
    status: 400,
    message: 'La date doit être une date réelle, par exemple 15 11 2026.',
    support: 'Date not a real calendar date.',
  },
  HOUSEHOLD_DATE_FUTURE: { status: 400, message: 'La date ne peut pas être dans le futur.', support: 'Date after today.' },
  HOUSEHOLD_DATE_TOO_OLD: {
    status: 400,
    message: 'La date ne peut pas être antérieure de plus de 2 ans. Pour une situation plus ancienne, appelez votre Caf.',
    support: 'Date more than 2 years ago.',
  },
  HOUSEHOLD_HOLDER_REQUIRED: {
    status: 400,
    message: 'Saisissez le nom du titulaire du compte, tel qu’il figure sur le RIB.',
    support: 'Bank account: holder missing.',
  },
  HOUSEHOLD_IBAN_INVALID: {
    status: 400,
    message: 'Cet IBAN n’est pas valide.',
    support: 'IBAN refused by src/identity/iban.ts (the message says why).',
  },
  HOUSEHOLD_LEAVER_REQUIRED: { status: 400, message: 'Indiquez qui quitte le logement.', support: 'Separation: leaver missing.' },
  HOUSEHOLD_MOVED_REQUIRED: {
    status: 400,
    message: 'Indiquez si vous avez changé d’adresse.',
    support: 'Separation declared by a child or a personne à charge: « moved » missing.',
  },
  HOUSEHOLD_NO_COUPLE: {
    status: 409,
    message:
      'Le dossier de votre foyer ne compte pas de couple : il n’y a pas de séparation à déclarer. Si la situation a changé, appelez votre Caf.',
    support: 'Separation declared by a child or a personne à charge on a dossier without a current conjoint.',
  },
  HOUSEHOLD_SEPARATION_PENDING: {
    status: 409,
    message: 'Une séparation a déjà été déclarée sur ce dossier : la Caf la vérifie. Vous n’avez rien d’autre à faire.',
    support: 'A separation declared by a child or a personne à charge is already waiting for the Caf’s check.',
  },
  HOUSEHOLD_CHILDREN_REQUIRED: {
    status: 400,
    message: 'Indiquez où vivent les enfants.',
    support: 'Separation: children residence missing.',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof householdErrors> {}
}
