import type { MaskedKind } from './masking';

/** What the assistant answers to one message (`Assistant.ask`), as the page, the widget and the JSON route show it. */
export interface Source {
  title: string;
  url: string;
}

export interface OtherTopic {
  topic: string;
  title: string;
  url: string;
}

export interface AssistantAnswer {
  answer: string;
  topic: string;
  /** 0–1: how sure the assistant is that the topic is the one asked about */
  confidence: number;
  sources: Source[];
  handover: boolean;
  /** the other questions of the same message, as links — or, when `choices`, the likeliest topics to choose from */
  others: OtherTopic[];
  /** unsure between topics: the answer asks which one, and `others` are the choices */
  choices: boolean;
  /** the question with numbers, codes and secrets masked: the only form of it kept or shown */
  maskedQuestion: string;
  masked: MaskedKind[];
}

/** The help page's address of a topic, the link of a choice or of another question. */
export function topicUrl(id: string): string {
  return `/aide/assistant?sujet=${encodeURIComponent(id)}`;
}
