import { randomBytes } from 'node:crypto';

/**
 * The verification code of an attestation: 80 random bits (a CSPRNG), written as 16 characters of
 * Crockford's base32 (https://www.crockford.com/base32.html) followed by its check symbol (the value
 * modulo 37, in Crockford's 37-symbol alphabet), printed in groups of four: « 7K2Q-M9XD-4TRB-E81H-M ».
 * A mistyped or altered character is caught by the check symbol before anything is looked up; the
 * 16 characters alone are the attestation's identifier in the database.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The check symbols beyond the alphabet: letters and digits, then these four signs, then U. */
const CHECK_SIGNS = ['*', '~', '$', '='] as const;
const CHECK_SYMBOLS = `${ALPHABET}${CHECK_SIGNS.join('')}U`;
export const CODE_BITS = 80;
export const CODE_LENGTH = CODE_BITS / 5;

/**
 * What a code looks like, in French, for the hint of the verification field and its error: the
 * check symbol (the last character) may be one of the signs, not only a letter or a digit.
 */
const quoted = (s: string) => `«\u00a0${s}\u00a0»`;
export const CODE_SHAPE = `${CODE_LENGTH + 1} caractères, par exemple 7K2Q-M9XD-4TRB-E81H-M : des lettres et des chiffres, et le dernier caractère peut aussi être l’un des signes ${CHECK_SIGNS.slice(0, -1).map(quoted).join(', ')} ou ${quoted(CHECK_SIGNS.at(-1)!)}`;

/** A new identifier: 16 Crockford base32 characters (80 bits from the CSPRNG). */
export function newAttestationId(): string {
  const bytes = randomBytes(CODE_BITS / 8);
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    out = ALPHABET[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

function numberOf(id: string): bigint {
  let n = 0n;
  for (const c of id) n = n * 32n + BigInt(ALPHABET.indexOf(c));
  return n;
}

/** The check symbol of an identifier. */
export function checkSymbol(id: string): string {
  return CHECK_SYMBOLS[Number(numberOf(id) % 37n)]!;
}

/** The code as printed: the identifier and its check symbol, in groups of four. */
export function formatCode(id: string): string {
  return `${id.match(/.{4}/g)!.join('-')}-${checkSymbol(id)}`;
}

/**
 * The code as the value of `?code=` in an address (the QR code, any link to the verification page):
 * percent-encoded, its check symbol included — `$` and `=` as encodeURIComponent does, and `*` and
 * `~`, which it leaves as they are, although a mail client's or a scanner's link detection may
 * drop them at the end of an address. Only letters, digits and « - » stay as printed.
 */
export function codeInUrl(code: string): string {
  return encodeURIComponent(code).replace(/[!'()*~._]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export type ParsedCode = { ok: true; id: string } | { ok: false; reason: 'format' | 'check' };

/**
 * Reads a code as a person types it: case, spaces and hyphens do not matter, and O, I, L read as
 * 0, 1, 1 (Crockford). A wrong length or character is `format`; a wrong check symbol is `check`.
 */
export function parseCode(typed: string): ParsedCode {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH + 1) return { ok: false, reason: 'format' };
  const id = s.slice(0, CODE_LENGTH);
  const check = s.slice(CODE_LENGTH);
  if ([...id].some((c) => !ALPHABET.includes(c)) || !CHECK_SYMBOLS.includes(check)) return { ok: false, reason: 'format' };
  return checkSymbol(id) === check ? { ok: true, id } : { ok: false, reason: 'check' };
}
