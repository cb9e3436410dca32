/**
 * What must never be repeated, stored or logged, masked before the question goes anywhere: a
 * numéro de sécurité sociale, a phone number, a code, any long number, an e-mail address, and
 * anything that looks like a password or an identifier (letters and digits mixed, or the word
 * after « mot de passe : »). The placeholder is a word the analyser ignores.
 */
export type MaskedKind = 'nir' | 'telephone' | 'code' | 'numero' | 'email' | 'secret';

export interface Masked {
  text: string;
  found: MaskedKind[];
}

export const MASK = '[masqué]';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** 13 digits (or 2A/2B for Corsica) and an optional 2-digit key, in groups or not. */
const NIR = /(?<![\p{L}\p{N}])[1-478][ .-]?\d{2}[ .-]?\d{2}[ .-]?(?:\d{2}|2a|2b)[ .-]?\d{3}[ .-]?\d{3}(?:[ .-]?\d{2})?(?![\p{L}\p{N}])/giu;
/** Five digits or more, spaces, dots or dashes between them allowed (« 12 34 56 », « 06.12.34.56.78 »). */
const DIGITS = /(?<![\p{L}\p{N}])\d(?:[ .-]?\d){4,}(?![\p{L}\p{N}])/gu;
/** A word of 6 characters or more mixing letters and digits: password, identifiant provisoire, document number. */
const MIXED = /(?<![\p{L}\p{N}])(?=[\p{L}\p{N}]*\p{N})(?=[\p{L}\p{N}]*\p{L})[\p{L}\p{N}]{6,}(?![\p{L}\p{N}])/gu;
/** The word that follows « mot de passe est … », « mdp : … », « code = … » when it has a digit, a capital inside or a symbol. */
const AFTER_SECRET_WORD =
  /((?:[Mm]ots?\s*[Dd][Ee]\s*[Pp]asse|MOTS? DE PASSE|[Mm]dp|MDP|[Pp]assword|[Cc]ode|CODE)\s*(?:est|c'?est|c|:|=|était|etait)?\s*:?\s*)(?![:=])([^\s,;]*(?:\d|[^\p{L}\p{N}\s'’,;.?!]|\p{Ll}\p{Lu}|[!?]\S)[^\s,;]*)/gu;
/** Four digits right after « code » (a code of another length than ours is still a code). */
const CODE_DIGITS = /(code\s*(?:est|c'?est|c|:|=|reçu|recu)?\s*:?\s*)(\d{4})(?!\d)/giu;

export function mask(text: string): Masked {
  const found = new Set<MaskedKind>();
  const put = (kind: MaskedKind) => {
    found.add(kind);
    return MASK;
  };
  let s = text.replace(EMAIL, () => put('email'));
  s = s.replace(NIR, () => put('nir'));
  s = s.replace(DIGITS, (m) => put(kindOfDigits(m.replace(/\D/g, ''))));
  s = s.replace(CODE_DIGITS, (_m, lead: string) => `${lead}${put('code')}`);
  s = s.replace(AFTER_SECRET_WORD, (m, lead: string, secret: string) => (secret.includes(MASK) ? m : `${lead}${put('secret')}`));
  s = s.replace(MIXED, () => put('secret'));
  return { text: s, found: [...found] };
}

function kindOfDigits(d: string): MaskedKind {
  if (d.length >= 13) return 'nir';
  if (d.length === 10 && d.startsWith('0')) return 'telephone';
  if (d.length === 6) return 'code';
  return 'numero';
}
