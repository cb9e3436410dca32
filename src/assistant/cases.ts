import { fold } from './analyser';
import type { Topic } from './knowledge';
import type { AssistantStep } from './steps';

/** What a topic's answer is chosen for: the message as written (masked) and the step the person asked from. */
export interface Asked {
  text: string;
  step?: AssistantStep | undefined;
}

/**
 * A topic's answer for the message it answers: the answer of the first of its cases the message names
 * (« contester un refus de RSA » → the département, not the Caf's commission), else of the first case of the
 * person's step (a code asked about on « Se connecter » is the login's code), else its general answer.
 * The words of a case are matched folded, as whole words, in the message as written (masked).
 */
export function answerFor(topic: Topic, asked: Asked): string[] {
  if (topic.cases.length === 0) return topic.answer;
  const s = ` ${fold(asked.text).replace(/[^a-z0-9]+/g, ' ')} `;
  const names = (w: string) =>
    s.includes(
      ` ${fold(w)
        .replace(/[^a-z0-9]+/g, ' ')
        .trim()} `,
    );
  const named = asked.text ? topic.cases.find((c) => c.when.some(names)) : undefined;
  const onStep = asked.step ? topic.cases.find((c) => c.steps.includes(asked.step!)) : undefined;
  return (named ?? onStep)?.answer ?? topic.answer;
}
