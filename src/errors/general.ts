import type { Codes, ErrorEntry } from './registry';

/** The core's own entries: the errors that belong to no feature. */
export const generalErrors = {
  VALIDATION_FAILED: { status: 400, message: 'Certaines informations sont à corriger.', support: 'Form validation failed; see fields.' },
  REQUIRED: { status: 400, message: 'Ce champ est obligatoire.', support: 'A required field is empty.' },
  NOT_FOUND: { status: 404, message: 'Cette page n’existe pas ou n’existe plus.', support: 'No route or resource.' },
  CSRF_INVALID: {
    status: 403,
    message: 'Votre formulaire a expiré ou n’a pas pu être vérifié. Rechargez la page et recommencez.',
    support: 'CSRF token missing/invalid or cross-site Origin / Sec-Fetch-Site.',
  },
  RATE_LIMITED: {
    status: 429,
    message: 'Trop de tentatives. Merci de patienter quelques minutes avant de réessayer.',
    support: 'Rate limit reached (per address or per IP).',
  },
  AUTH_REQUIRED: { status: 401, message: 'Veuillez vous connecter pour accéder à cette page.', support: 'No valid session.' },
  FORBIDDEN: {
    status: 403,
    message: 'Vous n’avez pas les droits pour effectuer cette action.',
    support: 'Role does not allow the action.',
  },
  INTERNAL: {
    status: 500,
    message: 'Une erreur technique est survenue. Vos informations n’ont pas été perdues : réessayez dans quelques instants.',
    support: 'Unexpected error; see server logs with the request id.',
  },
} as const satisfies Record<string, ErrorEntry>;

declare module './registry' {
  interface ErrorCodes extends Codes<typeof generalErrors> {}
}
