import { createHash } from 'node:crypto';
import { judge, type JudgedCase } from '../evaluation/judge';
import { halves, loadTuning } from '../evaluation/tuning/score';
import { loadKnowledge, type Topic } from '../knowledge';
import { TopicIndex } from '../retrieval';
import paraphrases from './paraphrases.json' with { type: 'json' };

/**
 * What the topic classifier learns from, one class per indexed topic of the knowledge base:
 * - each topic's title, example questions and keywords;
 * - `paraphrases.json`, written by us: more ways of asking each topic (SMS, typos, no accents,
 *   French as a second language, long and indirect messages);
 * - the tuning sets — v1 and the first halves of v2, v3 and v4 only (the second halves, `v2b`, `t3b`
 *   and `t4b`, are kept to check that it generalises) — each question labelled by the topic whose answer the
 *   judge counts right (`topicOf`); a question no single answer satisfies (two questions in one,
 *   distress, someone else's data) is left out.
 * The held-out sets are never read here.
 */
export interface TopicUtterance {
  utterance: string;
  intent: string;
}

/** More topics than this satisfy a question: it says too little to learn a topic from. */
const MAX_SATISFYING = 6;

/**
 * The topic a tuning question is about: among the topics whose answer the judge counts right, the
 * one the search ranks first (with the question's step); undefined when none, or too many, satisfy it.
 */
export function topicOf(c: JudgedCase, topics: readonly Topic[], index: TopicIndex): string | undefined {
  const satisfying = topics
    .filter((t) => t.indexed && judge(c, { answer: t.answer.join('\n\n').replaceAll('{telephone}', '3230') }).verdict === 'right')
    .map((t) => t.id);
  if (satisfying.length === 0 || satisfying.length > MAX_SATISFYING) return undefined;
  const ranked = index.find(index.terms(c.question), c.step ?? undefined).find((m) => satisfying.includes(m.topic.id));
  return ranked?.topic.id ?? (satisfying.length === 1 ? satisfying[0] : undefined);
}

export function topicCorpus(): TopicUtterance[] {
  const topics = loadKnowledge();
  const index = new TopicIndex(topics);
  const out: TopicUtterance[] = [];
  for (const t of topics)
    if (t.indexed) for (const utterance of [t.title, ...t.questions, ...t.keywords]) out.push({ utterance, intent: t.id });
  for (const [intent, list] of Object.entries(paraphrases as Record<string, string[]>))
    for (const utterance of list) out.push({ utterance, intent });
  // A question written twice, once in a second half too, is left out: the second halves stay unseen.
  const checks = new Set((['v2', 'v3', 'v4'] as const).flatMap((s) => halves(loadTuning(s)).b.map((c) => c.question)));
  for (const c of [...loadTuning('v1'), ...halves(loadTuning('v2')).a, ...halves(loadTuning('v3')).a, ...halves(loadTuning('v4')).a]) {
    if (checks.has(c.question)) continue;
    const intent = topicOf(c, topics, index);
    if (intent) out.push({ utterance: c.question, intent });
  }
  return out;
}

export function topicDigest(corpus: TopicUtterance[]): string {
  return createHash('sha256').update(JSON.stringify(corpus)).digest('hex');
}
