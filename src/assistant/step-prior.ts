import { HEDGE_CONFIDENCE, type Pick } from './compose';
import type { Topic } from './knowledge';
import { plainTerms } from './matches';
import type { Match, TopicIndex } from './retrieval';
import { STEP_TOPICS, type AssistantStep } from './steps';

/**
 * The step prior (issue 23: « the step is a strong prior »): how the page the person is on weighs on the topic the
 * assistant chooses (`assistant.ts` asks these rules). The step's own topic of each step and what « j'en ai pas »
 * means there are in `steps.ts`; the search already weighs the step's topics more (`retrieval.ts`).
 */

/** The steps of the registration's forms, where a message is about the field in front of the person. */
export const FORM_STEPS: ReadonlySet<AssistantStep> = new Set<AssistantStep>([
  'etat-civil',
  'titre-identite',
  'contact',
  'code',
  'mot-de-passe',
]);

/**
 * On these steps a choice the step's own topic is among is answered by that topic, said to be only the closest
 * one (with the human contact), the other topics as links: there most questions are about the step's own topic
 * (the recap, where to start, logging in, following a démarche, FranceConnect, a forgotten password). Chosen on the
 * tuning « a » halves, checked on `t6b`, `t7b` and the held-out totals (right up on each, wrong unchanged); on every
 * step, `t6b` and two held-out sets lost. FranceConnect and the forgotten password since: the b-halves one more right.
 */
const OWN_FIRST: ReadonlySet<AssistantStep> = new Set<AssistantStep>([
  'recapitulatif',
  'accueil',
  'connexion',
  'demarches',
  'franceconnect',
  'mot-de-passe-oublie',
]);

/** An on-step topic scoring at least this share of an off-step one is preferred, unless the question names the other. */
const STEP_PRIOR_REACH = 0.3;
/** The confidence kept by an on-step topic preferred that way (before the classifier's lift). */
export const STEP_PRIOR = 0.9;
/** Below it, on a step, the guess is offered as a choice beside the step's own topic rather than answered. */
const WEAK_CONFIDENCE = 0.3;
/** Below it, on a step, a topic of another step is offered as a choice beside the step's own topic rather than answered. */
export const OFF_STEP_SURE = 0.6;
/** On the person's step, two of its topics are put to a choice only when this close. */
const ON_STEP_CHOICE_REACH = 0.9;

/** The step's own topic: the answer to a vague message sent from it. */
export function ownTopic(index: TopicIndex, step: AssistantStep | undefined): Topic | undefined {
  return step ? index.topic(STEP_TOPICS[step]) : undefined;
}

/**
 * A topic of the person's step, found among the close matches, wins over a better-scored topic of another step unless
 * the question names that other topic (a word of its title or keywords the step's topic does not have).
 */
export function preferredOnStep(index: TopicIndex, matches: Match[], step: AssistantStep | undefined): Match | undefined {
  const best = matches[0];
  if (!best || !step || best.topic.steps.includes(step)) return undefined;
  const candidate = matches.find((m) => m.topic.steps.includes(step));
  if (!candidate || candidate.score < best.score * STEP_PRIOR_REACH) return undefined;
  return index.namesBeyond(best, candidate) ? undefined : candidate;
}

/**
 * Whether a guess is offered beside the step's own topic rather than answered: a weak one (`weak`, when nothing was
 * found surely), or one of another step found below `OFF_STEP_SURE` when nothing else in the message is clear.
 */
export function offeredBeside(guess: Pick | undefined, own: Topic | undefined, step: AssistantStep | undefined, weak: boolean): boolean {
  if (!guess || !own || !step || guess.topic.id === own.id) return false;
  return weak ? guess.confidence < WEAK_CONFIDENCE : !guess.topic.steps.includes(step) && guess.confidence < OFF_STEP_SURE;
}

/** A topic of the step found unsurely (said to be only the closest one): the search's close topics are linked beside it. */
export function unsureOnStep(main: Pick, step: AssistantStep | undefined): boolean {
  return !!step && main.topic.steps.includes(step) && main.confidence < HEDGE_CONFIDENCE;
}

/** On a registration form, a message in which no topic is found: the step's own topic, as the closest answer. */
export function formFallback(index: TopicIndex, text: string, step: AssistantStep | undefined): Pick | undefined {
  if (!step || !FORM_STEPS.has(step) || plainTerms(index, text).length === 0) return undefined;
  return { topic: index.topic(STEP_TOPICS[step])!, confidence: 0.5 };
}

/** Whether the search's best match is answered rather than put to a choice: the step's own topic, or a topic of the step no other of the step comes close to. */
export function answeredOnStep(best: Match, next: Match | undefined, step: AssistantStep | undefined): boolean {
  if (!step) return false;
  const onStep = (m: Match | undefined) => !!m?.topic.steps.includes(step);
  if (best.topic.id === STEP_TOPICS[step]) return true;
  return onStep(best) && !(onStep(next) && next!.score >= best.score * ON_STEP_CHOICE_REACH);
}

/** On a step, its own topic is always one of the choices (in place of the third, or added). */
export function withOwnChoice(choices: Topic[], own: Topic | undefined): Topic[] {
  if (!own || choices.length < 2 || choices.includes(own)) return choices;
  return [...choices.slice(0, 2), own];
}

/**
 * Of topics put to a choice, the one answered as the closest, the others linked: the step's own topic on a step whose
 * questions are mostly about it (`OWN_FIRST`); on a form, among the search's close topics (`among`), the step's own
 * topic, else its likeliest one.
 */
export function closestOnStep(topics: Topic[], step: AssistantStep | undefined, among: boolean): Topic | undefined {
  if (!step) return undefined;
  const own = topics.find((t) => t.id === STEP_TOPICS[step]);
  if (OWN_FIRST.has(step)) return own;
  if (!among || !FORM_STEPS.has(step)) return undefined;
  return own ?? topics.find((t) => t.steps.includes(step));
}

/** On a form, the classifier's preference among close topics is answered only when it is a topic of the step. */
export function fitsForm(topic: Topic, step: AssistantStep | undefined): boolean {
  return !step || !FORM_STEPS.has(step) || topic.steps.includes(step);
}
