/**
 * What each step of « Créer Mon Compte » receives, as the HTTP layer's zod schemas read a form or a
 * JSON body (src/journeys/registration/schemas.ts): trimmed strings within their maximum length, absent
 * when not sent. Whether a field is required, and every rule of the French identity, is the use
 * case's (./use-cases.ts, ./civil-status.ts), with its French message at the field.
 */
export interface CivilStatusInput {
  nir?: string | undefined;
  /** « Je n’ai pas de numéro de sécurité sociale » */
  noNir?: boolean | undefined;
  civility?: string | undefined;
  birthName?: string | undefined;
  givenNames?: string | undefined;
  /** « YYYY-MM-DD », or the three fields of the page */
  birthDate?: string | DateParts | undefined;
  birthPlaceKind?: string | undefined;
  communeCode?: string | undefined;
  communeQuery?: string | undefined;
  countryCode?: string | undefined;
  countryQuery?: string | undefined;
}

export interface DateParts {
  day?: string | undefined;
  month?: string | undefined;
  year?: string | undefined;
}

export interface DocumentInput {
  documentKind?: string | undefined;
  documentNumber?: string | undefined;
}

export interface CodeInput {
  code: string;
}

export interface PasswordInput {
  password: string;
  passwordConfirmation: string;
}
