/**
 * A surname in the form compared on the public page: accents, case, spaces, hyphens and apostrophes
 * do not matter (« Le Gall », « LE-GALL », « legall » are one), nor a ligature (« Œ » = « OE »).
 */
export function surnameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/Œ/g, 'OE')
    .replace(/Æ/g, 'AE')
    .replace(/[^A-Z]/g, '');
}
