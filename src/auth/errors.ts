import type { ErrorEntry } from '../errors/registry';

/**
 * Errors of login, forgotten password, sessions and account security (registered by
 * src/app-errors.ts). The wrong-identifier and wrong-password cases share ONE entry on
 * purpose: the answer must not tell whether an account exists. A code typed (missing, malformed,
 * wrong, expired, too many tries, resent too early, too many sent) and new contact details get the
 * same entries as every sign-up: src/journeys/contact-verification/errors.ts.
 */
export const authErrors = {
  LOGIN_INVALID: {
    status: 400,
    message: 'Identifiant ou mot de passe incorrect.',
    support: 'Unknown identifier or wrong password (deliberately indistinguishable).',
  },
  LOGIN_IDENTIFIER_REQUIRED: {
    status: 400,
    message: 'Saisissez votre numéro de sécurité sociale ou votre identifiant provisoire.',
    support: 'Login identifier missing.',
  },
  LOGIN_PASSWORD_REQUIRED: { status: 400, message: 'Saisissez votre mot de passe.', support: 'Login password missing.' },
  LOGIN_THROTTLED: {
    status: 429,
    message: 'Trop de tentatives. Merci de patienter quelques minutes avant de réessayer.',
    support: 'Login throttled (failures per identifier or per IP); the page gives the exact wait.',
  },
  // The refusals of a new password (src/auth/password-rules.ts), the same in every form that takes one.
  AUTH_PASSWORD_REQUIRED: { status: 400, message: 'Saisissez votre mot de passe.', support: 'New password missing.' },
  AUTH_PASSWORD_RULES: {
    status: 400,
    message: 'Le mot de passe ne respecte pas toutes les règles indiquées.',
    support: 'New password breaks some of the five rules (listed in the message).',
  },
  AUTH_PASSWORD_CONFIRMATION_REQUIRED: { status: 400, message: 'Confirmez votre mot de passe.', support: 'Password confirmation missing.' },
  AUTH_PASSWORD_CONFIRMATION_MISMATCH: {
    status: 400,
    message: 'Les deux mots de passe ne sont pas identiques. Saisissez le même mot de passe dans les deux champs.',
    support: 'Password confirmation differs.',
  },
  AUTH_CURRENT_PASSWORD_WRONG: {
    status: 400,
    message: 'Votre mot de passe actuel est incorrect.',
    support: 'Re-authentication failed on a security settings page.',
  },
  AUTH_CURRENT_PASSWORD_REQUIRED: {
    status: 400,
    message: 'Saisissez votre mot de passe actuel.',
    support: 'Re-authentication asked with an empty current password (not counted as a failed attempt).',
  },
  AUTH_PASSWORD_SAME_AS_CURRENT: {
    status: 400,
    message: 'Le nouveau mot de passe doit être différent de l’actuel.',
    support: 'Password change: the new password is the current one.',
  },
  AUTH_SESSION_NOT_FOUND: {
    status: 404,
    message: 'Cette session est déjà terminée.',
    support: 'Session handle not found among the account’s active sessions.',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof authErrors> {}
}
