import { z } from 'zod';
import { fold } from '../analyser';
import { ASSISTANT_STEPS } from '../steps';

/**
 * The verdict on one answer of the assistant to a question written by someone who never read its
 * knowledge base (the tuning set, and the held-out sets scored by the lead):
 * - right: every group of `mustContain` has at least one of its phrases in the answer, and no
 *   phrase of `mustNotContain` is there (compared without case or accents);
 * - unsure: not right, but the assistant says it does not know and hands over to a person, or
 *   offers topics to choose from — honest, not counted as wrong;
 * - wrong: anything else (a wrong topic, a missing fact, a forbidden phrase).
 */
export const judgedCaseSchema = z.object({
  id: z.string(),
  step: z.enum(ASSISTANT_STEPS).nullable(),
  persona: z.string().optional(),
  style: z.string(),
  question: z.string().min(1),
  /** groups of alternatives: each group needs one of its phrases */
  mustContain: z.array(z.array(z.string().min(1)).min(1)),
  mustNotContain: z.array(z.string().min(1)),
  expected: z.string().optional(),
});
export type JudgedCase = z.infer<typeof judgedCaseSchema>;

export type Verdict = 'right' | 'unsure' | 'wrong';

/** What the judge reads of an answer: its text and the flags of the API. */
export interface JudgedAnswer {
  answer: string;
  choices?: boolean;
  handover?: boolean;
}

export interface Judgement {
  verdict: Verdict;
  /** the groups none of whose phrases is in the answer */
  missing: string[][];
  /** the forbidden phrases found in the answer */
  forbidden: string[];
}

/** « Je ne suis pas sûr », « je ne sais pas », « je ne peux pas répondre »: the assistant says it does not know. */
const DOES_NOT_KNOW =
  /\bje ne (suis pas sur|sais pas|connais pas|peux pas repondre|trouve pas de reponse)|\bje n'ai pas (compris|de reponse)/;

export function judge(c: Pick<JudgedCase, 'mustContain' | 'mustNotContain'>, a: JudgedAnswer): Judgement {
  const text = fold(a.answer);
  const missing = c.mustContain.filter((group) => !group.some((p) => text.includes(fold(p))));
  const forbidden = c.mustNotContain.filter((p) => text.includes(fold(p)));
  if (missing.length === 0 && forbidden.length === 0) return { verdict: 'right', missing, forbidden };
  const unsure = forbidden.length === 0 && (a.choices === true || (a.handover === true && DOES_NOT_KNOW.test(text)));
  return { verdict: unsure ? 'unsure' : 'wrong', missing, forbidden };
}
