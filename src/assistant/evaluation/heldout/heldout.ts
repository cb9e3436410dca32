import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Assistant, AssistantAnswer } from '../../assistant';
import { judge, judgedCaseSchema, type Verdict } from '../judge';

/** A question of a frozen held-out set (see README.md beside this file): a judged case whose persona and expectation are written out. */
const heldoutCaseSchema = judgedCaseSchema.extend({ persona: z.string(), expected: z.string() });
export type HeldoutCase = z.infer<typeof heldoutCaseSchema>;

/** The frozen held-out files, in order (`assistant-heldout-v9a.json`…): each set is the files of one version. */
export function heldoutFiles(): string[] {
  return readdirSync(new URL('./', import.meta.url))
    .filter((f) => /^assistant-heldout-.*\.json$/.test(f))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The version a held-out file belongs to: `v9` for `assistant-heldout-v9a.json`. */
export const versionOf = (file: string): string => file.replace(/^assistant-heldout-(v\d+).*$/, '$1');

export function loadHeldout(file = heldoutFiles()[0]!): HeldoutCase[] {
  return z.array(heldoutCaseSchema).parse(JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')));
}

export interface HeldoutResult {
  case: HeldoutCase;
  answer: AssistantAnswer;
  verdict: Verdict;
  missing: string[][];
  forbidden: string[];
}

/** The one judge of the tuning and held-out sets (../judge.ts): right, unsure (says it does not know, or offers choices) or wrong. */
export function judgeHeldout(c: HeldoutCase, answer: AssistantAnswer): HeldoutResult {
  return { case: c, answer, ...judge(c, answer) };
}

export function scoreHeldout(assistant: Assistant, cases = loadHeldout()): HeldoutResult[] {
  return cases.map((c) => judgeHeldout(c, assistant.ask(c.question, c.step ?? undefined)));
}
