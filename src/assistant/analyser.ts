import { stemmer } from '@orama/stemmers/french';
import { ELISIONS, EXPANSIONS, PHRASES, STOPWORDS } from './lexicon';

/**
 * From French as people write it to the terms of the index: lower case and accents folded
 * (« Numéro » = « numero »), elisions dropped (« l'identifiant » → « identifiant »), SMS spellings,
 * acronyms and synonyms expanded (« mdp », « APL », « sécu »), empty words removed, then the Snowball
 * French stemmer. The same function reads the knowledge base and the questions, so both meet.
 */
const ELIDED = new Set(ELISIONS);

export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´ʼ]/g, "'");
}

/** Folded words, phrases rewritten, elisions removed; no stemming, no stop words removed yet. */
export function words(text: string): string[] {
  let s = fold(text);
  for (const [re, by] of PHRASES) s = s.replace(re, by);
  const out: string[] = [];
  for (const raw of s.split(/[^a-z0-9']+/)) {
    const parts = raw.split("'").filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i < parts.length - 1 && ELIDED.has(p)) continue;
      out.push(p);
    }
  }
  return out;
}

/** One word → its expansion (possibly several words), or itself. */
export function expand(word: string): string[] {
  const e = EXPANSIONS[word];
  return e === undefined ? [word] : e.split(' ');
}

/** The stem of one folded word: « oubliee » and « oublie » both give « oubl ». */
export function stem(word: string): string {
  if (/\d/.test(word)) return word;
  let w = word;
  if (w.length > 4 && w.endsWith('ees')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('ee')) w = w.slice(0, -1);
  return stemmer(w);
}

/** Whether a word carries meaning (not an empty word, not a long number). */
export function meaningful(word: string): boolean {
  return word.length > 0 && !STOPWORDS.has(word) && !/^\d{5,}$/.test(word);
}

/** The terms of a text, in order (duplicates kept: the index counts them). */
export function analyse(text: string): string[] {
  const terms: string[] = [];
  for (const w of words(text)) for (const x of expand(w)) if (meaningful(x)) terms.push(stem(x));
  return withNegations(terms);
}

/** Verbs (stemmed) that « pas » follows when it negates them: « reçu pas », « marche pas ». */
const NEGATED_BEFORE = new Set(['recu', 'fonctionne', 'trouve', 'accepte', 'valide'].map((w) => stem(w)));

/** Marks a negated term: `¬nir` for « pas de numéro de sécu », `¬recu` for « le code n'arrive pas ». */
export const NEGATED = '¬';

/**
 * « pas » (and « sans », « aucun », « ni », « jamais », « rien ») binds to the next term, or to the
 * previous one at the end of the message: « je n'ai pas de NIR » and « sans numéro de sécu » both
 * give `¬nir`, which « mon NIR est refusé » does not.
 */
export function withNegations(terms: string[]): string[] {
  const out = [...terms];
  terms.forEach((t, i) => {
    if (t !== 'pas') return;
    const before = terms[i - 1];
    // « le code n'arrive pas pour le mdp »: the verb before « pas » is what is negated.
    const target =
      before !== undefined && NEGATED_BEFORE.has(before)
        ? before
        : terms[i + 1] !== undefined && terms[i + 1] !== 'pas'
          ? terms[i + 1]
          : before;
    if (target && target !== 'pas') out.push(NEGATED + target);
  });
  return out;
}

/**
 * Like `analyse`, for a question: a word unknown to the index is tried without a glued elision
 * (« lidentifiant », « jai », « davoir » written without the apostrophe).
 */
export function analyseQuestion(text: string, known: (term: string) => boolean): string[] {
  const terms: string[] = [];
  for (const w of words(text)) {
    for (const x of unglue(w, known)) {
      // A number the knowledge base never mentions says nothing about the topic (« 1/4 d'heure »).
      if (meaningful(x) && !(/^\d+$/.test(x) && !known(x))) terms.push(stem(x));
    }
  }
  return withNegations(terms);
}

function unglue(w: string, known: (term: string) => boolean): string[] {
  const direct = expand(w);
  if (STOPWORDS.has(w)) return direct;
  if (w.length < 4 || direct.length > 1 || direct[0] !== w || known(stem(w))) return direct;
  for (const prefix of ['qu', 'l', 'd', 'j', 'n', 'm', 's', 'c']) {
    if (!w.startsWith(prefix)) continue;
    if (w.length - prefix.length < 3) continue;
    const rest = expand(w.slice(prefix.length));
    if (rest.some((r) => meaningful(r) && known(stem(r)))) return rest;
  }
  return direct;
}
