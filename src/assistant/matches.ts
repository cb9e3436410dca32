import { NEGATED } from './analyser';
import { loadKnowledge, type Topic } from './knowledge';
import { TopicIndex, type Match, type Pick } from './retrieval';
import { MASK } from './masking';
import type { AssistantStep } from './steps';

/**
 * How a message and the search's matches are read before a topic is chosen (`assistant.ts` chooses): the message cut
 * into its questions, the contact step's bare « numéro », a match's confidence and the rival that lowers it, picks
 * without repeats, and our knowledge base indexed once per process.
 */

/** The score of a plain, well-matched question: confidence grows towards 1 around it. */
const SCORE_SCALE = 12;

/**
 * « Papiers » in the personal space and its démarches are the justificatifs to send (« quels papiers envoyer ? »), not an
 * identity document — unless the message says so (« papiers d'identité ») or speaks of being « sans papiers ».
 */
const PAPERS = /(?<!\bsans\s+)\bpapiers?\b(?!\s+(?:d[’']\s*|de\s+)identit)/gi;

/**
 * Words the step gives their meaning to, said so before the search: a bare « numéro » on the contact step is the phone
 * number the step asks for (« il me dit numéro invalide »), not a numéro de sécurité sociale; what was masked on the
 * password step is a password the person tried; « papiers » in the personal space and the démarches are justificatifs.
 */
export function onStepWords(text: string, step: AssistantStep | undefined): string {
  if (step === 'mot-de-passe') return text.replaceAll(MASK, 'mot de passe');
  if (step === 'espace' || step === 'demarches') return text.replace(PAPERS, 'justificatifs');
  if (step !== 'contact') return text;
  return text.replace(
    /\bnum[ée]ro\b(?!\s+(?:de\s+|d[e’']\s*)?(?:s[ée]cu|nir|allocataire|fiscal|d[’']identit|de\s+carte|[ée]tranger|du\s+titre|de\s+passeport))/gi,
    'numéro de portable',
  );
}

/** Our knowledge base, read and indexed once per process (each server of the tests builds an Assistant). */
let ours: { topics: Topic[]; index: TopicIndex } | undefined;
export function ourKnowledge(): { topics: Topic[]; index: TopicIndex } {
  if (!ours) {
    const topics = loadKnowledge();
    ours = { topics, index: new TopicIndex(topics) };
  }
  return ours;
}

/** Coverage of the question's terms, times the strength of the match, lowered when the runner-up is as good. */
export function confidenceOf(best: Match, second: Match | undefined): number {
  const strength = 1 - Math.exp(-best.score / SCORE_SCALE);
  const margin = second ? Math.min(1, 0.6 + (best.score - second.score) / best.score) : 1;
  return Math.min(1, best.coverage * strength * margin + (best.coverage === 1 ? 0.15 : 0));
}

export const ASK_TOPIC = 'demander-prestation';
export const isPrestation = (m: Match) => m.topic.id.startsWith('prestation-');

/**
 * The runner-up a topic's confidence is lowered by: not the general « Demander une prestation » when
 * the best is a prestation of the catalogue, whose answer says how to ask for it.
 */
export function rivalOf(best: Match, matches: Match[]): Match | undefined {
  return matches.slice(1).find((m) => !(m.topic.id === ASK_TOPIC && isPrestation(best)));
}

/** The words of a message the search reads, but its negations (« pas », and a word said not to be). */
export function plainTerms(index: TopicIndex, text: string): string[] {
  return index.terms(text).filter((t) => !t.startsWith(NEGATED) && t !== 'pas');
}

export function dedupe(picks: Pick[], mainId: string): Pick[] {
  const seen = new Set([mainId]);
  return picks.filter((p) => !seen.has(p.topic.id) && !!seen.add(p.topic.id));
}

/**
 * A short question that only points back at what was just said (« Il est accepté ? », « ça passe ? », « c'est normal ? »):
 * a pronoun first, few words after it, none that asks anew. It asks about the sentence before it, not a topic of its own.
 */
const FOLLOW_UP = /^(?:(?:et|mais|donc|alors)\s+)?(?:il|elle|ils|elles|[cç]a|cela|c['’]est|ce|celui-ci|celle-ci)\b(?:\s+\S+){0,2}$/i;
/** A word that asks something new (« c'est quoi FranceConnect »): not a follow-up. */
const ASKS_ANEW = /(?:^|\s)(?:quoi|qui|o[uù]|comment|combien|quand|pourquoi|quel(?:le)?s?)(?=\s|$)/i;

/** « … ? … ! … » and « et aussi », « autre question » start new questions; a short follow-up stays with the one before. */
export function splitQuestions(text: string): string[] {
  const parts = text
    .split(
      /[?!;\n]+|\.(?=\s|$)|(?:^|\s)(?:et aussi|aussi|autre question|autre chose|ensuite|et puis|et comment|et pourquoi|et ou|et où|et quand|et est-ce que|et est ce que|et si)\s/i,
    )
    .map((s) => s?.trim() ?? '')
    .filter((s) => s.length > 0);
  return parts.reduce<string[]>((out, part) => {
    if (out.length > 0 && FOLLOW_UP.test(part) && !ASKS_ANEW.test(part)) out[out.length - 1] += ` ${part}`;
    else out.push(part);
    return out;
  }, []);
}

/** A word or phrase that opens a question or a request (« comment », « est-ce que », « je peux », « c'est quoi », « donnez-moi »…) at a clause's start. */
const ASKING_START =
  /^(?:(?:et|mais|alors|donc|puis|sinon|bon|bonjour|ok|oui|non|d['’]abord)\b[\s,]*)*(?:(?:comment|pourquoi|o[uù]|combien|quel(?:le)?s?|qui|que|quoi)(?=[\s,?]|$)|qu['’]est|est[- ]ce|c['’]est\s+(?:quoi|o[uù]|comment|combien|quand|qui|normal|possible|grave|bon)|(?:je|on|il|elle)\s+(?:peux|peut|dois|doit|fais|fait|pourrai[st]?|pourra|devrai[st]?|devra)\b|puis-je|peut-on|dois-je|faut-il|il\s+faut|y\s+a-t-il|(?:je\s+)?(?:veux|voudrais|souhaite)\s+savoir|donnez|dites|pouvez-vous|vous\s+pouvez)/i;
/** Where a message may start another question: an end of sentence, or « et aussi », « autre question », « et est-ce que »… */
const NEXT_CLAUSE =
  /(?<=[?!;\n])|(?<=\.)(?=\s)|\s(?=(?:et aussi|autre question|autre chose|et puis|(?:et|mais)(?:\s+d['’]abord)?\s+(?:comment|pourquoi|o[uù]|combien|quel(?:le)?s?|qui|est[- ]ce|si|c['’]est|je (?:peux|dois)|on peut|il faut|donnez|dites|pouvez-vous|vous pouvez))[\s,-])/i;
/** Connectors that say a second question follows (« et aussi… », « autre question : … »). */
const SAYS_ANOTHER = /^(?:et aussi|autre question|autre chose|et puis)\b/i;

/**
 * Whether a message asks two things or more (`compose.ts` speaks of « votre autre question » only then): two of its clauses
 * each ask — ended by « ? », opened by a word that asks (« comment », « est-ce que », « je peux »…) or by « et aussi »,
 * « autre question » —; a short follow-up (« il est accepté ? ») is no question of its own unless it opens with « et »
 * (« et c'est long ? »). A story told before one question asks once.
 */
export function asksTwice(text: string): boolean {
  // A « ! » before a word in lower case is a character named (« un ! dans le mot de passe »), not the end of a sentence.
  const clauses = text
    .replace(/!(?=\s+\p{Ll})/gu, '')
    .split(NEXT_CLAUSE)
    .map((c) => c.trim())
    .filter((c) => /\p{L}/u.test(c));
  const asking = clauses.filter(
    (c, i) =>
      !(i > 0 && !/^et\b/i.test(c) && FOLLOW_UP.test(c.replace(/[?!.;\s]+$/, '')) && !ASKS_ANEW.test(c)) &&
      (/\?\s*$/.test(c) || ASKING_START.test(c) || SAYS_ANOTHER.test(c)),
  );
  // « Et aussi », « autre question » after something said: a second matter, even when the first was only told (« je n'ai pas
  // reçu le code. Et aussi, … ? »).
  return asking.length >= 2 || clauses.some((c, i) => i > 0 && SAYS_ANOTHER.test(c));
}
