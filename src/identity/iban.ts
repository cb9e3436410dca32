/**
 * IBAN (ISO 13616): the bank account a Caf pays prestations into. The Caf pays to an account of
 * the SEPA area only, so the country must be one of it, with its fixed length.
 *
 * Check: the first four characters are moved to the end, each letter becomes two digits (A = 10 …
 * Z = 35), and the number read that way must leave 1 when divided by 97 (ISO 7064 MOD 97-10).
 * That catches every single wrong character and nearly every swap of two neighbours.
 * A French IBAN (FR, and Monaco's MC on the same plan) is also checked for the shape of its RIB:
 * 5-digit bank code, 5-digit branch code, 11-character account number, 2-digit RIB key.
 */
import { fail, ok, type Result } from './result';

/** Length of an IBAN in each country of the SEPA area (ISO 13616 registry). */
export const SEPA_IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  VA: 22,
};

export interface Iban {
  /** electronic format: upper case, no spaces, e.g. 'FR7630006000011234567890189' */
  value: string;
  country: string;
  /** paper format, groups of four: 'FR76 3000 6000 0112 3456 7890 189' */
  formatted: string;
  /** for pages, PDFs, messages and JSON: 'FR76 •••• •••• 0189' (maskIban) */
  masked: string;
}

/** The longest input read (an IBAN has at most 34 characters, plus the spaces of its paper format). */
export const IBAN_INPUT_MAX = 50;

/** ISO 7064 MOD 97-10 over the rearranged IBAN: 1 for a valid key. */
export function ibanRemainder(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let r = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' && ch <= 'Z' ? ch.charCodeAt(0) - 55 : Number(ch);
    r = (v >= 10 ? r * 100 + v : r * 10 + v) % 97;
  }
  return r;
}

const group = (s: string) => s.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * THE way an IBAN is shown wherever it must not be read whole — pages, PDFs, e-mails and SMS, JSON
 * answers, audit rows: « FR76 •••• •••• 0189 », the country and key, then the last four characters,
 * whatever the country's length (the person recognises the end of their RIB; nobody can rebuild it).
 */
export function maskIban(iban: string): string {
  const v = iban.replace(/\s+/g, '').toUpperCase();
  return `${v.slice(0, 4)} •••• •••• ${v.slice(-4)}`;
}

export function parseIban(input: string, field = 'iban'): Result<Iban> {
  const value = input.replace(/[\s-]+/g, '').toUpperCase();
  if (!value) return fail('IBAN_REQUIRED', 'Saisissez l’IBAN du compte bancaire.', field);
  if (input.length > IBAN_INPUT_MAX || !/^[A-Z0-9]+$/.test(value)) {
    return fail(
      'IBAN_CHARACTERS',
      'L’IBAN ne contient que des lettres et des chiffres, par exemple FR76 3000 6000 0112 3456 7890 189.',
      field,
    );
  }
  const country = value.slice(0, 2);
  const length = SEPA_IBAN_LENGTHS[country];
  if (!/^[A-Z]{2}\d{2}/.test(value) || length === undefined) {
    return fail(
      'IBAN_COUNTRY',
      'L’IBAN commence par le code d’un pays de la zone SEPA (FR pour la France) suivi de 2 chiffres. La Caf ne verse les prestations que sur un compte de la zone SEPA.',
      field,
    );
  }
  if (value.length !== length) {
    return fail(
      'IBAN_LENGTH',
      `Un IBAN ${country === 'FR' ? 'français' : `de ce pays (${country})`} compte ${length} caractères ; vous en avez saisi ${value.length}.`,
      field,
    );
  }
  if ((country === 'FR' || country === 'MC') && !/^\d{10}[0-9A-Z]{11}\d{2}$/.test(value.slice(4))) {
    return fail(
      'IBAN_FORMAT',
      'Cet IBAN ne correspond pas à un RIB français : après FR et la clé, 10 chiffres (codes banque et guichet), 11 caractères (numéro de compte) puis 2 chiffres (clé RIB).',
      field,
    );
  }
  if (ibanRemainder(value) !== 1) {
    return fail(
      'IBAN_KEY',
      'Cet IBAN n’est pas valide : sa clé de contrôle ne correspond pas. Vérifiez chaque caractère sur votre RIB.',
      field,
    );
  }
  return ok({ value, country, formatted: group(value), masked: maskIban(value) });
}
