import type { Codes, ErrorEntry } from '../../errors/registry';

/**
 * Errors of the JSON API's own: reading a request body or query against its zod schema
 * (src/http/api/input.ts), before any use case runs; a re-authentication the API cannot do: registered in src/app-errors.ts.
 */
export const apiErrors = {
  REQUEST_TOO_LARGE: {
    status: 413,
    message: 'Votre envoi est trop volumineux pour être traité. Vérifiez ce que vous avez saisi et recommencez.',
    support: 'Request body over BODY_LIMIT (64 KiB, forms and JSON alike; src/http/server.ts).',
  },
  FIELD_TOO_LONG: {
    status: 400,
    message: 'Ce champ est trop long.',
    support: 'A text field is longer than its schema allows (the message gives the maximum).',
  },
  FIELD_INVALID: {
    status: 400,
    message: 'Cette valeur n’est pas valide.',
    support: 'A field has the wrong type or an unknown value for its schema (JSON API).',
  },
  FRANCECONNECT_AGAIN: {
    status: 403,
    message:
      'Votre compte n’a pas de mot de passe et votre connexion avec FranceConnect date de plus de 15 minutes : connectez-vous de nouveau avec FranceConnect pour confirmer qu’il s’agit bien de vous.',
    support:
      'Re-authentication of an account without password needs a FranceConnect login of the last 15 minutes (JSON API; the page shows the button).',
  },
} as const satisfies Record<string, ErrorEntry>;

declare module '../../errors/registry' {
  interface ErrorCodes extends Codes<typeof apiErrors> {}
}

/** « Ce champ ne doit pas dépasser 100 caractères. » */
export function tooLongMessage(max: number): string {
  return `Ce champ ne doit pas dépasser ${max} caractères.`;
}
