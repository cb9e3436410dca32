import { randomBytes } from 'node:crypto';

/**
 * The reference number of a sent démarche, given on the accusé de réception and asked for on the
 * phone: `MC-2026-K3QX-9PMA` — the year of submission and 8 characters of Crockford's base 32 (no
 * I, L, O, U: nothing to misread or mishear), 40 random bits. The unique index of migration 0009 is
 * the last word; at 10⁶ démarches a year a clash has odds of about 1 in 2 000 000 per submission.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReference(now: number): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let code = '';
  for (let i = 0; i < 8; i++) code = ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)]! + code;
  return `MC-${new Date(now).getUTCFullYear()}-${code.slice(0, 4)}-${code.slice(4)}`;
}

export const REFERENCE_PATTERN = /^MC-\d{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
