import type { ErrorEntry } from '../../errors/registry';

/**
 * Errors of the registration wizard (« Créer Mon Compte »), registered by src/app-errors.ts. Messages are for the person; `support` is for support staff.
 */
export const registrationErrors = {
  REGISTRATION_FLOW_COMPLETED: {
    status: 409,
    message: 'Votre compte a déjà été créé. Vous pouvez vous connecter.',
    support: 'Step submitted on a completed registration flow.',
  },
  REGISTRATION_STEP_NOT_REACHABLE: {
    status: 409,
    message: 'Cette étape n’est pas encore accessible : complétez d’abord les étapes précédentes.',
    support: 'Navigation guard: step after the current state.',
  },
  NIR_OR_NONE_REQUIRED: {
    status: 400,
    message: 'Saisissez votre numéro de sécurité sociale, ou cochez « Je n’ai pas de numéro de sécurité sociale ».',
    support: 'Civil status: neither NIR nor the no-NIR box.',
  },
  NIR_INVALID: {
    status: 400,
    message: 'Le numéro de sécurité sociale n’est pas valide. Vérifiez votre saisie.',
    support: 'NIR refused by the identity library (see the message of the library).',
  },
  CIVILITY_REQUIRED: { status: 400, message: 'Indiquez votre civilité.', support: 'Civil status: civility missing.' },
  BIRTH_NAME_REQUIRED: { status: 400, message: 'Saisissez votre nom de naissance.', support: 'Civil status: birth name missing.' },
  BIRTH_NAME_INVALID: {
    status: 400,
    message: 'Le nom de naissance ne peut contenir que des lettres, des espaces, des tirets et des apostrophes (80 caractères au plus).',
    support: 'Civil status: birth name with forbidden characters or too long.',
  },
  BIRTH_NAME_TOO_LONG: {
    status: 400,
    message: 'Le nom de naissance ne doit pas dépasser 80 caractères.',
    support: 'Civil status: birth name longer than 80 characters (stored form).',
  },
  GIVEN_NAMES_REQUIRED: { status: 400, message: 'Saisissez vos prénoms.', support: 'Civil status: given names missing.' },
  GIVEN_NAMES_INVALID: {
    status: 400,
    message: 'Les prénoms ne peuvent contenir que des lettres, des espaces, des tirets et des apostrophes (120 caractères au plus).',
    support: 'Civil status: given names with forbidden characters or too long.',
  },
  GIVEN_NAMES_TOO_LONG: {
    status: 400,
    message: 'Les prénoms ne doivent pas dépasser 120 caractères en tout.',
    support: 'Civil status: given names longer than 120 characters (stored form).',
  },
  BIRTH_DATE_REQUIRED: {
    status: 400,
    message: 'Saisissez votre date de naissance (jour, mois et année).',
    support: 'Civil status: birth date missing.',
  },
  BIRTH_DATE_INVALID: {
    status: 400,
    message: 'La date de naissance n’est pas valide. Saisissez-la sous la forme 15 06 1985.',
    support: 'Civil status: birth date not a real date.',
  },
  BIRTH_DATE_OUT_OF_RANGE: {
    status: 400,
    message: 'La date de naissance doit être passée et postérieure au 1er janvier 1900.',
    support: 'Civil status: birth date in the future or before 1900.',
  },
  BIRTH_PLACE_KIND_REQUIRED: {
    status: 400,
    message: 'Indiquez si vous êtes né(e) en France ou à l’étranger.',
    support: 'Civil status: birth place kind missing.',
  },
  BIRTH_COMMUNE_REQUIRED: {
    status: 400,
    message: 'Saisissez le nom de votre commune de naissance, puis choisissez-la dans la liste.',
    support: 'Civil status: no commune chosen.',
  },
  BIRTH_COMMUNE_CHOOSE: {
    status: 400,
    message: 'Choisissez votre commune de naissance dans la liste.',
    support: 'Civil status: a search was made but no commune chosen.',
  },
  BIRTH_COMMUNE_NOT_FOUND: {
    status: 400,
    message: 'Aucune commune ne correspond à ce nom. Vérifiez l’orthographe (par exemple « Saint-Denis » ou « Levallois-Perret »).',
    support: 'Civil status: commune search without result.',
  },
  BIRTH_COUNTRY_REQUIRED: {
    status: 400,
    message: 'Saisissez le nom de votre pays de naissance, puis choisissez-le dans la liste.',
    support: 'Civil status: no country chosen.',
  },
  BIRTH_COUNTRY_CHOOSE: {
    status: 400,
    message: 'Choisissez votre pays de naissance dans la liste.',
    support: 'Civil status: a search was made but no country chosen.',
  },
  BIRTH_COUNTRY_NOT_FOUND: {
    status: 400,
    message: 'Aucun pays ne correspond à ce nom. Vérifiez l’orthographe.',
    support: 'Civil status: country search without result.',
  },
  BIRTH_COUNTRY_IS_FRANCE: {
    status: 400,
    message: 'Vous êtes né(e) en France : choisissez « En France » puis votre commune de naissance.',
    support: 'Civil status: France chosen as a foreign country.',
  },
  REPERTOIRE_MISMATCH: {
    status: 400,
    message:
      'Les informations saisies ne correspondent pas à celles enregistrées pour ce numéro de sécurité sociale. Vérifiez votre numéro, votre civilité, votre nom de naissance, votre premier prénom et votre date de naissance, tels qu’ils figurent sur votre acte de naissance.',
    support: 'The local répertoire knows the NIR with another civil status (never shown to the person).',
  },
  DOCUMENT_KIND_REQUIRED: {
    status: 400,
    message: 'Choisissez votre titre d’identité, ou « Je ne dispose pas d’une pièce d’identité française ».',
    support: 'Identity document: kind missing.',
  },
  DOCUMENT_NUMBER_REQUIRED: {
    status: 400,
    message: 'Saisissez le numéro de votre titre d’identité.',
    support: 'Identity document: number missing.',
  },
  DOCUMENT_NUMBER_INVALID: {
    status: 400,
    message: 'Le numéro du titre d’identité n’est pas valide. Vérifiez votre saisie.',
    support: 'Identity document: number refused by the format check.',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../../errors/registry' {
  interface ErrorCodes extends Codes<typeof registrationErrors> {}
}
