/**
 * Both sides of the rule on civil-status names (src/identity/names.ts, issue 20 point 6).
 *
 * HOSTILE: spellings that make a name read like another one. Each is either refused at the field,
 * with its catalogue code and the offending character named in the message, or — for the few
 * compatibility forms that keyboards and copies produce (full width, ligatures, canonical twins such
 * as the Kelvin sign) — folded to the plain spelling, which is what is stored: never the input as typed.
 *
 * FOREIGN: names as they are written on foreign identity documents, which must stay accepted, stored
 * in composed (NFC = NFKC) form.
 *
 * TRADE_OFFS: real names that the rule refuses, on purpose, with what the person is told to type.
 */
export type Field = 'birthName' | 'givenNames';

export interface HostileName {
  what: string;
  input: string;
  /** Refused with this code, the message naming `offending` (a code point U+XXXX for invisible ones). */
  refused?: { code: string; offending: string; instead?: string };
  /** Or accepted in this plain form (what NFKC/NFC makes of it). */
  storedAs?: string;
}

const U = (cp: number) => String.fromCodePoint(cp);

export const HOSTILE: readonly HostileName[] = [
  // Full width (East Asian input methods): folded, stored plain.
  { what: 'full-width name', input: 'ＭＯＲＥＡＵ', storedAs: 'MOREAU' },
  { what: 'one full-width letter', input: 'MＯREAU', storedAs: 'MOREAU' },
  { what: 'full-width given name', input: 'Ｍａｒｉｅ', storedAs: 'Marie' },
  { what: 'Kelvin sign K (canonical twin)', input: `${U(0x212a)}ARL`, storedAs: 'KARL' },
  { what: 'Angstrom sign (canonical twin of Å)', input: `${U(0x212b)}SA`, storedAs: 'ÅSA' },
  // Invisible and formatting characters.
  { what: 'combining grapheme joiner', input: 'MO\u034FREAU', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+034F' } },
  { what: 'zero width joiner', input: 'MO\u200DREAU', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+200D' } },
  { what: 'zero width non-joiner', input: 'Mar\u200Cie', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+200C' } },
  { what: 'zero width space at the end', input: 'MOREAU\u200B', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+200B' } },
  { what: 'soft hyphen', input: 'MO\u00ADREAU', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+00AD' } },
  { what: 'word joiner', input: 'MO\u2060REAU', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+2060' } },
  { what: 'zero width no-break space inside', input: 'MO\uFEFFREAU', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+FEFF' } },
  { what: 'left-to-right mark', input: 'MOREAU\u200E', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+200E' } },
  { what: 'right-to-left mark first', input: '\u200FMOREAU', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+200F' } },
  { what: 'right-to-left override', input: 'MO\u202EUAER', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+202E' } },
  { what: 'left-to-right embedding', input: '\u202AMOREAU\u202C', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+202A' } },
  { what: 'first strong isolate', input: 'MOREAU\u2068', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+2068' } },
  { what: 'Arabic letter mark', input: 'MO\u061CREAU', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+061C' } },
  { what: 'variation selector 16', input: 'MO\uFE0FREAU', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+FE0F' } },
  { what: 'variation selector 1', input: 'MOREAU\uFE00', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+FE00' } },
  { what: 'variation selector 17', input: `MO${U(0xe0100)}REAU`, refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+E0100' } },
  {
    what: 'tag characters',
    input: `MOREAU${U(0xe0041)}${U(0xe0042)}`,
    refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+E0041' },
  },
  { what: 'language tag', input: `${U(0xe0001)}MOREAU`, refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+E0001' } },
  { what: 'Hangul filler', input: 'MO\u3164REAU', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+3164' } },
  { what: 'Mongolian vowel separator', input: 'MO\u180EREAU', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+180E' } },
  { what: 'invisible times', input: 'MO\u2062REAU', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+2062' } },
  { what: 'control character', input: 'MO\u0007REAU', refused: { code: 'NAME_INVISIBLE_CHARACTER', offending: 'U+0007' } },
  // Styled and archaic compatibility letters: NFKC would rewrite them; refused with the letter to type.
  { what: 'mathematical bold', input: '𝐌𝐎𝐑𝐄𝐀𝐔', refused: { code: 'NAME_STYLED_LETTER', offending: '𝐌', instead: 'M' } },
  { what: 'mathematical italic', input: '𝑀𝑎𝑟𝑖𝑒', refused: { code: 'NAME_STYLED_LETTER', offending: '𝑀', instead: 'M' } },
  { what: 'mathematical fraktur', input: 'M𝔬reau', refused: { code: 'NAME_STYLED_LETTER', offending: '𝔬', instead: 'o' } },
  { what: 'double-struck', input: 'MO𝕽EAU', refused: { code: 'NAME_STYLED_LETTER', offending: '𝕽', instead: 'R' } },
  { what: 'monospace', input: '𝙼OREAU', refused: { code: 'NAME_STYLED_LETTER', offending: '𝙼', instead: 'M' } },
  { what: 'circled letter', input: 'ⓂOREAU', refused: { code: 'NAME_STYLED_LETTER', offending: 'Ⓜ', instead: 'M' } },
  { what: 'squared letter', input: 'MOREA🅄', refused: { code: 'NAME_STYLED_LETTER', offending: '🅄', instead: 'U' } },
  { what: 'parenthesized letter', input: 'Mo⒭eau', refused: { code: 'NAME_STYLED_LETTER', offending: '⒭' } },
  { what: 'script capital', input: 'ℳOREAU', refused: { code: 'NAME_STYLED_LETTER', offending: 'ℳ', instead: 'M' } },
  { what: 'modifier capital', input: 'MOREAᵁ', refused: { code: 'NAME_STYLED_LETTER', offending: 'ᵁ', instead: 'U' } },
  { what: 'ordinal indicator', input: 'Mªrie', refused: { code: 'NAME_STYLED_LETTER', offending: 'ª', instead: 'a' } },
  { what: 'long s (looks like an f)', input: 'Moſer', refused: { code: 'NAME_STYLED_LETTER', offending: 'ſ', instead: 's' } },
  { what: 'n preceded by apostrophe', input: 'ŉguyen', refused: { code: 'NAME_STYLED_LETTER', offending: 'ŉ' } },
  // Latin look-alikes of the confusables list (UTS #39).
  { what: 'dotless i', input: 'ıvan', refused: { code: 'NAME_LOOKALIKE_LETTER', offending: 'ı', instead: 'i' } },
  { what: 'small capital R', input: 'MOʀEAU', refused: { code: 'NAME_LOOKALIKE_LETTER', offending: 'ʀ', instead: 'R' } },
  { what: 'Latin beta', input: 'Straꞵe', refused: { code: 'NAME_LOOKALIKE_LETTER', offending: 'ꞵ', instead: 'ß' } },
  { what: 'Latin alpha', input: 'Mɑrie', refused: { code: 'NAME_LOOKALIKE_LETTER', offending: 'ɑ', instead: 'a' } },
  { what: 'script g', input: 'Huɡo', refused: { code: 'NAME_LOOKALIKE_LETTER', offending: 'ɡ', instead: 'g' } },
  { what: 'kra', input: 'ĸarl', refused: { code: 'NAME_LOOKALIKE_LETTER', offending: 'ĸ', instead: 'k' } },
  { what: 'small capital I', input: 'ɪsabelle', refused: { code: 'NAME_LOOKALIKE_LETTER', offending: 'ɪ', instead: 'I' } },
  { what: 'small capital S', input: 'ꜱimon', refused: { code: 'NAME_LOOKALIKE_LETTER', offending: 'ꜱ', instead: 'S' } },
  { what: 'dental click (a bar like l)', input: 'Pauǀ', refused: { code: 'NAME_LOOKALIKE_LETTER', offending: 'ǀ', instead: 'l' } },
  { what: 'b with hook', input: 'ɓernard', refused: { code: 'NAME_LOOKALIKE_LETTER', offending: 'ɓ' } },
  { what: 'a with dot below (Vietnamese)', input: 'Mạrie', refused: { code: 'NAME_LOOKALIKE_LETTER', offending: 'ạ', instead: 'a' } },
  // Letters of other scripts.
  { what: 'Cyrillic Р', input: 'РROBE', refused: { code: 'NAME_NOT_LATIN', offending: 'Р' } },
  { what: 'Cyrillic а', input: 'Mаrie', refused: { code: 'NAME_NOT_LATIN', offending: 'а' } },
  { what: 'Cyrillic О', input: 'MОREAU', refused: { code: 'NAME_NOT_LATIN', offending: 'О' } },
  { what: 'Cyrillic dze', input: 'ѕimon', refused: { code: 'NAME_NOT_LATIN', offending: 'ѕ' } },
  { what: 'Greek Rho', input: 'Ρaul', refused: { code: 'NAME_NOT_LATIN', offending: 'Ρ' } },
  { what: 'Greek omicron', input: 'Lοuis', refused: { code: 'NAME_NOT_LATIN', offending: 'ο' } },
  { what: 'Greek mu from the micro sign', input: 'µarc', refused: { code: 'NAME_NOT_LATIN', offending: 'μ' } },
  { what: 'Armenian o', input: 'Jօhn', refused: { code: 'NAME_NOT_LATIN', offending: 'օ' } },
  { what: 'Armenian s', input: 'Ludovicս', refused: { code: 'NAME_NOT_LATIN', offending: 'ս' } },
  { what: 'Cherokee M', input: 'Ꮇartin', refused: { code: 'NAME_NOT_LATIN', offending: 'Ꮇ' } },
  { what: 'Cherokee small la (w)', input: 'ꮃilliam', refused: { code: 'NAME_NOT_LATIN', offending: 'ꮃ' } },
  { what: 'Cherokee A', input: 'ᎪNNE', refused: { code: 'NAME_NOT_LATIN', offending: 'Ꭺ' } },
  { what: 'Lisu letter', input: 'ꓚHARLES', refused: { code: 'NAME_NOT_LATIN', offending: 'ꓚ' } },
  { what: 'Coptic o', input: 'Lⲟuise', refused: { code: 'NAME_NOT_LATIN', offending: 'ⲟ' } },
  // Marks, digits and punctuation.
  { what: 'pile of accents', input: `E${'\u0301'.repeat(60)}`, refused: { code: 'NAME_TOO_MANY_ACCENTS', offending: '' } },
  {
    what: 'tilde on a letter that has none',
    input: 'Mx\u0303',
    refused: { code: 'NAME_ACCENT_NOT_ACCEPTED', offending: 'x\u0303', instead: 'x' },
  },
  { what: 'digit zero for O', input: 'M0REAU', refused: { code: 'BIRTH_NAME_INVALID', offending: '0' } },
  { what: 'en dash for a hyphen', input: 'MOREAU–DUPONT', refused: { code: 'BIRTH_NAME_INVALID', offending: '–', instead: '-' } },
  { what: 'modifier apostrophe', input: 'Oʼneil', refused: { code: 'BIRTH_NAME_INVALID', offending: 'ʼ', instead: '’' } },
];

export interface ForeignName {
  input: string;
  /** Where such a name is written (for the reader). */
  from: string;
  /** When it differs from the input: the stored (composed) form. */
  storedAs?: string;
}

export const FOREIGN: readonly ForeignName[] = [
  { input: 'Łukasz', from: 'Poland' },
  { input: 'Wałęsa', from: 'Poland' },
  { input: 'Żółkiewska', from: 'Poland' },
  { input: 'Brzęczyszczykiewicz', from: 'Poland' },
  { input: 'Núñez', from: 'Spain' },
  { input: 'Peña', from: 'Spain' },
  { input: 'Søren', from: 'Denmark' },
  { input: 'Ørsted', from: 'Denmark' },
  { input: 'Ærø', from: 'Denmark' },
  { input: 'Øyvind', from: 'Norway' },
  { input: 'Strauß', from: 'Germany' },
  { input: 'GROẞMANN', from: 'Germany (capital sharp s)' },
  { input: 'Müller', from: 'Germany' },
  { input: 'Đorđević', from: 'Serbia' },
  { input: 'Džeko', from: 'Bosnia' },
  { input: 'Çelik', from: 'Turkey' },
  { input: 'Şahin', from: 'Turkey' },
  { input: 'İlknur', from: 'Turkey' },
  { input: 'Ağaoğlu', from: 'Turkey' },
  { input: 'IŞIK', from: 'Turkey (in capitals)' },
  { input: 'Dvořák', from: 'Czechia' },
  { input: 'Šťastný', from: 'Czechia' },
  { input: 'Ľubomír', from: 'Slovakia' },
  { input: 'Ďurčo', from: 'Slovakia' },
  { input: 'Ðóra', from: 'Iceland' },
  { input: 'Þórunn', from: 'Iceland' },
  { input: 'Guðmundsdóttir', from: 'Iceland' },
  { input: 'Bárður', from: 'Faroe Islands' },
  { input: 'Åsa', from: 'Sweden' },
  { input: 'Häkkinen', from: 'Finland' },
  { input: 'Õunapuu', from: 'Estonia' },
  { input: 'Erdős', from: 'Hungary' },
  { input: 'Győző', from: 'Hungary' },
  { input: 'Ștefan', from: 'Romania (comma below)' },
  { input: 'Ştefan', from: 'Romania (cedilla, older keyboards)' },
  { input: 'Țurcanu', from: 'Romania / Moldova' },
  { input: 'Mălina', from: 'Romania' },
  { input: 'Jānis Bērziņš', from: 'Latvia' },
  { input: 'Šarūnas Žemaitis', from: 'Lithuania' },
  { input: 'Ėglė', from: 'Lithuania' },
  { input: 'Ħabib Żammit', from: 'Malta' },
  { input: 'Ġorġ Ċassar', from: 'Malta' },
  { input: 'Ŋuolla', from: 'Sami' },
  { input: 'Llŷr', from: 'Wales' },
  { input: 'Ó Súilleabháin', from: 'Ireland' },
  { input: 'João Conceição', from: 'Portugal' },
  { input: 'Niccolò', from: 'Italy' },
  { input: 'Xhaferaj Ëngjëll', from: 'Albania' },
  { input: 'Əliyev', from: 'Azerbaijan' },
  { input: 'Lætitia', from: 'France' },
  { input: 'Lœuillet', from: 'France' },
  { input: 'D’Artagnan', from: 'France' },
  { input: "L'Hôpital-Fèvre", from: 'France' },
  { input: 'Le Bihan-Dupré', from: 'France' },
  { input: 'Zoé Anaïs', from: 'France' },
  { input: 'IJsbrand', from: 'Netherlands' },
  { input: 'Ĳsbrand', from: 'Netherlands (ligature)', storedAs: 'IJsbrand' },
  { input: 'Nu\u0301n\u0303ez', from: 'Spain, typed with combining accents', storedAs: 'Núñez' },
  { input: 'Marie\u00A0Claire', from: 'France, with a no-break space', storedAs: 'Marie Claire' },
];

export interface TradeOff {
  input: string;
  why: string;
  code: string;
  instead: string;
}

/**
 * Refused on purpose. The Turkish dotless ı is a letter of a real alphabet, but the confusables list
 * gives it as the look-alike of i, and issue 20 asks for it to be refused: the person is told to type
 * « i » (in capitals « I » — so a nom de naissance, stored in capitals, loses nothing: IŞIK).
 */
export const TRADE_OFFS: readonly TradeOff[] = [
  { input: 'Işık', why: 'Turkish dotless i', code: 'NAME_LOOKALIKE_LETTER', instead: 'i' },
  { input: 'Yıldız', why: 'Turkish dotless i', code: 'NAME_LOOKALIKE_LETTER', instead: 'i' },
  { input: 'Nguyễn', why: 'Vietnamese tone marks (French records write them without)', code: 'NAME_LOOKALIKE_LETTER', instead: 'ê' },
  { input: 'Col·lell', why: 'Catalan middle dot', code: 'BIRTH_NAME_INVALID', instead: '' },
];
