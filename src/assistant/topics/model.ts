import { classify, type LinearModel } from './linear';
import model from './model.json' with { type: 'json' };

/** The topic classifier trained ahead of time (scripts/train-assistant-classifier.ts): each topic's probability for a text. */
export function topicProbabilities(text: string): Map<string, number> {
  return new Map(classify(model.model as LinearModel, text).map((c) => [c.intent, c.score]));
}
