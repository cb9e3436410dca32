import { z } from 'zod';
import { AppError } from '../../errors/app-error';
import { ASSISTANT_STEPS, type AssistantStep } from '../../assistant/steps';

/** What a question must be, at the API and on the page: text, not blank, 500 characters at most. */
export const MAX_QUESTION_LENGTH = 500;

export const questionSchema = z.object({
  question: z
    .string({ error: (i) => (i.input === undefined ? 'ASSISTANT_QUESTION_REQUIRED' : 'ASSISTANT_QUESTION_NOT_TEXT') })
    .trim()
    .min(1, { error: 'ASSISTANT_QUESTION_REQUIRED' })
    .max(MAX_QUESTION_LENGTH, { error: 'ASSISTANT_QUESTION_TOO_LONG' }),
  step: z.enum(ASSISTANT_STEPS, { error: 'ASSISTANT_STEP_UNKNOWN' }).nullish(),
  /** a topic chosen among the suggestions or the choices: its answer is given as such (an unknown one is ignored) */
  topic: z.string().max(80).nullish(),
});

export type AssistantQuestion = { question: string; step?: AssistantStep; topic?: string };

type Code = 'ASSISTANT_QUESTION_REQUIRED' | 'ASSISTANT_QUESTION_NOT_TEXT' | 'ASSISTANT_QUESTION_TOO_LONG' | 'ASSISTANT_STEP_UNKNOWN';
const CODES = new Set<string>([
  'ASSISTANT_QUESTION_REQUIRED',
  'ASSISTANT_QUESTION_NOT_TEXT',
  'ASSISTANT_QUESTION_TOO_LONG',
  'ASSISTANT_STEP_UNKNOWN',
]);

/** The question, or the catalogue error of its first problem (at the field it concerns). */
export function parseQuestion(body: unknown): AssistantQuestion {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('ASSISTANT_QUESTION_NOT_TEXT', 'question');
  const r = questionSchema.safeParse(body);
  if (r.success)
    return {
      question: r.data.question,
      ...(r.data.step ? { step: r.data.step } : {}),
      ...(r.data.topic ? { topic: r.data.topic } : {}),
    };
  const issue = r.error.issues[0]!;
  const code = (CODES.has(issue.message) ? issue.message : 'ASSISTANT_QUESTION_NOT_TEXT') as Code;
  throw new AppError(code, code === 'ASSISTANT_STEP_UNKNOWN' ? 'step' : 'question');
}
