import { fold } from './analyser';
import type { Topic } from './knowledge';

/**
 * A topic's answer for the message it answers: the answer of the first of its cases the message names
 * (« contester un refus de RSA » → the département, not the Caf's commission), else its general answer.
 * The words of a case are matched folded, as whole words, in the message as written (masked).
 */
export function answerFor(topic: Topic, text: string): string[] {
  if (topic.cases.length === 0 || !text) return topic.answer;
  const s = ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
  const named = topic.cases.find((c) =>
    c.when.some((w) =>
      s.includes(
        ` ${fold(w)
          .replace(/[^a-z0-9]+/g, ' ')
          .trim()} `,
      ),
    ),
  );
  return named?.answer ?? topic.answer;
}
