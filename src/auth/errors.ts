import type { ErrorEntry } from '../errors/catalogue';

/**
 * Errors of login, forgotten password, sessions and account security (spread into the catalogue,
 * src/errors/catalogue.ts). The wrong-identifier and wrong-password cases share ONE entry on
 * purpose: the answer must not tell whether an account exists.
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
  LOGIN_FLOW_EXPIRED: {
    status: 400,
    message: 'Votre connexion a expiré. Merci de saisir à nouveau votre identifiant et votre mot de passe.',
    support: 'No pending login flow for this browser (cookie missing, expired or already used).',
  },
  AUTH_CODE_REQUIRED: { status: 400, message: 'Saisissez le code à 6 chiffres.', support: 'Code missing.' },
  AUTH_CODE_WRONG: {
    status: 400,
    message: 'Le code est incorrect. Vérifiez-le et réessayez.',
    support: 'Wrong one-time code (attempt counted).',
  },
  AUTH_CODE_TOO_MANY_ATTEMPTS: {
    status: 400,
    message: 'Vous avez fait trop d’essais avec ce code. Demandez un nouveau code.',
    support: 'One-time code attempts exhausted.',
  },
  AUTH_CODE_EXPIRED: {
    status: 400,
    message: 'Ce code a expiré (il est valable 10 minutes). Demandez un nouveau code.',
    support: 'One-time code past its expiry, or none issued.',
  },
  AUTH_CODE_RESEND_TOO_EARLY: {
    status: 429,
    message: 'Un code vient de vous être envoyé. Merci de patienter avant d’en demander un nouveau.',
    support: 'Resend requested during the cooldown.',
  },
  RESET_FLOW_EXPIRED: {
    status: 400,
    message: 'Votre demande de nouveau mot de passe a expiré. Merci de recommencer.',
    support: 'No pending password-reset flow for this browser (cookie missing, expired or used).',
  },
  AUTH_PASSWORD_REQUIRED: { status: 400, message: 'Saisissez un mot de passe.', support: 'New password missing.' },
  AUTH_PASSWORD_RULES: {
    status: 400,
    message: 'Le mot de passe ne respecte pas toutes les règles indiquées.',
    support: 'New password breaks one of the five rules.',
  },
  AUTH_PASSWORD_CONFIRMATION_MISMATCH: {
    status: 400,
    message: 'Les deux mots de passe ne sont pas identiques.',
    support: 'Password confirmation differs.',
  },
  AUTH_CURRENT_PASSWORD_WRONG: {
    status: 400,
    message: 'Votre mot de passe actuel est incorrect.',
    support: 'Re-authentication failed on a security settings page.',
  },
  AUTH_CONTACT_KIND_REQUIRED: {
    status: 400,
    message: 'Choisissez comment recevoir vos codes : par e-mail ou par SMS.',
    support: 'Contact kind missing.',
  },
  AUTH_EMAIL_INVALID: {
    status: 400,
    message: 'Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.',
    support: 'E-mail address malformed.',
  },
  AUTH_CONTACT_FLOW_EXPIRED: {
    status: 400,
    message: 'Votre changement de coordonnées a expiré. Merci de recommencer.',
    support: 'No pending contact change in the session.',
  },
  AUTH_SESSION_NOT_FOUND: {
    status: 404,
    message: 'Cette session est déjà terminée.',
    support: 'Session handle not found among the account’s active sessions.',
  },
} as const satisfies Record<string, ErrorEntry>;
