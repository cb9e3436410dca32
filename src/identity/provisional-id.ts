/**
 * Identifiant provisoire: the login of a person who has no NIR.
 *
 * Design: 'P' + 8 random characters + 1 check character, 10 characters in all, e.g. 'P4HK79MRTX',
 * displayed 'P 4HK7 9MRT X'.
 * - It can never be mistaken for a NIR or a NIA: those are 13 or 15 characters and start with a digit.
 * - Alphabet of 29 symbols, easy to read aloud and to copy: digits 2–9 and the letters A–Z without
 *   I, L, O, U, Z (no 0/O, 1/I/L, U/V, 2/Z confusion): 29^8 ≈ 5·10^11 identifiers.
 * - Random characters come from node:crypto (`randomInt`, unbiased). Uniqueness is the storage's job
 *   (draw again on a collision).
 * - Check character: weighted sum mod 29 (29 is prime and equals the alphabet size). With values
 *   v1…v8 of the random characters and c of the check character, Σ i·vi + 9·c ≡ 0 (mod 29).
 *   Any single substitution changes the sum by w·d with 1 ≤ w ≤ 9 and 1 ≤ |d| ≤ 28, never a multiple
 *   of 29; swapping two adjacent characters a, b changes it by ±(a − b), never a multiple of 29 either.
 *   So every single-character error and every adjacent transposition (including with the check
 *   character) is detected.
 */
import { randomInt } from 'node:crypto';
import { fail, ok, type Result } from './result';

export const PROVISIONAL_ID_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXY';
const BASE = PROVISIONAL_ID_ALPHABET.length; // 29, prime
const PREFIX = 'P';
const BODY_LENGTH = 8;
const CHECK_WEIGHT = BODY_LENGTH + 1;
const SHAPE = new RegExp(`^${PREFIX}[${PROVISIONAL_ID_ALPHABET}]{${BODY_LENGTH + 1}}$`);

/** A source of randomness for tests: returns a number in [0, 1). Production uses node:crypto. */
export type RandomSource = () => number;

function alphabetIndex(ch: string): number {
  return PROVISIONAL_ID_ALPHABET.indexOf(ch);
}

function inverse(a: number): number {
  for (let x = 1; x < BASE; x++) if ((a * x) % BASE === 1) return x;
  throw new Error('no inverse');
}
const CHECK_WEIGHT_INVERSE = inverse(CHECK_WEIGHT);

/** The check character for the 8 random characters. */
export function provisionalIdCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * alphabetIndex(body[i] as string);
  const c = (((BASE - (sum % BASE)) % BASE) * CHECK_WEIGHT_INVERSE) % BASE;
  return PROVISIONAL_ID_ALPHABET[c] as string;
}

function normalise(text: string): string {
  return text.replace(/[\s.\-‐‑–—_]/g, '').toUpperCase();
}

/** A new identifiant provisoire, normalised ('P4HK79MRTX'). */
export function newProvisionalId(random?: RandomSource): string {
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) {
    const v = random ? Math.min(BASE - 1, Math.floor(random() * BASE)) : randomInt(BASE);
    body += PROVISIONAL_ID_ALPHABET[v] as string;
  }
  return PREFIX + body + provisionalIdCheckChar(body);
}

/** Parses an identifiant provisoire typed by a person (spaces, dashes, lower case accepted). */
export function parseProvisionalId(text: string): Result<string> {
  const n = normalise(text ?? '');
  if (n === '') return fail('PROVISIONAL_ID_EMPTY', 'Saisissez votre identifiant provisoire.', 'provisionalId');
  if (!SHAPE.test(n)) {
    return fail(
      'PROVISIONAL_ID_INVALID',
      'Cet identifiant provisoire n’est pas valide : il commence par la lettre P et comporte 10 caractères. Vérifiez votre saisie.',
      'provisionalId',
    );
  }
  const body = n.slice(1, 1 + BODY_LENGTH);
  if (n[1 + BODY_LENGTH] !== provisionalIdCheckChar(body)) {
    return fail(
      'PROVISIONAL_ID_CHECK_MISMATCH',
      'Cet identifiant provisoire contient une erreur de saisie. Vérifiez chaque caractère.',
      'provisionalId',
    );
  }
  return ok(n);
}

export function isProvisionalId(text: string): boolean {
  return parseProvisionalId(text).ok;
}

/** 'P 4HK7 9MRT X' for display; other input is returned trimmed. */
export function formatProvisionalId(id: string): string {
  const n = normalise(id);
  if (!SHAPE.test(n)) return id.trim();
  return `${n.slice(0, 1)} ${n.slice(1, 5)} ${n.slice(5, 9)} ${n.slice(9)}`;
}
