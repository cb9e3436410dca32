import { classify, type LinearModel } from './linear';
import model from './model.json' with { type: 'json' };

/** The last text classified: one question asks it up to three times (its best topic, its choices, an offer). */
let last: { text: string; likely: Map<string, number> } | undefined;

/** The topic classifier trained ahead of time (scripts/train-assistant-classifier.ts): each topic's probability for a text. */
export function topicProbabilities(text: string): Map<string, number> {
  if (last?.text !== text) last = { text, likely: new Map(classify(model.model as LinearModel, text).map((c) => [c.intent, c.score])) };
  return last.likely;
}
