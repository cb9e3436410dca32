import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ASSISTANT_STEPS } from '../steps';

/**
 * The knowledge base: one entry per topic, written by us in French, kept as JSON files beside this
 * one (one file per area, read in the order of their names: the help page lists the topics in that order). Read and checked once at start-up: a malformed entry stops the start.
 */
const source = z.object({ title: z.string().min(1).max(120), url: z.string().regex(/^(\/|https:\/\/)/) });

export const topicSchema = z.object({
  /** stable, kebab-case: returned by the API as `topic` */
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1).max(120),
  /** the steps of the journeys the topic belongs to (preferred there); none: anywhere */
  steps: z.array(z.enum(ASSISTANT_STEPS)),
  /** paragraphs; `{telephone}` is replaced by the agency's number */
  answer: z.array(z.string().min(1).max(900)).min(1),
  sources: z.array(source).min(1),
  /** questions people ask about it, in their words: indexed */
  questions: z.array(z.string().min(1).max(200)),
  /** more words that lead to it (synonyms, the words of its pages): indexed */
  keywords: z.array(z.string().min(1).max(80)).default([]),
  /** the answer sends to a person (3230, « Contacter ma Caf ») rather than solving it here */
  handover: z.boolean().default(false),
  /** false for the answer given when nothing matches: not searched */
  indexed: z.boolean().default(true),
});

export type Topic = z.infer<typeof topicSchema>;

const dir = new URL('./', import.meta.url);

export function loadKnowledge(): Topic[] {
  const topics: Topic[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = z.array(topicSchema).safeParse(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
    if (!parsed.success) throw new Error(`knowledge/${file}: ${parsed.error.message}`);
    topics.push(...parsed.data);
  }
  const ids = new Set<string>();
  for (const t of topics) {
    if (ids.has(t.id)) throw new Error(`knowledge: topic « ${t.id} » defined twice`);
    ids.add(t.id);
  }
  return topics;
}
