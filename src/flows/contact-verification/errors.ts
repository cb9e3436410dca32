import type { ErrorEntry } from '../../errors/catalogue';

/**
 * Errors of the contact step and of the code step, the same for every journey that verifies a
 * contact before creating an account (« Créer Mon Compte », and its FranceConnect variant): spread
 * into the catalogue (src/errors/catalogue.ts). The JSON API of the registration returns these codes.
 */
export const contactVerificationErrors = {
  CONTACT_KIND_REQUIRED: {
    status: 400,
    message: 'Choisissez de recevoir le code par téléphone portable ou par adresse mail.',
    support: 'Contact: kind missing.',
  },
  EMAIL_REQUIRED: { status: 400, message: 'Saisissez votre adresse mail.', support: 'Contact: e-mail missing.' },
  EMAIL_INVALID: {
    status: 400,
    message: 'Saisissez une adresse mail valide, sous la forme nom@exemple.fr.',
    support: 'Contact: e-mail malformed.',
  },
  PHONE_REQUIRED: { status: 400, message: 'Saisissez votre numéro de téléphone portable.', support: 'Contact: phone missing.' },
  PHONE_INVALID: {
    status: 400,
    message: 'Saisissez un numéro de téléphone portable valide, par exemple 06 12 34 56 78.',
    support: 'Contact: phone refused by parseMobilePhone.',
  },
  CODE_RATE_LIMITED: {
    status: 429,
    message: 'Trop de codes ont été envoyés. Pour votre sécurité, merci de patienter une heure avant de demander un nouveau code, ou contactez votre Caf.',
    support: 'Contact code: rate limit per address or per IP.',
  },
  CODE_RESEND_TOO_EARLY: {
    status: 429,
    message: 'Un code vient de vous être envoyé. Vous pourrez en demander un nouveau dans quelques secondes.',
    support: 'Contact code: resend before the 60 s cooldown.',
  },
  CODE_REQUIRED: { status: 400, message: 'Saisissez le code de vérification à 6 chiffres.', support: 'Code missing.' },
  CODE_FORMAT: { status: 400, message: 'Le code de vérification comporte 6 chiffres.', support: 'Code is not 6 digits.' },
  CODE_WRONG: {
    status: 400,
    message: 'Le code de vérification n’est pas le bon.',
    support: 'Wrong contact code (attempts counted; the message says how many are left).',
  },
  CODE_TOO_MANY_ATTEMPTS: {
    status: 400,
    message: 'Vous avez saisi 5 codes erronés. Pour votre sécurité, ce code n’est plus valable : demandez un nouveau code.',
    support: 'Contact code: attempts exhausted.',
  },
  CODE_EXPIRED: {
    status: 400,
    message: 'Ce code n’est plus valable (il est valable 10 minutes). Demandez un nouveau code.',
    support: 'Contact code expired, consumed, replaced or never issued.',
  },
} as const satisfies Record<string, ErrorEntry>;

/** « … Il vous reste 4 essais. » */
export function wrongCodeMessage(attemptsLeft: number): string {
  return `${contactVerificationErrors.CODE_WRONG.message} Il vous reste ${attemptsLeft} essai${attemptsLeft > 1 ? 's' : ''}.`;
}

/** « … Vous pourrez en demander un nouveau dans 40 secondes. » */
export function resendTooEarlyMessage(seconds: number): string {
  return `Un code vient de vous être envoyé. Vous pourrez en demander un nouveau dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`;
}
