import { classify, type LinearModel } from './linear';
import model from './model.json' with { type: 'json' };

/** Each topic's probability for a text asked on a step (or none). */
export type TopicProbabilities = (text: string, step?: string) => Map<string, number>;

/**
 * A model's probabilities, remembering the last text classified: one question asks it up to three
 * times (its best topic, its choices, an offer).
 */
export function probabilitiesOf(m: LinearModel): TopicProbabilities {
  let last: { text: string; step: string | undefined; likely: Map<string, number> } | undefined;
  return (text, step) => {
    if (last?.text !== text || last.step !== step)
      last = { text, step, likely: new Map(classify(m, text, step).map((c) => [c.intent, c.score])) };
    return last.likely;
  };
}

/** The topic classifier trained ahead of time (scripts/train-assistant-classifier.ts): each topic's probability for a text. */
export const topicProbabilities: TopicProbabilities = probabilitiesOf(model.model as LinearModel);
