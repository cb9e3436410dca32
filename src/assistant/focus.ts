import { fold } from './analyser';

/**
 * A long message tells a story before it asks (« je vous explique ma situation… je voudrais savoir
 * si… »): its context words — a child, a move, a job lost — pull the search away from the question.
 * `questionOf` keeps the clauses that ask (a question mark, « comment », « est-ce que », « je
 * voudrais savoir », « je sais pas quoi », « je peux »…), each with the clause before it, and the
 * message's opening clause past a greeting, which often names what it is about (« je me suis trompée de mot de passe…
 * et maintenant on me dit d'attendre. Je suis bloquée ? »), for the search to look at them first: the
 * opening clause kept since (issue 23), the b-halves t6b–t11b 670 → 676 right and 8 → 7 wrong of 725.
 *
 * From `LONG_MESSAGE_WORDS` words on: chosen on v1, `v2a` and `t3a` (20 and 25 alike, 35 worse),
 * checked on `v2b` and `t3b`.
 */
export const LONG_MESSAGE_WORDS = 20;

const ASKING = new RegExp(
  `\\b(?:${[
    'comment',
    'pourquoi',
    'est ce que?',
    'qu est ce que?',
    '(?:voudrais|veux|veut|voulais|aimerais|souhaite|souhaiterais) savoir',
    'savoir (?:si|comment|quoi|ou|pourquoi|ce que|ce qui|combien|quand|a qui|quel\\w*)',
    '(?:sais|sait|savons) (?:pas|plus|vraiment pas) (?:si|quoi|comment|ou|pourquoi|ce que|ce qui|trop|quel\\w*|a qui)',
    'comprends? (?:pas|rien|plus) (?:pourquoi|comment|ce que|ce qui|si)',
    'que (?:faire|dois je|faut il)',
    'quoi (?:faire|mettre|envoyer|choisir|repondre)',
    'je dois',
    'dois je',
    'je peux',
    'puis je',
    'peut on',
    'on peut',
    'faut il',
    'il faut que? (?:je|j)',
    'quel\\w*',
    'c est quoi',
    'combien',
    'a qui',
    '(?:je|on) fait? comment',
    'vous me conseillez',
    'que me conseillez',
    'est il possible',
    'possible de',
  ].join('|')})\\b`,
);

const CLAUSE =
  /(?<=[?])|[.!;\n]+|,\s+|\s(?=(?:mais|parce que|parce qu|donc|du coup|sachant que|alors que|car|sauf que|et la|et maintenant|et depuis)\s)/;

/** Whether a clause asks something: a question mark, or a word that asks (« comment », « je peux »…). */
export function asks(clause: string): boolean {
  return clause.trim().endsWith('?') || ASKING.test(` ${fold(clause).replace(/[^a-z0-9]+/g, ' ')} `);
}

/** The words of a greeting or an apology for asking, which name nothing the message is about. */
const GREETING_WORDS = new Set(
  'bonjour bonsoir salut hello coucou allo madame monsieur mesdames messieurs excusez excuse moi pardon desole desolee de vous deranger derange merci svp s il plait'.split(
    ' ',
  ),
);

/** A formula that says the person writes, not what about (« je vous écris de la part de… », « je me permets de… »). */
const ADDRESSING = /^(?:je vous (?:ecris|contacte|sollicite)|je me permets)\b/;

/** « Bonjour », « Madame, Monsieur », « excusez-moi de vous déranger », « je vous écris… »: a clause that only greets. */
function isGreeting(clause: string): boolean {
  const words = fold(clause)
    .split(/[^a-z]+/)
    .filter(Boolean);
  return words.length > 0 && (words.every((w) => GREETING_WORDS.has(w)) || ADDRESSING.test(words.join(' ')));
}

/** The clauses of a long message that ask something, or undefined when it is short or asks nothing we can tell. */
export function questionOf(text: string): string | undefined {
  const plain = fold(text);
  if (plain.split(/\s+/).filter(Boolean).length < LONG_MESSAGE_WORDS) return undefined;
  const clauses = text
    .split(CLAUSE)
    .map((c) => c?.trim() ?? '')
    .filter(Boolean);
  const asking = clauses.map(asks);
  if (!asking.includes(true) || !asking.includes(false)) return undefined;
  // Each clause that asks, with the one before it: « le code ne marchait plus, on peut faire comment ? »; and the opening
  // one, past a greeting (« Bonjour, excusez-moi de vous déranger, j'ai reçu un code… »).
  const opening = clauses.findIndex((c) => !isGreeting(c));
  const kept = clauses.filter((_, i) => i === opening || asking[i] || asking[i + 1]);
  if (kept.length === clauses.length) return undefined;
  return kept.join('. ');
}
