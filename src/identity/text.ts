/**
 * Text folding shared by the place searches: accent-, case-, hyphen- and
 * apostrophe-insensitive, with "St"/"Ste" read as "Saint"/"Sainte".
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SEPARATORS = /[\s\-‐‑‒–—'’‘`´.,;:/()_"«»]+/g;
const NON_ALNUM = /[^a-z0-9 ]/g;

/** Lower-case, strip accents and ligatures, turn punctuation into single spaces. */
export function foldBasic(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(SEPARATORS, ' ')
    .replace(NON_ALNUM, '')
    .replace(/ +/g, ' ')
    .trim();
}

const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };

/** foldBasic, then expand the usual abbreviations token by token. */
export function foldName(text: string): string {
  const basic = foldBasic(text);
  if (basic === '') return basic;
  return basic
    .split(' ')
    .map((token) => ABBREVIATIONS[token] ?? token)
    .join(' ');
}

/**
 * The forms under which a query is searched: the expanded one first ("st et" → "saint et"),
 * and the plain one too, so that a query "st" still finds "Strasbourg".
 */
export function queryVariants(text: string): string[] {
  const expanded = foldName(text);
  const basic = foldBasic(text);
  return expanded === basic ? [expanded] : [expanded, basic];
}
