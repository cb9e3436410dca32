import type { Codes, ErrorEntry } from '../errors/registry';

/**
 * Names of the civil status (nom de naissance, prénoms): what the registry can hold. Besides the
 * allowed characters (letters, spaces, hyphens, apostrophes), two tricks are refused:
 * - letters of another script mixed in or used alone — a Cyrillic « Р » looks exactly like a Latin
 *   « P » (« РROBE »), enough to register a look-alike of somebody else's name. French civil status
 *   is written in the Latin alphabet (foreign names are transliterated), so every letter must be
 *   Latin (accents included);
 * - piles of combining marks (« Zalgo » text: a letter with dozens of accents stacked on it), which
 *   break displays and comparisons. After NFC composition, a letter keeps at most 2 marks.
 */
export type NameProblem = 'characters' | 'script' | 'marks';

const ALLOWED = /^\p{L}[\p{L}\p{M} '’-]*$/u;
const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u;
const MARK_PILE = /\p{M}{3,}/u;

export function nameProblem(s: string, max: number): NameProblem | undefined {
  const nfc = s.normalize('NFC');
  if (nfc.length > max || !ALLOWED.test(nfc)) return 'characters';
  if (NON_LATIN_LETTER.test(nfc)) return 'script';
  if (MARK_PILE.test(nfc)) return 'marks';
  return undefined;
}

export const nameErrors = {
  NAME_NOT_LATIN: {
    status: 400,
    message:
      'Saisissez ce nom en alphabet latin, tel qu’il figure sur votre acte de naissance : une lettre d’un autre alphabet (par exemple cyrillique ou grec) a été reconnue.',
    support: 'Civil status: a name contains letters of a non-Latin script (look-alike characters).',
  },
  NAME_TOO_MANY_ACCENTS: {
    status: 400,
    message: 'Ce nom contient trop d’accents ou de signes sur une même lettre. Saisissez-le tel qu’il figure sur votre acte de naissance.',
    support: 'Civil status: a name has 3 or more combining marks on one letter.',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof nameErrors> {}
}

/** The catalogue code for a problem, given the code of the field's « invalid characters » error. */
export function nameErrorCode<C extends string>(p: NameProblem, charactersCode: C): C | keyof typeof nameErrors {
  return p === 'script' ? 'NAME_NOT_LATIN' : p === 'marks' ? 'NAME_TOO_MANY_ACCENTS' : charactersCode;
}
