import { createHash } from 'node:crypto';
import { judge, type JudgedCase } from '../evaluation/judge';
import { halves, loadTuning, TUNING_SETS } from '../evaluation/tuning/score';
import { loadKnowledge, type Topic } from '../knowledge';
import { TopicIndex } from '../retrieval';
import type { TrainOptions } from './linear';
import paraphrases from './paraphrases.json' with { type: 'json' };

/**
 * What the topic classifier learns from, one class per indexed topic of the knowledge base:
 * - each topic's title, example questions and keywords;
 * - `paraphrases.json`, written by us: more ways of asking each topic (SMS, typos, no accents,
 *   French as a second language, long and indirect messages);
 * - the tuning sets — v1 to v5 and the spent held-out sets h1–h11 whole, the first half only of a later one (`LEARNT_WHOLE`) — each question labelled by the topic whose answer the
 *   judge counts right (`topicOf`); a question no single answer satisfies (two questions in one,
 *   distress, someone else's data) is left out.
 * The held-out sets are never read here.
 */
export interface TopicUtterance {
  utterance: string;
  intent: string;
  /** the step a tuning question was asked on, for a model that reads it (`FeatureOptions.step`) */
  step?: string;
}

/** More topics than this satisfy a question: it says too little to learn a topic from. */
const MAX_SATISFYING = 6;

/** How tuning questions are labelled (the figures tried under cross-validation: `scripts/cv-topic-classifier.ts`). */
export interface Labelling {
  /** more topics than this satisfying a question: left out (6 unless said) */
  maxSatisfying?: number;
  /** a question no single answer satisfies but two answers together do (two questions in one): labelled with both */
  pairs?: boolean;
}

/** A question's topic is answered with its placeholder filled in, as the judge would read it. */
function answerOf(t: Topic): string {
  return t.answer.join('\n\n').replaceAll('{telephone}', '3230');
}

/**
 * The topics a tuning question is about: among the topics whose answer the judge counts right, the
 * one the search ranks first (with the question's step); none when none, or too many, satisfy it —
 * or, with `pairs`, the two of the search's first four whose answers together satisfy it.
 */
export function topicsOf(c: JudgedCase, topics: readonly Topic[], index: TopicIndex, o: Labelling = {}): string[] {
  const satisfying = topics.filter((t) => t.indexed && judge(c, { answer: answerOf(t) }).verdict === 'right').map((t) => t.id);
  const ranked = index.find(index.terms(c.question), c.step ?? undefined);
  if (satisfying.length === 0) {
    if (!o.pairs) return [];
    const first = ranked.slice(0, 4).map((m) => m.topic);
    for (let i = 0; i < first.length; i++)
      for (let j = i + 1; j < first.length; j++)
        if (judge(c, { answer: `${answerOf(first[i]!)}\n\n${answerOf(first[j]!)}` }).verdict === 'right')
          return [first[i]!.id, first[j]!.id];
    return [];
  }
  if (satisfying.length > (o.maxSatisfying ?? MAX_SATISFYING)) return [];
  const found = ranked.find((m) => satisfying.includes(m.topic.id));
  if (found) return [found.topic.id];
  return satisfying.length === 1 ? [satisfying[0]!] : [];
}

/** The topic a tuning question is about (`topicsOf`, labelled as the model is trained): undefined when none. */
export function topicOf(c: JudgedCase, topics: readonly Topic[], index: TopicIndex): string | undefined {
  return topicsOf(c, topics, index)[0];
}

/** What the classifier learns before any tuning question: the topics' titles, questions and keywords, and our paraphrases. */
export function baseCorpus(topics: readonly Topic[] = loadKnowledge()): TopicUtterance[] {
  const out: TopicUtterance[] = [];
  for (const t of topics)
    if (t.indexed) for (const utterance of [t.title, ...t.questions, ...t.keywords]) out.push({ utterance, intent: t.id });
  for (const [intent, list] of Object.entries(paraphrases as Record<string, string[]>))
    for (const utterance of list) out.push({ utterance, intent });
  return out;
}

/** Tuning questions labelled by `topicsOf` (one utterance per label), those written in `unseen` too left out. */
export function labelledCorpus(
  cases: readonly JudgedCase[],
  o: Labelling & { unseen?: ReadonlySet<string>; topics?: readonly Topic[]; index?: TopicIndex; steps?: boolean } = {},
): TopicUtterance[] {
  const topics = o.topics ?? loadKnowledge();
  const index = o.index ?? new TopicIndex([...topics]);
  const out: TopicUtterance[] = [];
  for (const c of cases) {
    if (o.unseen?.has(c.question)) continue;
    for (const intent of topicsOf(c, topics, index, o))
      out.push(o.steps && c.step ? { utterance: c.question, intent, step: c.step } : { utterance: c.question, intent });
  }
  return out;
}

/**
 * The tuning sets learnt whole: every question of v1–v5 (cross-validated, five folds of one set each,
 * this did better than their first halves: `scripts/cv-topic-classifier.ts`), and every question of the spent
 * held-out sets h1–h11 (read once measured: the more writers it learns from, the better). A later set (v6, v7…) is
 * learnt by its first half only, its second half kept to check that the classifier generalises.
 */
export const LEARNT_WHOLE: readonly string[] = ['v1', 'v2', 'v3', 'v4', 'v5', ...TUNING_SETS.filter((set) => set.startsWith('h'))];

/** How the model is trained (`train`'s defaults and the question's step as a feature: chosen under cross-validation). */
export const TOPIC_TRAINING: TrainOptions = { features: { step: true } };

export function topicCorpus(
  tuning: readonly { set: string; cases: JudgedCase[] }[] = TUNING_SETS.map((set) => ({ set, cases: loadTuning(set) })),
): TopicUtterance[] {
  const topics = loadKnowledge();
  const index = new TopicIndex(topics);
  const kept = tuning.map(({ set, cases }) => (LEARNT_WHOLE.includes(set) ? { a: cases, b: [] } : halves(cases)));
  // A question written twice, once in a second half too, is left out: the second halves stay unseen.
  const unseen = new Set(kept.flatMap((h) => h.b.map((c) => c.question)));
  const steps = TOPIC_TRAINING.features?.step === true;
  return [
    ...baseCorpus(topics),
    ...labelledCorpus(
      kept.flatMap((h) => h.a),
      { unseen, topics, index, steps },
    ),
  ];
}

export function topicDigest(corpus: TopicUtterance[]): string {
  return createHash('sha256').update(JSON.stringify(corpus)).digest('hex');
}
