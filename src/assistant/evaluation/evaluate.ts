import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fold } from '../analyser';
import type { Assistant, AssistantAnswer } from '../assistant';
import { ASSISTANT_STEPS } from '../steps';

/**
 * The evaluation set (questions.json, written after the knowledge base, from how people write):
 * each question with its step, the topic a right answer is about, the phrases it must contain and
 * those it must not. A question is answered right when every phrase that must be there is, and
 * none of the others (compared without case or accents).
 */
const caseSchema = z.object({
  question: z.string().min(1).max(500),
  step: z.enum(ASSISTANT_STEPS).nullable(),
  topic: z.string(),
  mustContain: z.array(z.string().min(1)).min(1),
  mustNotContain: z.array(z.string().min(1)),
});
export type EvaluationCase = z.infer<typeof caseSchema>;

/** `questions.json`: the set of the bar; `holdout.json`: written later (one change to the engine followed it); `fresh.json`: written after the last change, never tuned on. */
export function loadEvaluation(file: 'questions.json' | 'holdout.json' | 'fresh.json' = 'questions.json'): EvaluationCase[] {
  return z.array(caseSchema).parse(JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')));
}

export interface CaseResult {
  case: EvaluationCase;
  answer: AssistantAnswer;
  right: boolean;
  missing: string[];
  forbidden: string[];
}

export function judge(c: EvaluationCase, answer: AssistantAnswer): CaseResult {
  const text = fold(answer.answer);
  const missing = c.mustContain.filter((p) => !text.includes(fold(p)));
  const forbidden = c.mustNotContain.filter((p) => text.includes(fold(p)));
  return { case: c, answer, right: missing.length === 0 && forbidden.length === 0, missing, forbidden };
}

export interface Evaluation {
  results: CaseResult[];
  share: number;
  /** share of answers whose topic is the expected one (printed, not the bar) */
  topicShare: number;
  byTopic: { topic: string; right: number; total: number }[];
}

export function evaluate(assistant: Assistant, cases = loadEvaluation()): Evaluation {
  const results = cases.map((c) => judge(c, assistant.ask(c.question, c.step ?? undefined)));
  const topics = new Map<string, { right: number; total: number }>();
  for (const r of results) {
    const t = topics.get(r.case.topic) ?? { right: 0, total: 0 };
    t.total++;
    if (r.right) t.right++;
    topics.set(r.case.topic, t);
  }
  return {
    results,
    share: results.filter((r) => r.right).length / results.length,
    topicShare: results.filter((r) => r.answer.topic === r.case.topic).length / results.length,
    byTopic: [...topics].map(([topic, t]) => ({ topic, ...t })).sort((a, b) => a.topic.localeCompare(b.topic)),
  };
}
