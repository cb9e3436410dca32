import { withBirthCountry } from './birthplace';
import { distressesOf, isImmediate, tellsARefusal } from './distress';
import { isFrustrated } from './frustration';
import type { Topic } from './knowledge';
import { mask } from './masking';
import { NEGATED } from './analyser';
import { questionOf } from './focus';
import {
  ASK_TOPIC,
  asksTwice,
  confidenceOf,
  dedupe,
  isPrestation,
  onStepWords,
  ourKnowledge,
  plainTerms,
  rivalOf,
  splitQuestions,
} from './matches';
import { asksAsHoldersPartner, asksMemberAccess, ownClauses } from './others-file';
import { type Match, plainMatched, TopicIndex } from './retrieval';
import { SOMEONE_ELSE_TOPIC, safetyOf } from './screening';
import { asksStatusMeaning, STATUS_TOPIC } from './statuses';
import type { AssistantAnswer } from './answer';
import {
  type AskedMasked,
  answeredOf,
  CALM,
  choiceOf,
  closestOf,
  compose,
  distressAnswer,
  HEDGE_CONFIDENCE,
  MIN_CONFIDENCE,
  type Pick,
  RESOLVED_CONFIDENCE,
} from './compose';
import {
  asksAssistantForCode,
  asksForAmount,
  documentOutOfReach,
  isVague,
  namesAnother,
  namesForeignDocument,
  saysLacksIt,
  wantsToCorrect,
} from './safety';
import {
  answeredOnStep,
  closestOnStep,
  fitsForm,
  formFallback,
  OFF_STEP_SURE,
  offeredBeside,
  ownTopic,
  preferredOnStep,
  STEP_PRIOR,
  unsureOnStep,
  withOwnChoice,
} from './step-prior';
import { STEP_LACKS, STEP_TOPICS, type AssistantStep } from './steps';
import { blend, clear, disputed, lift, resolve, type BlendTuning } from './topics/blend';
import { topicProbabilities, type TopicProbabilities } from './topics/model';

/**
 * L'assistant: a question in French → the topic most likely to help, its answer, its sources, and
 * whether to hand over to a person. Never sees a NIR, a password or a code: the question is masked
 * first, and only the masked text goes further (search, logs, the page that shows it back).
 */
export type { AssistantAnswer, OtherTopic, Source } from './answer';
export { HEDGE_CONFIDENCE, MIN_CONFIDENCE } from './compose';

/** Below it a topic is only a guess: offered to choose from rather than answered, when there are close ones. */
const SURE_CONFIDENCE = 0.5;
/**
 * Below it — the share of the message's words its best topic explains — the answer is also given as
 * « the closest one »: chosen on v1, `v2a` and `t3a`, checked on `v2b` (wrong 7.8 → 4.7 %) and `t3b` (unchanged).
 */
export const MIN_COVERAGE = 0.5;
const MAX_OTHERS = 3;
/** Unsure, the topics scoring at least this share of the best one are offered to choose from. */
const CHOICE_REACH = 0.6;

export const FALLBACK_TOPIC = 'inconnu';
const ASSISTANT_TOPIC = 'assistant';
const AMOUNT_TOPIC = 'montant';
const FRUSTRATION_TOPIC = 'frustration';
const CODE_ASKED_TOPIC = 'code-par-l-assistant';
const OFF_TOPIC = 'hors-sujet';
const PARTNER_TOPIC = 'conjoint-procuration';
const MEMBER_TOPIC = 'enfant-personne-a-charge';
const DISTRESS_TOPICS = ['urgence-suicide', 'urgence-medicale', 'urgence-violence', 'urgence-enfant', 'urgence-hebergement'];

export class Assistant {
  private readonly index: TopicIndex;
  readonly topics: Topic[];

  /**
   * `classifier: false` leaves safety to the rules alone (to measure what the classifier adds:
   * `score.ts --no-classifier`); `topicClassifier: false` leaves topics to the search alone
   * (`score.ts --no-topic-classifier`). `topicModel` and `blendTuning` replace the topic classifier trained
   * ahead of time and the figures of its blend with the search (to score another one: `scripts/cv-topic-classifier.ts`).
   */
  constructor(
    private readonly o: {
      agencyPhone: string;
      topics?: Topic[];
      classifier?: boolean;
      topicClassifier?: boolean;
      topicModel?: TopicProbabilities;
      blendTuning?: Partial<BlendTuning>;
    },
  ) {
    const built = o.topics ? { topics: o.topics, index: new TopicIndex(o.topics) } : ourKnowledge();
    this.topics = built.topics;
    this.index = built.index;
    for (const id of [
      FALLBACK_TOPIC,
      SOMEONE_ELSE_TOPIC,
      ASSISTANT_TOPIC,
      AMOUNT_TOPIC,
      FRUSTRATION_TOPIC,
      CODE_ASKED_TOPIC,
      STATUS_TOPIC,
      OFF_TOPIC,
      ...DISTRESS_TOPICS,
      ...Object.values(STEP_TOPICS),
    ]) {
      if (!this.index.topic(id)) throw new Error(`knowledge: topic « ${id} » is missing`);
    }
  }

  topic(id: string): Topic | undefined {
    return this.index.topic(id);
  }

  /** The share of a (masked) message's words its best topic explains; 1 when nothing is found. */
  coverage(text: string, step?: AssistantStep): number {
    return this.index.find(this.index.terms(text), step)[0]?.coverage ?? 1;
  }

  ask(question: string, step?: AssistantStep): AssistantAnswer {
    // The step goes with the message: a topic's answer may depend on it (the login's code is not the registration's).
    const masked: AskedMasked = { ...mask(question), step };
    // Safety first: a person in danger gets the emergency numbers before anything else.
    const { distress, othersData } = safetyOf(masked.text, this.o.classifier !== false);
    if (distress.length)
      return this.inDistress(
        distress.map((k) => this.index.topic(k)!),
        masked,
        step,
        othersData,
      );
    // An angry message is searched without its clauses that only vent (« bande d'incompétents »); a long
    // one in the clauses that ask, when they name a topic surely.
    const text = this.focus(this.withoutVenting(onStepWords(masked.text, step), step), step, othersData);
    // A refusal of someone else's data, and the person's own question beside it answered after it, when found surely.
    const asked = othersData ? this.picks(ownClauses(masked.text, namesAnother), step, false)[0] : undefined;
    // The holder's partner asking what they may ask for or manage, or a child over 15 or a dependent asking about their own
    // access: that role's answer first.
    const partner = othersData
      ? []
      : asksAsHoldersPartner(masked.text)
        ? [{ topic: this.index.topic(PARTNER_TOPIC)!, confidence: 0.9 }]
        : asksMemberAccess(masked.text)
          ? [{ topic: this.index.topic(MEMBER_TOPIC)!, confidence: 0.9 }]
          : [];
    const picks = [...partner, ...this.picks(text, step, othersData), ...(asked && asked.confidence >= SURE_CONFIDENCE ? [asked] : [])];
    const sure = picks.find((p) => p.confidence >= SURE_CONFIDENCE);
    if (isFrustrated(masked.text)) {
      // A calm word first, then the answer to the question — or the step's own topic, which is what
      // blocks a person who is angry on a step — and the calm topic alone when there is neither.
      const calm = this.index.topic(FRUSTRATION_TOPIC)!;
      const own = ownTopic(this.index, step);
      const main = sure ?? picks[0] ?? (own ? { topic: own, confidence: 0.5 } : undefined);
      return main
        ? compose(this.o.agencyPhone, main, dedupe(picks, main.topic.id).slice(0, MAX_OTHERS), masked, [CALM])
        : compose(this.o.agencyPhone, { topic: calm, confidence: 1 }, [], masked);
    }
    // A message about something else than Mon Compte (another service's opening hours, the weather): said so on every
    // step, even found unsurely — never the step's own topic, which would answer what was not asked.
    const alone = picks.length === 1 ? picks[0]! : undefined;
    if (alone?.topic.id === OFF_TOPIC) return compose(this.o.agencyPhone, alone, [], masked);
    const own = ownTopic(this.index, step);
    if (!sure) {
      const choices = this.choices(text, step);
      if (choices.length >= 2) return this.offer(choices, masked, step, true);
      // A weak guess is not given as an answer: it is offered beside the step's own topic.
      if (offeredBeside(picks[0], own, step, true)) return this.offer([picks[0]!.topic, own!], masked, step);
    }
    // A message that also asks another question clearly is answered in order, the first said to be a guess (even below
    // SURE_CONFIDENCE: the clear one follows it, answered).
    const inOrder = picks.length > 1 && picks.slice(1).some((p) => p.confidence >= OFF_STEP_SURE);
    const guess = inOrder ? picks[0] : (sure ?? picks[0]);
    // The step is a strong prior: another step's topic is answered only when the question names it clearly; found less
    // surely, and nothing else in the message clear, it is offered beside the step's own topic.
    const another = picks.some((p) => p !== guess && p.confidence >= OFF_STEP_SURE);
    if (!another && offeredBeside(guess, own, step, false)) return this.offer([guess!.topic, own!], masked, step);
    const found = guess ?? formFallback(this.index, text, step) ?? { topic: this.index.topic(FALLBACK_TOPIC)!, confidence: 0 };
    // A topic the search and the classifier agree on, explaining most of the message, is answered as sure (not hedged).
    const main = this.isClear(found, masked.text, step) ? { ...found, confidence: Math.max(found.confidence, HEDGE_CONFIDENCE) } : found;
    const others = dedupe(picks, main.topic.id).slice(0, MAX_OTHERS);
    // A topic of the step found unsurely, nothing else asked: answered as the closest one, the search's close topics linked.
    const close = others.length === 0 && unsureOnStep(main, step) ? this.closeTo(main.topic.id, text, step) : [];
    if (close.length) return closestOf(this.o.agencyPhone, withBirthCountry(main, masked.text).topic, [main.topic, ...close], masked);
    // Half the message's words or more explained by no topic: the answer is only the closest one. The
    // whole message counts, even when its clauses that ask were searched: a long story answered from
    // one of its sentences is said to be only the closest answer (wrong → unsure on `v2b`, no right lost).
    const tuning = this.o.blendTuning;
    const doubt = this.coverage(masked.text, step) < (tuning?.minCoverage ?? MIN_COVERAGE) || main.confidence < (tuning?.hedge ?? 0);
    // In a message that asks two things, the topic of its other question, answered after this one, is no rival to it.
    const besides = asksTwice(masked.text) ? answeredOf(others).map((p) => p.topic.id) : [];
    const doubted = doubt || this.disputes(main.topic, main.confidence, masked.text, step, besides);
    return compose(this.o.agencyPhone, withBirthCountry(main, masked.text), others, masked, [], doubted);
  }

  /**
   * An angry message without its clauses that only vent — angry words and nothing the search finds
   * (« c'est toujours quand on en a besoin », « vous vous foutez de qui ? ») —: their words would pull
   * the search away from what the person needs. A message that only vents is kept whole.
   */
  private withoutVenting(text: string, step: AssistantStep | undefined): string {
    if (!isFrustrated(text)) return text;
    const clauses = text.split(/(?<=[.?!;,\n])/);
    const vents = (c: string) => isFrustrated(c) && !this.best(this.index.terms(c), step);
    const kept = clauses.filter((c) => !vents(c)).join('');
    return kept.trim() ? kept : text;
  }

  /** A long message's clauses that ask, when a topic is found in them surely; else the whole message. */
  private focus(text: string, step: AssistantStep | undefined, othersData: boolean): string {
    const asking = questionOf(text);
    if (!asking) return text;
    return this.picks(asking, step, othersData).some((p) => p.confidence >= SURE_CONFIDENCE) ? asking : text;
  }

  /**
   * The emergency numbers of every kind of distress the message names, the most urgent first; then,
   * unless the danger is immediate (a medical emergency, a suicide being acted on), the answer to the
   * question the person also asked — a person in distress who asks about a code still needs the code.
   */
  private inDistress(urgent: Topic[], masked: AskedMasked, step: AssistantStep | undefined, othersData: boolean): AssistantAnswer {
    const kinds = urgent.map((t) => t.id) as Parameters<typeof isImmediate>[0];
    const asked = isImmediate(kinds, masked.text) ? undefined : this.askedBeside(masked.text, step, othersData);
    return distressAnswer(this.o.agencyPhone, urgent, asked, masked);
  }

  /**
   * The question asked beside a distress: searched without the sentences that say the distress (their
   * words — « mourir », « frappe » — would pull the search away), and on a step, that step's own
   * topic when the rest names none.
   */
  private askedBeside(text: string, step: AssistantStep | undefined, othersData: boolean): Pick | undefined {
    const sentences = text.split(/(?<=[.?!;,\n])|(?=\s(?:et|mais|sinon)\s)/);
    const rest = sentences.filter((s) => distressesOf(s).length === 0).join(' ');
    if (!rest.trim()) return undefined;
    // A document kept by the person who threatens them, on the identity-document step: going on without it.
    if (step === 'titre-identite' && documentOutOfReach(text) && STEP_LACKS[step])
      return { topic: this.index.topic(STEP_LACKS[step])!, confidence: 0.8 };
    // A request refused, told beside the distress: the way to contest it.
    if (tellsARefusal(rest)) return { topic: this.index.topic('contester-decision')!, confidence: 0.8 };
    const found = this.picks(rest, step, othersData).find((p) => p.confidence >= MIN_CONFIDENCE);
    if (found) return found;
    const own = ownTopic(this.index, step);
    return own && plainTerms(this.index, rest).length > 0 ? { topic: own, confidence: 0.5 } : undefined;
  }

  /**
   * The search's topics close to its best one, other than `id`, that fit the message: a topic of the person's step, or
   * one the message names (a word of its title or keywords) — not a topic of another page that only shares a word, nor,
   * for a vague message (« ça bloque »), one of another page that only shares its vague word.
   */
  private closeTo(id: string, text: string, step: AssistantStep | undefined): Topic[] {
    const found = this.index.find(this.index.terms(text), step);
    const best = found[0]?.score ?? 0;
    const vague = isVague(text);
    const fits = (m: Match) => (!!step && m.topic.steps.includes(step) && plainMatched(m).length > 0) || (!vague && this.index.names(m));
    return found
      .filter((m) => m.topic.id !== id && m.score >= best * CHOICE_REACH && fits(m))
      .slice(0, MAX_OTHERS)
      .map((m) => m.topic);
  }

  /** The two or three likeliest topics of the whole message, when they are close to each other and the step does not answer. */
  private choices(text: string, step: AssistantStep | undefined): Topic[] {
    const found = this.index.find(this.index.terms(text), step);
    const best = found[0];
    if (!best) return [];
    // A prestation's topic says how to ask for it: the general topic is no rival to it.
    const matches = [best, ...found.slice(1).filter((m) => m !== best && !(m.topic.id === ASK_TOPIC && isPrestation(best)))];
    if (answeredOnStep(best, matches[1], step)) return [];
    const likeliest = matches
      .filter((m) => m.score >= best.score * CHOICE_REACH)
      .slice(0, MAX_OTHERS)
      .map((m) => m.topic);
    return withOwnChoice(likeliest, ownTopic(this.index, step));
  }

  /**
   * « Je ne suis pas sûr » and the likeliest topics, as links (buttons in the widget), rather than a wrong answer.
   * `among`: the topics are the search's close ones (not a guess offered beside the step's own topic).
   */
  private offer(topics: Topic[], masked: AskedMasked, step: AssistantStep | undefined, among = false): AssistantAnswer {
    // Topics the search cannot tell apart: the classifier's clear preference is answered, as the closest one.
    // On a registration form, the message is about the field in front of the person: not another step's topic.
    const resolved = resolve(topics, this.likely(masked.text, step), this.o.blendTuning);
    if (resolved && fitsForm(resolved, step))
      return compose(this.o.agencyPhone, { topic: resolved, confidence: RESOLVED_CONFIDENCE }, [], masked);
    // Else the step may say which is the closest answer (`step-prior.ts`); the others stay as links.
    const closest = closestOnStep(topics, step, among);
    if (closest) return closestOf(this.o.agencyPhone, closest, topics, masked);
    return choiceOf(this.o.agencyPhone, topics, this.index.topic(FALLBACK_TOPIC)!, masked);
  }

  /** A topic's answer as such (a link to it was followed). */
  answerOf(topic: Topic): AssistantAnswer {
    return compose(this.o.agencyPhone, { topic, confidence: 1 }, [], { text: '', found: [] });
  }

  /** The topics asked about, in the order they were asked: one or two per part of the message. */
  private picks(text: string, step: AssistantStep | undefined, othersData: boolean): Pick[] {
    if (othersData) return [{ topic: this.index.topic(SOMEONE_ELSE_TOPIC)!, confidence: 1 }];
    const parts = splitQuestions(text);
    const picks = parts.flatMap((part) => this.pickPart(part, step, parts.length === 1));
    return picks.length === 0 && parts.length > 1 ? this.pickPart(text, step, true) : picks;
  }

  /** The best topic of one part, then — when enough of its words are left unexplained — the topic of those words. */
  private pickPart(text: string, step: AssistantStep | undefined, whole = true): Pick[] {
    if (asksForAmount(text)) return [{ topic: this.index.topic(AMOUNT_TOPIC)!, confidence: 0.9 }];
    // « Vous pouvez me le donner ? » about the code: the assistant never sees one; where it is sent, how to get another.
    if (asksAssistantForCode(text, step)) return [{ topic: this.index.topic(CODE_ASKED_TOPIC)!, confidence: 0.9 }];
    // What a démarche's status means: the statuses, whatever prestation the message names.
    if (asksStatusMeaning(text)) return [{ topic: this.index.topic(STATUS_TOPIC)!, confidence: 0.9 }];
    const lacks = step && STEP_LACKS[step];
    if (lacks && saysLacksIt(text) && plainTerms(this.index, text).length <= 2)
      return [{ topic: this.index.topic(lacks)!, confidence: 0.8 }];
    // On the identity-document step, a document of another country is a missing French one, and so is one out of reach.
    if (lacks && step === 'titre-identite' && (namesForeignDocument(text) || documentOutOfReach(text)))
      return [{ topic: this.index.topic(lacks)!, confidence: 0.8 }];
    // On the recap, a field entered wrong — whichever step asked it — is corrected from the recap.
    if (step === 'recapitulatif' && wantsToCorrect(text)) return [{ topic: ownTopic(this.index, step)!, confidence: 0.8 }];
    if (isVague(text)) return whole ? [{ topic: ownTopic(this.index, step) ?? this.index.topic(ASSISTANT_TOPIC)!, confidence: 0.5 }] : [];
    const terms = this.index.terms(text);
    const first = this.best(terms, step, this.likely(text, step));
    if (!first) return [];
    const rest = terms.filter((t) => !first.matched.includes(t) && t !== 'pas');
    // The words left unexplained name a second topic only once the first one is clear, and only when they are two words
    // or more — a word and its negation (« ça marche pas »: marche, ¬marche) are one, which says the first does not work.
    const words = new Set(rest.map((t) => (t.startsWith(NEGATED) ? t.slice(NEGATED.length) : t)));
    const second = words.size >= 2 && first.pick.confidence >= SURE_CONFIDENCE ? this.best(rest, step) : undefined;
    return second && second.pick.confidence >= SURE_CONFIDENCE && second.pick.topic.id !== first.pick.topic.id
      ? [first.pick, second.pick]
      : [first.pick];
  }

  /**
   * Whether the search's first topic for a (masked) message, or the classifier's, is another than the
   * topic answered, found not surely enough to outweigh that (`topics/blend.ts`): the answer is then only
   * « the closest one ». Only a topic the search can find is disputed (not a refusal, nor distress); `besides`, the topics of
   * the message's other questions answered after it, are no rivals.
   */
  disputes(topic: Topic, confidence: number, text: string, step?: AssistantStep, besides: string[] = []): boolean {
    if (!topic.indexed) return false;
    const first = this.index.find(this.index.terms(text), step)[0];
    return disputed(
      topic.id,
      { searchFirst: first?.topic.id, likely: this.likely(text, step), confidence, coverage: first?.coverage ?? 1, besides },
      this.o.blendTuning,
    );
  }

  /** Whether a topic chosen for a (masked) message is clear (`topics/blend.ts`): never put in doubt, even found below `HEDGE_CONFIDENCE`. */
  private isClear(main: Pick, text: string, step: AssistantStep | undefined): boolean {
    if (!main.topic.indexed || main.confidence >= HEDGE_CONFIDENCE) return false;
    const first = this.index.find(this.index.terms(text), step)[0];
    return clear(
      main.topic.id,
      { searchFirst: first?.topic.id, likely: this.likely(text, step), coverage: first?.coverage ?? 0 },
      this.o.blendTuning,
    );
  }

  /** The topic classifier's probability of each topic for a text (`topics/`), unless left out. */
  private likely(text: string, step: AssistantStep | undefined): Map<string, number> | undefined {
    if (this.o.topicClassifier === false) return undefined;
    return (this.o.topicModel ?? topicProbabilities)(text, step);
  }

  private best(
    terms: string[],
    step: AssistantStep | undefined,
    likely?: Map<string, number>,
  ): { pick: Pick; matched: string[] } | undefined {
    const matches = blend(this.index.find(terms, step), likely, this.o.blendTuning);
    const best = matches[0];
    if (!best) return undefined;
    // The step is a strong prior: a topic of the step close enough is preferred unless the question names the other.
    const onStep = preferredOnStep(this.index, matches, step);
    if (onStep) {
      const confidence = lift(confidenceOf(onStep, undefined) * STEP_PRIOR, likely?.get(onStep.topic.id));
      if (confidence >= MIN_CONFIDENCE) return { pick: { topic: onStep.topic, confidence }, matched: onStep.matched };
    }
    const confidence = lift(confidenceOf(best, rivalOf(best, matches)), likely?.get(best.topic.id));
    return confidence >= MIN_CONFIDENCE ? { pick: { topic: best.topic, confidence }, matched: best.matched } : undefined;
  }
}

export { splitQuestions };
