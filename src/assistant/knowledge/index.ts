import { z } from 'zod';
import { ASSISTANT_STEPS } from '../steps';
import inscription from './1-inscription.json' with { type: 'json' };
import identite from './2-identite.json' with { type: 'json' };
import securite from './3-securite.json' with { type: 'json' };
import connexion from './4-connexion.json' with { type: 'json' };
import foyer from './5-foyer.json' with { type: 'json' };
import limites from './6-limites.json' with { type: 'json' };
import urgences from './7-urgences.json' with { type: 'json' };
import pratique from './8-aide-pratique.json' with { type: 'json' };
import prestations from './9-prestations.json' with { type: 'json' };

/**
 * The knowledge base: one entry per topic, written by us in French, kept as JSON files beside this
 * one (one file per area, in the order of `FILES`: the help page lists the topics in that order).
 * Imported, not read from the disk, so that the compiled server carries them in its bundle.
 * Checked once at start-up: a malformed entry stops the start.
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
  /**
   * answers for a case the message names (« le RSA », « l'AAH ») or the person's step says (the login's code is not the
   * registration's): the first case whose words the message has (folded, whole words), else the first case of the
   * person's step, is answered instead of `answer` — the general one says every case
   */
  cases: z
    .array(
      z
        .object({
          when: z.array(z.string().min(1).max(80)).default([]),
          steps: z.array(z.enum(ASSISTANT_STEPS)).default([]),
          answer: z.array(z.string().min(1).max(900)).min(1),
        })
        .refine((c) => c.when.length + c.steps.length > 0, 'a case needs words or steps'),
    )
    .default([]),
  /** the answer sends to a person (3230, « Contacter ma Caf ») rather than solving it here */
  handover: z.boolean().default(false),
  /** false for the answer given when nothing matches: not searched */
  indexed: z.boolean().default(true),
});

export type Topic = z.infer<typeof topicSchema>;

/** Every file of the knowledge base, by name (a test checks that none of the folder is missing). */
export const FILES: Record<string, unknown> = {
  '1-inscription.json': inscription,
  '2-identite.json': identite,
  '3-securite.json': securite,
  '4-connexion.json': connexion,
  '5-foyer.json': foyer,
  '6-limites.json': limites,
  '7-urgences.json': urgences,
  '8-aide-pratique.json': pratique,
  '9-prestations.json': prestations,
};

export function loadKnowledge(): Topic[] {
  const topics: Topic[] = [];
  for (const [file, content] of Object.entries(FILES)) {
    const parsed = z.array(topicSchema).safeParse(content);
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

/** Every paragraph a topic may answer: its answer and those of its cases (for the checks of what it says). */
export function allParagraphs(t: Topic): string[] {
  return [...t.answer, ...t.cases.flatMap((c) => c.answer)];
}
