import type { ErrorEntry } from '../../errors/registry';

/**
 * Errors of the contact step and of the code step, the same words wherever a person gives contact
 * details or types a 6-digit code: « Créer Mon Compte » and its FranceConnect variant, the login's
 * second factor, « Mot de passe oublié ? » and the contact change of « Sécurité du compte ». Registered
 * by src/app-errors.ts. The JSON API of the registration returns these codes.
 * The field errors built from them (code read, code refused, resend refused) are in ./codes.ts.
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
    message: tooManyCodesMessage('une heure'),
    support: 'Codes: limit per address or per IP (sign-up: one hour), or resends per login or password-reset flow (until it expires).',
  },
  CODE_RESEND_TOO_EARLY: {
    status: 429,
    message: 'Un code vient de vous être envoyé. Vous pourrez en demander un nouveau dans quelques secondes.',
    support: 'Code: resend before the 60 s cooldown.',
  },
  CODE_REQUIRED: { status: 400, message: 'Saisissez le code de vérification à 6 chiffres.', support: 'Code missing.' },
  CODE_FORMAT: { status: 400, message: 'Le code de vérification comporte 6 chiffres.', support: 'Code is not 6 digits.' },
  CODE_WRONG: {
    status: 400,
    message: 'Le code de vérification n’est pas le bon.',
    support: 'Wrong code (attempts counted; the message says how many are left; a login counts it as a login failure too).',
  },
  CODE_TOO_MANY_ATTEMPTS: {
    status: 400,
    message: 'Vous avez saisi 5 codes erronés. Pour votre sécurité, ce code n’est plus valable : demandez un nouveau code.',
    support: 'Code: attempts exhausted.',
  },
  CODE_EXPIRED: {
    status: 400,
    message: 'Ce code n’est plus valable (il est valable 10 minutes). Demandez un nouveau code.',
    support: 'Code expired, consumed, replaced or never issued (or sent to other details than those being verified).',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../../errors/registry' {
  interface ErrorCodes extends Codes<typeof contactVerificationErrors> {}
}

/** « … Il vous reste 4 essais. » */
export function wrongCodeMessage(attemptsLeft: number): string {
  return `${contactVerificationErrors.CODE_WRONG.message} Il vous reste ${attemptsLeft} essai${attemptsLeft > 1 ? 's' : ''}.`;
}

/** « … Vous pourrez en demander un nouveau dans 40 secondes. » */
export function resendTooEarlyMessage(seconds: number): string {
  return `Un code vient de vous être envoyé. Vous pourrez en demander un nouveau dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`;
}

/** « Trop de codes ont été envoyés. … merci de patienter 12 minutes avant de demander un nouveau code, ou contactez votre Caf. » */
export function tooManyCodesMessage(wait: string): string {
  return `Trop de codes ont été envoyés. Pour votre sécurité, merci de patienter ${wait} avant de demander un nouveau code, ou contactez votre Caf.`;
}
