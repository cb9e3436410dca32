import type { ErrorEntry } from '../../errors/catalogue';

/**
 * Errors of reading a request body or query against its zod schema (src/http/api/input.ts), before
 * any use case runs: spread into the catalogue (src/errors/catalogue.ts).
 */
export const inputErrors = {
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
} as const satisfies Record<string, ErrorEntry>;

/** « Ce champ ne doit pas dépasser 100 caractères. » */
export function tooLongMessage(max: number): string {
  return `Ce champ ne doit pas dépasser ${max} caractères.`;
}
