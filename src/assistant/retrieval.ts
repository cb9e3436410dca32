import MiniSearch, { type SearchResult } from 'minisearch';
import { NEGATED, analyse, analyseQuestion } from './analyser';
import type { Topic } from './knowledge';
import type { AssistantStep } from './steps';

/**
 * The index: one MiniSearch document per topic (title, example questions, keywords, answer), every
 * field read by our analyser. A question is searched with typo tolerance (fuzzy, prefix) and the
 * topics of the person's step weigh more.
 */
/** A topic chosen for a message, with how sure the assistant is of it (0–1). */
export interface Pick {
  topic: Topic;
  confidence: number;
}

export interface Match {
  topic: Topic;
  score: number;
  /** share of the question's terms found in the topic (0–1) */
  coverage: number;
  /** the question's terms found in the topic */
  matched: string[];
}

interface Doc {
  id: string;
  title: string;
  questions: string;
  keywords: string;
  answer: string;
}

/** The terms a match found but its negations (« pas », and a word said not to be). */
export function plainMatched(m: Match): string[] {
  return m.matched.filter((t) => !t.startsWith(NEGATED) && t !== 'pas');
}

const STEP_BOOST = 2;
/** Searches kept (see `find`): a few, the searches of one question. */
const RECENT = 8;

export class TopicIndex {
  private readonly search: MiniSearch<Doc>;
  private readonly byId: Map<string, Topic>;
  private readonly vocabulary = new Set<string>();
  /** The terms of each topic's title and keywords: the words that name it. */
  private readonly naming = new Map<string, Set<string>>();
  private readonly recent = new Map<string, Match[]>();

  constructor(topics: readonly Topic[]) {
    this.byId = new Map(topics.map((t) => [t.id, t]));
    this.search = new MiniSearch<Doc>({
      fields: ['title', 'questions', 'keywords', 'answer'],
      tokenize: (text) => analyse(text),
      processTerm: (term) => term,
      searchOptions: { tokenize: (text) => text.split(' '), processTerm: (term) => term },
    });
    const indexed = topics.filter((t) => t.indexed);
    this.search.addAll(
      indexed.map((t) => ({
        id: t.id,
        title: t.title,
        questions: t.questions.join('\n'),
        keywords: t.keywords.join('\n'),
        answer: t.answer.join('\n'),
      })),
    );
    for (const t of indexed) this.naming.set(t.id, new Set([t.title, ...t.keywords].flatMap((s) => analyse(s))));
    for (const t of indexed)
      for (const s of [t.title, ...t.questions, ...t.keywords, ...t.answer]) for (const term of analyse(s)) this.vocabulary.add(term);
  }

  topic(id: string): Topic | undefined {
    return this.byId.get(id);
  }

  /** Whether the question's terms name the topic itself (a word of its title or keywords), beyond what `other` matched. */
  namesBeyond(m: Match, other: Match): boolean {
    const naming = this.naming.get(m.topic.id);
    return m.matched.some((t) => naming?.has(t) && !other.matched.includes(t));
  }

  /** Whether the question's terms name the topic (a word of its title or keywords, not a negation). */
  names(m: Match): boolean {
    const naming = this.naming.get(m.topic.id);
    return plainMatched(m).some((t) => naming?.has(t));
  }

  /** The terms of a question, as the index reads them. */
  terms(question: string): string[] {
    return analyseQuestion(question, (t) => this.vocabulary.has(t));
  }

  /** Best topics first; empty when no term of the question is known. */
  find(terms: readonly string[], step?: AssistantStep): Match[] {
    const unique = [...new Set(terms)];
    if (unique.length === 0) return [];
    // One question searches the same terms several times (its best topic, its choices): the last few
    // searches are kept, so each is done once per question.
    const key = `${step ?? ''}\u0000${unique.join(' ')}`;
    const cached = this.recent.get(key);
    if (cached) return cached;
    const found = this.searchTerms(unique, step);
    this.recent.set(key, found);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
    return found;
  }

  private searchTerms(unique: string[], step?: AssistantStep): Match[] {
    const results = this.search.search(unique.join(' '), {
      boost: { title: 2, keywords: 2, questions: 1.5, answer: 0.4 },
      // A term the knowledge base has is searched as such; only unknown ones (typos, cut words) are
      // searched with typo tolerance — which is also what keeps a search under a millisecond or two.
      fuzzy: (term) => (this.vocabulary.has(term) ? false : term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0),
      prefix: (term) => !this.vocabulary.has(term) && term.length >= 5,
      weights: { fuzzy: 0.35, prefix: 0.5 },
      combineWith: 'OR',
      ...(step ? { boostDocument: (id: unknown) => (this.byId.get(String(id))?.steps.includes(step) ? STEP_BOOST : 1) } : {}),
    });
    return results.map((r) => this.match(r, unique.filter((t) => !t.startsWith(NEGATED)).length)).filter((m): m is Match => !!m);
  }

  private match(r: SearchResult, termCount: number): Match | undefined {
    const topic = this.byId.get(String(r.id));
    if (!topic) return undefined;
    const plain = r.queryTerms.filter((t) => !t.startsWith(NEGATED));
    return { topic, score: r.score, coverage: termCount ? Math.min(1, plain.length / termCount) : 0, matched: r.queryTerms };
  }
}
