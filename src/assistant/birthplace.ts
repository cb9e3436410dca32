import { buildCountries } from '../identity/place-sources';
import type { Pick } from './retrieval';
import { fold } from './analyser';

/**
 * The country a person says they were born in (« je suis née au Portugal », « né en Algérie mais
 * français »), read with the product's own list of countries (INSEE, the list of the « État civil »
 * page), so that the answer about the place of birth can say what to choose for them: « À l’étranger »,
 * then their country. Only a country named after a word of birth counts, and not past a word of living
 * somewhere (« né à Marseille mais j'habite au Sénégal » names no country of birth).
 */
export interface BirthCountry {
  /** as the page's list shows it: « Portugal », « Algérie » */
  label: string;
  /** Algeria, Morocco or Tunisia: a birth there before independence may carry a code of its own in the NIR (src/identity/nir.ts) */
  ownNirCode: boolean;
}

/** A word of birth (« naisance » typed with one s), or « pays » (« je trouve pas le pays Mali », on the birth topics only). */
const BIRTH = /^(nee?s?|naiss?ance|naitre|nait|naquis?|originaire|pays)$/;
const LIVING = /^(habite?s?|habitons|vis|vit|vivons|vivre|habiter|reside|residant|travaille|demenage|installee?s?|arrivee?s?)$/;
/** How many words after the word of birth a country may come (« née à Braga au Portugal »). */
const REACH = 8;
/** Country names that are also first names or common words, read only right after a preposition. */
const AMBIGUOUS = new Set(['dominique', 'maurice', 'jersey', 'georgie', 'salvador', 'christmas', 'guinee']);

/** Algeria, Morocco, Tunisia: codes 91–94, 95 and 96 in a NIR of a birth before independence. */
const FORMER_DEPARTEMENTS = new Set(['99352', '99350', '99351']);

/** Folded words, elisions dropped (« Côte d'Ivoire » → côte, ivoire). */
function wordsOf(text: string): string[] {
  return fold(text)
    .replace(/[^a-z']+/g, ' ')
    .replace(/\b[a-z]'/g, '')
    .split(/[ ']+/)
    .filter(Boolean);
}

let names: Map<string, BirthCountry> | undefined;

/** Folded country names (the label, and its part before a parenthesis) → the country, France left out. */
function countryNames(): Map<string, BirthCountry> {
  if (names) return names;
  names = new Map();
  for (const c of buildCountries()) {
    if (c.code === '99100' || c.attachedToCode || /^terr/i.test(c.label)) continue;
    const country: BirthCountry = { label: c.label, ownNirCode: FORMER_DEPARTEMENTS.has(c.code) };
    for (const n of [c.label, c.label.split(' (')[0]!]) {
      const key = wordsOf(n).join(' ');
      if (key.length >= 4 && !names.has(key)) names.set(key, country);
    }
  }
  return names;
}

/**
 * A long country name typed with one letter wrong, missing or extra (« cote d’ivoir », « colombi »): the same first
 * letter, and not the name with an n or an s added (« algérien » is a nationality, not a typo of « Algérie »). Short names
 * are left exact (« congé » is not the Congo).
 */
const TYPO_MIN = 7;
function nearCountry(name: string): BirthCountry | undefined {
  if (name.length < TYPO_MIN - 1) return undefined;
  for (const [key, country] of countryNames())
    if (key.length >= TYPO_MIN && key[0] === name[0] && name !== `${key}n` && name !== `${key}s` && oneEditApart(key, name)) return country;
  return undefined;
}

/** Whether two strings differ by one letter changed, added or removed (or not at all). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const tail = (x: string, y: string) => x === y;
  return a.length === b.length
    ? tail(a.slice(i + 1), b.slice(i + 1))
    : a.length > b.length
      ? tail(a.slice(i + 1), b.slice(i))
      : tail(a.slice(i), b.slice(i + 1));
}

/** The first country named within REACH words after a word that `starts` (a word of living stops a birth's reach). */
function countriesAfter(w: string[], starts: RegExp, stops?: RegExp): BirthCountry[] {
  const all = countryNames();
  const out: BirthCountry[] = [];
  for (let i = 0; i < w.length; i++) {
    if (!starts.test(w[i]!)) continue;
    reach: for (let j = i + 1; j < Math.min(w.length, i + 1 + REACH); j++) {
      if (stops?.test(w[j]!)) break;
      for (const len of [4, 3, 2, 1]) {
        const name = w.slice(j, j + len).join(' ');
        const found = all.get(name) ?? (j + len <= w.length ? nearCountry(name) : undefined);
        if (!found) continue;
        if (AMBIGUOUS.has(name) && !/^(en|au|aux|a|du|des)$/.test(w[j - 1] ?? '')) continue;
        out.push(found);
        break reach;
      }
    }
  }
  return out;
}

/**
 * The country of birth a message names, if any: not a country the message says the person lives in
 * (« j'habite au Sénégal … lieu de naissance, Marseille ou Sénégal ? » names where they live, not where they were born).
 */
export function birthCountryOf(text: string): BirthCountry | undefined {
  const w = wordsOf(text);
  const lived = new Set(countriesAfter(w, LIVING));
  return countriesAfter(w, BIRTH, LIVING).find((c) => !lived.has(c));
}

/** What to choose at « Lieu de naissance » for a person born in that country, and why the NIR says 99. */
export function birthCountryAdvice(c: BirthCountry): string {
  const code = c.ownNirCode
    ? ' (pour une naissance avant l’indépendance, il peut aussi porter un code particulier, par exemple 91 à 94 pour l’Algérie, 95 pour le Maroc, 96 pour la Tunisie)'
    : '';
  return (
    `Pour vous, né(e) hors de France (${c.label}) : au lieu de naissance, choisissez « À l’étranger », puis « ${c.label} » dans la liste des pays, ` +
    `même si vous êtes français(e) aujourd’hui. Votre numéro de sécurité sociale a 99 à la place du département${code} : c’est normal, et il est accepté.`
  );
}

/** The topics about the place of birth and the number that encodes it. */
const BIRTH_TOPICS = new Set(['lieu-naissance', 'format-nir']);

/**
 * The topic chosen, with what to choose for the person's own country of birth before its answer (their case first, the
 * general rules after), when the answer is about the place of birth (or the message asks about it) and the message names
 * the country.
 */
export function withBirthCountry(main: Pick, text: string): Pick {
  if (!BIRTH_TOPICS.has(main.topic.id) && !/\blieu (de )?naissance\b/.test(fold(text))) return main;
  const country = birthCountryOf(text);
  if (!country) return main;
  return { ...main, topic: { ...main.topic, answer: [birthCountryAdvice(country), ...main.topic.answer] } };
}
