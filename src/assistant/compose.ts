import { type AssistantAnswer, topicUrl } from './answer';
import { answerFor, type Asked } from './cases';
import { asksTwice } from './matches';
import type { Topic } from './knowledge';
import type { Masked } from './masking';
import type { Pick } from './retrieval';
import { residenceRule } from './residence';

/**
 * The composition of the assistant's answers (`assistant.ts` chooses the topics): a topic's answer with the other
 * questions of the message answered or linked after it, « Je ne suis pas sûr » and the human contact when unsure, the
 * closest of close topics with the others as links, a choice between topics, the emergency numbers of a distress with
 * the question asked beside it; the masked question's warning in each, and `{telephone}` replaced by the Caf's number.
 */

/** Below it the assistant says it does not know. */
export const MIN_CONFIDENCE = 0.2;
/**
 * Below it the answer is given as « the closest one », with « Je ne suis pas sûr » and the human contact
 * beside it. On the tuning sets a wrong answer is three times likelier at 0.5–0.7 than above, and
 * saying so there costs no right answer (the closest answer is still given): 0.7 was chosen on v1,
 * `v2a` and `t3a`, then checked on `v2b` and `t3b` (wrong 10.9 → 7.8 % and 15.0 → 10.0 %).
 */
export const HEDGE_CONFIDENCE = 0.7;
/** The confidence of a topic the classifier chose among close ones: below `HEDGE_CONFIDENCE`, so said to be the closest one. */
export const RESOLVED_CONFIDENCE = 0.6;
/**
 * The other questions of a message found at least this surely are answered too, after the first
 * (with their sources), at most `MAX_ANSWERED` of them; the rest are links. Chosen on v1, `v2a`,
 * `t3a` and `t4a` (0.2–0.7; every topic found, 0.2, was best), checked on `v2b`, `t3b` and `t4b`.
 */
const ANSWER_OTHER = MIN_CONFIDENCE;
const MAX_ANSWERED = 2;

/** The other topics of a message answered after the first (found at least `ANSWER_OTHER` surely, at most `MAX_ANSWERED`). */
export function answeredOf(others: Pick[]): Pick[] {
  return others.filter((p) => p.confidence >= ANSWER_OTHER).slice(0, MAX_ANSWERED);
}

/** The message as masked, and the step it was asked from (a topic's answer may depend on it: `answerFor`). */
export type AskedMasked = Masked & Asked;

/** A topic chosen for a message, and how sure the assistant is of it (0–1). */
export type { Pick };

/** The calm word said first to an angry message. */
export const CALM =
  'Je comprends que ce soit pénible. Si vous préférez parler à un conseiller, appelez votre Caf au {telephone} ou utilisez « Contacter ma Caf » sur caf.fr.';

const MASKED_WARNING =
  'Par sécurité, j’ai masqué ce qui ressemblait à un numéro, un code, un mot de passe ou une adresse : je ne le lis pas et ne le garde pas. Ne donnez jamais votre code ni votre mot de passe, ici ou à quiconque : la Caf ne vous les demandera jamais.';

/**
 * The main topic's answer, « Je ne suis pas sûr » and the human contact around it when unsure (below `HEDGE_CONFIDENCE`, or
 * `doubt`); then the other topics found surely enough answered (at most `MAX_ANSWERED`), the rest as links. They are « votre
 * autre question » only when the message asks two things (`asksTwice`); in a message that asks once they are what its story
 * names (« À propos de … », « Sujets proches »), often what the question needs, so still answered.
 */
export function compose(
  phone: string,
  main: Pick,
  others: Pick[],
  masked: AskedMasked,
  preface: string[] = [],
  doubt = false,
): AssistantAnswer {
  const unsure = (doubt || main.confidence < HEDGE_CONFIDENCE) && main.topic.indexed;
  // Only a message that asks two things has another question: a single question's other topics are not called one.
  const twice = asksTwice(masked.text);
  const answered = answeredOf(others);
  const linked = others.filter((p) => !answered.includes(p));
  const titles = linked.map((p) => `« ${p.topic.title} »`).join(' ; ');
  const paragraphs = [
    ...preface,
    ...(masked.found.length ? [MASKED_WARNING] : []),
    // Unsure of the topic, the assistant says so rather than answering as if it knew.
    ...(unsure ? ['Je ne suis pas sûr d’avoir bien compris votre question ; voici la réponse qui me semble la plus proche.'] : []),
    // a titre de séjour named with a prestation: what it opens, before the prestation's answer
    ...residenceRule(main.topic, masked),
    ...answerFor(main.topic, masked),
    ...(unsure ? [`Si cette réponse ne vous aide pas, appelez votre Caf au {telephone} ou utilisez « Contacter ma Caf » sur caf.fr.`] : []),
    ...answered.flatMap((p) => [
      twice ? `Pour votre autre question (« ${p.topic.title} ») :` : `À propos de « ${p.topic.title} » :`,
      ...answerFor(p.topic, masked),
    ]),
    ...(linked.length
      ? [twice ? `Vous avez aussi demandé : ${titles}. Ouvrez ces sujets pour leur réponse.` : `Sujets proches : ${titles}.`]
      : []),
  ];
  return {
    answer: paragraphs.join('\n\n').replaceAll('{telephone}', phone),
    topic: main.topic.id,
    confidence: Math.round(main.confidence * 100) / 100,
    sources: [...main.topic.sources, ...answered.flatMap((p) => p.topic.sources)].filter(
      (x, i, all) => all.findIndex((y) => y.url === x.url) === i,
    ),
    handover: main.topic.handover || unsure,
    others: others.map((p) => ({ topic: p.topic.id, title: p.topic.title, url: topicUrl(p.topic.id) })),
    choices: false,
    maskedQuestion: masked.text,
    masked: masked.found,
  };
}

/**
 * The closest of topics the search could not tell apart, answered as such (« Je ne suis pas sûr »), the
 * others offered as links after it.
 */
export function closestOf(phone: string, closest: Topic, topics: Topic[], masked: AskedMasked): AssistantAnswer {
  const rest = topics.filter((t) => t.id !== closest.id);
  const answer = compose(phone, { topic: closest, confidence: RESOLVED_CONFIDENCE }, [], masked);
  const titles = rest.map((t) => `« ${t.title} »`).join(' ou ');
  const elsewhere = rest.length
    ? `Votre question porte peut-être plutôt sur ${titles} : choisissez ce sujet ci-dessous, ou reformulez votre question en quelques mots.`
    : 'Sinon, reformulez votre question en quelques mots.';
  return {
    ...answer,
    answer: `${answer.answer}\n\n${elsewhere}`,
    others: rest.map((t) => ({ topic: t.id, title: t.title, url: topicUrl(t.id) })),
  };
}

/** « Je ne suis pas sûr » and the likeliest topics to choose from, as links (buttons in the widget), `fallback`'s sources beside. */
export function choiceOf(phone: string, topics: Topic[], fallback: Topic, masked: AskedMasked): AssistantAnswer {
  const titles = topics.map((t) => `« ${t.title} »`);
  const paragraphs = [
    ...(masked.found.length ? [MASKED_WARNING] : []),
    `Je ne suis pas sûr de ce que vous demandez. Votre question porte-t-elle sur ${titles.slice(0, -1).join(', ')} ou ${titles.at(-1)} ? Choisissez le sujet ci-dessous.`,
    'Sinon, reformulez votre question en quelques mots, ou appelez votre Caf au {telephone} ou utilisez « Contacter ma Caf » sur caf.fr.',
  ];
  return {
    answer: paragraphs.join('\n\n').replaceAll('{telephone}', phone),
    topic: fallback.id,
    confidence: 0,
    sources: fallback.sources,
    handover: true,
    others: topics.map((t) => ({ topic: t.id, title: t.title, url: topicUrl(t.id) })),
    choices: true,
    maskedQuestion: masked.text,
    masked: masked.found,
  };
}

/**
 * The emergency numbers of every kind of distress named (`urgent`, the most urgent first, each number once), then the
 * answer to the question asked beside it, if any: said to be only the closest one when found below `HEDGE_CONFIDENCE`.
 */
export function distressAnswer(phone: string, urgent: Topic[], asked: Pick | undefined, masked: AskedMasked): AssistantAnswer {
  const first = compose(phone, { topic: urgent[0]!, confidence: 1 }, [], masked);
  const seen = new Set<string>();
  const numbers = urgent.flatMap((t) => t.answer).filter((p) => !seen.has(p) && !!seen.add(p));
  // The question beside the distress is searched in what is left of the message: a weak match is
  // said to be only the closest answer.
  const doubt = !!asked && asked.confidence < HEDGE_CONFIDENCE;
  const lead = doubt
    ? `Pour votre question, je ne suis pas sûr d’avoir bien compris ; voici la réponse qui me semble la plus proche (« ${asked!.topic.title} ») :`
    : `Pour votre question (« ${asked?.topic.title} ») :`;
  const paragraphs = [...numbers, ...(asked ? [lead, ...answerFor(asked.topic, masked)] : [])].map((p) =>
    p.replaceAll('{telephone}', phone),
  );
  return {
    ...first,
    answer: [...paragraphs.slice(0, 1), ...(masked.found.length ? [MASKED_WARNING] : []), ...paragraphs.slice(1)].join('\n\n'),
    others: asked ? [{ topic: asked.topic.id, title: asked.topic.title, url: topicUrl(asked.topic.id) }] : [],
  };
}
