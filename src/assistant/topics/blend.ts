import type { Match } from '../retrieval';

/**
 * How the topic classifier's probabilities (`model.ts`) are combined with the search's scores. Each
 * figure was chosen on v1, `v2a` and `t3a` (the classifier also trained without `t3a`, then without
 * `v2a`, to score each as unseen), then checked on `v2b` and `t3b` and on the evaluation sets'
 * expected topics (questions.json, holdout.json, fresh.json — none of which it learns from): see
 * src/assistant/evaluation/tuning/README.md.
 */

/**
 * The classifier's share in a match's score: half, the search's score (relative to the best) the other half. Leaving out
 * one spent held-out set at a time (`cv-topic-classifier.ts --by h`), 0.65 did better (right 2,542 → 2,550, wrong 47 → 45
 * of 2,760) but turned four of our own step sentences (the step's own topic, the choices offered): not kept yet.
 */
export const CLASSIFIER_WEIGHT = 0.5;
/** A topic's confidence is at least this share of the classifier's probability of it… */
export const CLASSIFIER_LIFT = 0.7;
/** …but the classifier alone never makes an answer sure: it stays « the closest one », below `HEDGE_CONFIDENCE`. */
export const CLASSIFIER_LIFT_CAP = 0.69;
/**
 * An answer that is not the first topic of both the search and the classifier is only « the closest one »
 * unless found at least this surely and explaining at least this share of its words (see `disputed`).
 * 0.9 before; 0.95 under cross-validation (scripts/cv-topic-classifier.ts): wrong 19 → 18 of 1,480, right
 * unchanged, 5 more right answers said to be only the closest one; 1 the same, 0.85 one fewer hedged.
 */
export const DISPUTED_SURE = 0.95;
/** Of topics the search cannot choose between, the classifier's choice is answered when this likely, and twice the next (0.4 before t4a: 0.3 did better on t3a and t4a, each left out of the training). */
export const CLASSIFIER_RESOLVES = 0.3;

/**
 * The classifier agrees with the search only when its first topic is at least this likely: a first topic
 * it barely prefers is no second opinion, and the answer is disputed unless found surely (see `disputed`).
 * Chosen under cross-validation (scripts/cv-topic-classifier.ts): 0 → 0.3, wrong 20 → 19 of 1,480 (`DISPUTED_SURE` 0.9), right
 * unchanged, 7 more right answers said to be only the closest one; 0.5 the same wrong for 21 more. 0.3 → 0.35 leaving out one
 * spent held-out set at a time (`--by h`): see the figures in evaluation/tuning/README.md.
 */
export const AGREED_LIKELY = 0.35;

/**
 * A topic the search and the classifier agree on (see `agrees`) that explains at least this share of the message's words is
 * clear: answered as such, not « the closest one », even found below `HEDGE_CONFIDENCE` (a short message, or a runner-up
 * close in the search alone, lowers the confidence). Chosen on the sets read (h1–h11, v1 and the « a » halves: from 0.7 up,
 * no answer of h1–h11 turned from unsure to wrong; at 0.65, four), checked on the b-halves t6b–t11b (right and wrong
 * unchanged, 10 fewer right answers said to be only the closest one).
 */
export const CLEAR_COVERAGE = 0.7;

/** The figures above, which an `Assistant` may replace (to choose them under cross-validation). */
export interface BlendTuning {
  weight: number;
  resolves: number;
  disputedSure: number;
  agreedLikely: number;
  /** (tried under cross-validation only) the share of the message its topic must explain not to be « the closest one » (`MIN_COVERAGE`) */
  minCoverage?: number;
  /** (tried under cross-validation only) a confidence below which the answer is « the closest one », above `HEDGE_CONFIDENCE` */
  hedge?: number;
}

const TUNED: BlendTuning = {
  weight: CLASSIFIER_WEIGHT,
  resolves: CLASSIFIER_RESOLVES,
  disputedSure: DISPUTED_SURE,
  agreedLikely: AGREED_LIKELY,
};

/**
 * The search's matches, scored again: each the weighted sum of its score relative to the best one
 * and the classifier's probability of its topic, scaled back so that the best keeps the best
 * search score (the confidence of a plain, well-matched question does not move), best first.
 */
export function blend(matches: Match[], likely: ReadonlyMap<string, number> | undefined, t: Partial<BlendTuning> = {}): Match[] {
  const top = matches[0]?.score;
  if (!likely || !top) return matches;
  const weight = t.weight ?? TUNED.weight;
  const combined = matches.map((m) => ({
    m,
    c: (1 - weight) * (m.score / top) + weight * (likely.get(m.topic.id) ?? 0),
  }));
  const best = Math.max(...combined.map((x) => x.c));
  return combined.sort((x, y) => y.c - x.c).map(({ m, c }) => ({ ...m, score: (top * c) / best }));
}

/** A topic's confidence, raised by the classifier's probability of the same topic (never to a sure answer by itself). */
export function lift(confidence: number, p: number | undefined): number {
  if (p === undefined) return confidence;
  return Math.max(confidence, Math.min(CLASSIFIER_LIFT_CAP, CLASSIFIER_LIFT * p));
}

/** Of topics the search cannot tell apart, the one the classifier clearly prefers, if any. */
export function resolve<T extends { id: string }>(
  choices: readonly T[],
  likely: ReadonlyMap<string, number> | undefined,
  t: Partial<BlendTuning> = {},
): T | undefined {
  if (!likely) return undefined;
  const [first, second] = choices.map((c) => ({ c, p: likely.get(c.id) ?? 0 })).sort((a, b) => b.p - a.p);
  return first && first.p >= (t.resolves ?? TUNED.resolves) && first.p >= 2 * (second?.p ?? 0) ? first.c : undefined;
}

/**
 * Whether two opinions on a topic found by the search dispute it: the search's own first topic (before
 * the blend) or the classifier's first is another one, and the topic is not found surely enough
 * (confidence or coverage below `DISPUTED_SURE`) to outweigh that. Such an answer is said to be only
 * « the closest one ». Without the classifier there is no second opinion.
 */
export function disputed(
  topic: string,
  o: {
    searchFirst: string | undefined;
    likely: ReadonlyMap<string, number> | undefined;
    confidence: number;
    coverage: number;
    besides?: readonly string[];
  },
  t: Partial<BlendTuning> = {},
): boolean {
  if (!o.likely || o.likely.size === 0) return false;
  const sure = t.disputedSure ?? TUNED.disputedSure;
  return !agrees(topic, o, t, o.besides) && (o.confidence < sure || o.coverage < sure);
}

/** Whether a topic found by the search is clear: agreed on by both opinions, and explaining most of the message (`CLEAR_COVERAGE`). */
export function clear(
  topic: string,
  o: { searchFirst: string | undefined; likely: ReadonlyMap<string, number> | undefined; coverage: number },
  t: Partial<BlendTuning> = {},
): boolean {
  return !!o.likely && agrees(topic, o, t) && o.coverage >= CLEAR_COVERAGE;
}

/**
 * Whether the topic is the search's own first topic and the classifier's first, at least `AGREED_LIKELY` likely. The
 * classifier's first may also be one of `besides` (the message's other questions, answered after it): reading the whole
 * message, it found the other question, no rival to this one. The search's first must still be the topic itself (with it
 * too waived, one more answer of h1–h11 went from unsure to wrong).
 */
function agrees(
  topic: string,
  o: { searchFirst: string | undefined; likely: ReadonlyMap<string, number> | undefined },
  t: Partial<BlendTuning>,
  besides: readonly string[] = [],
): boolean {
  let classifierFirst: string | undefined;
  let p = -1;
  for (const [id, q] of o.likely ?? []) if (q > p) [classifierFirst, p] = [id, q];
  const ours = classifierFirst === topic || (!!classifierFirst && besides.includes(classifierFirst));
  return topic === o.searchFirst && ours && p >= (t.agreedLikely ?? TUNED.agreedLikely);
}
