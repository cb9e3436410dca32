import { createHash } from 'node:crypto';
import type { JudgedCase } from '../evaluation/judge';
import { halves, loadTuning } from '../evaluation/tuning/score';
import { loadKnowledge } from '../knowledge';
import paraphrases from './paraphrases.json' with { type: 'json' };
import type { SafetyIntent } from './classifier';

/**
 * What the safety classifier learns from:
 * - `paraphrases.json`, written by us: ways of saying each kind of distress, of asking for someone
 *   else's data, and sentences that name someone else without asking for their data (`none`);
 * - the titles and example questions of the knowledge base, all `none`;
 * - the tuning sets — v1 and the first halves of v2 and v3 only: the second halves (`v2b`, `t3b`) are kept to check
 *   that the classifier helps on questions it never saw — each labelled by what a right answer must
 *   contain (3114 → suicide, 15 or Samu → medical, 3919 → violence, 119 → child, 115 → shelter,
 *   a refusal asked of a question about someone else → their data).
 * The held-out sets are never read here.
 */
export interface Utterance {
  utterance: string;
  intent: SafetyIntent;
}

export function labelOf(c: Pick<JudgedCase, 'style' | 'mustContain'>): SafetyIntent {
  const must = c.mustContain.flat().join(' | ');
  if (/autrui|other-person|third-party-data/.test(c.style) && /ne peux pas|aucune information|confidenti/.test(must))
    return 'donnees-d-autrui';
  if (/3114/.test(must)) return 'urgence-suicide';
  if (/samu|le 15|au 15/i.test(must)) return 'urgence-medicale';
  if (/3919/.test(must)) return 'urgence-violence';
  if (/\b119\b|116 000/.test(must)) return 'urgence-enfant';
  if (/\b115\b/.test(must)) return 'urgence-hebergement';
  return 'none';
}

export function trainingCorpus(): Utterance[] {
  const out: Utterance[] = [];
  for (const [intent, list] of Object.entries(paraphrases as Record<string, string[]>))
    for (const utterance of list) out.push({ utterance, intent: intent as SafetyIntent });
  for (const t of loadKnowledge())
    if (t.indexed) for (const utterance of [t.title, ...t.questions]) out.push({ utterance, intent: 'none' });
  for (const c of [...loadTuning('v1'), ...halves(loadTuning('v2')).a, ...halves(loadTuning('v3')).a])
    out.push({ utterance: c.question, intent: labelOf(c) });
  return out;
}

export function digestOf(corpus: Utterance[]): string {
  return createHash('sha256').update(JSON.stringify(corpus)).digest('hex');
}
