/**
 * The catalogue of errors a person can meet: a stable code, the French message shown to the person,
 * a line for support staff, and the HTTP status. Pages show the message at the field and in the
 * error summary; the JSON API returns `{ error: { code, message } }`. Add new entries here — never
 * write an error message inline in a route.
 *
 * Areas add their own entries in the files imported below, so that this list stays readable.
 */
import { assistantErrors } from '../assistant/errors';
import { authErrors } from '../auth/errors';
import { contactVerificationErrors } from '../flows/contact-verification/errors';
import { registrationErrors } from '../flows/registration/errors';
import { householdErrors } from '../household/errors';

export interface ErrorEntry {
  status: number;
  message: string;
  support: string;
}

const general = {
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
  FORBIDDEN: { status: 403, message: 'Vous n’avez pas les droits pour effectuer cette action.', support: 'Role does not allow the action.' },
  INTERNAL: {
    status: 500,
    message: 'Une erreur technique est survenue. Vos informations n’ont pas été perdues : réessayez dans quelques instants.',
    support: 'Unexpected error; see server logs with the request id.',
  },
} as const satisfies Record<string, ErrorEntry>;

export const errorCatalogue = {
  ...general,
  ...registrationErrors,
  ...contactVerificationErrors,
  ...authErrors,
  ...householdErrors,
  ...assistantErrors,
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof errorCatalogue;
