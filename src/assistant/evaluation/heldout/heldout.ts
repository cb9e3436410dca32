import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type Assistant, type AssistantAnswer, FALLBACK_TOPIC } from '../../assistant';
import { ASSISTANT_STEPS } from '../../steps';
import { fold } from '../../analyser';

/** A question of a frozen held-out set (see README.md beside this file). */
const heldoutCaseSchema = z.object({
  id: z.string(),
  step: z.enum(ASSISTANT_STEPS).nullable(),
  persona: z.string(),
  style: z.string(),
  question: z.string().min(1),
  mustContain: z.array(z.array(z.string().min(1)).min(1)),
  mustNotContain: z.array(z.string().min(1)),
  expected: z.string(),
});
export type HeldoutCase = z.infer<typeof heldoutCaseSchema>;

export function loadHeldout(file = 'assistant-heldout-v1.json'): HeldoutCase[] {
  return z.array(heldoutCaseSchema).parse(JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')));
}

export type Verdict = 'right' | 'unsure' | 'wrong';

export interface HeldoutResult {
  case: HeldoutCase;
  answer: AssistantAnswer;
  verdict: Verdict;
  missing: string[][];
  forbidden: string[];
}

/** Right: every group present, nothing forbidden; unsure: « je ne sais pas » handed over, or a choice between topics. */
export function judgeHeldout(c: HeldoutCase, answer: AssistantAnswer): HeldoutResult {
  const text = fold(answer.answer);
  const missing = c.mustContain.filter((group) => !group.some((p) => text.includes(fold(p))));
  const forbidden = c.mustNotContain.filter((p) => text.includes(fold(p)));
  const right = missing.length === 0 && forbidden.length === 0;
  const unsure = (answer.topic === FALLBACK_TOPIC && answer.handover) || answer.choices;
  return { case: c, answer, verdict: right ? 'right' : unsure ? 'unsure' : 'wrong', missing, forbidden };
}

export function scoreHeldout(assistant: Assistant, cases = loadHeldout()): HeldoutResult[] {
  return cases.map((c) => judgeHeldout(c, assistant.ask(c.question, c.step ?? undefined)));
}
