import type { FieldError } from '../../errors/app-error';
import { errorFor, errorSummary, form, insetText, type Errors } from '../../http/views/components';
import { html, type SafeHtml } from '../../http/views/html';
import { layout } from '../../http/views/layout';
import type { AssistantAnswer } from '../../assistant/assistant';
import type { Topic } from '../../assistant/knowledge';
import type { AssistantStep } from '../../assistant/steps';
import { ASSISTANT_PAGE } from '../../http/views/assistant-widget';
import { dataNotice } from '../../http/views/data-notice';

/**
 * /aide/assistant: the assistant without JavaScript. A form; the answer shown on the page above it,
 * with its sources and the other questions of the message as links; the topics as a list.
 */
export interface AssistantPageView {
  csrfToken: string;
  user: { displayName: string } | undefined;
  step: AssistantStep | undefined;
  agencyPhone: string;
  topics: readonly Topic[];
  /** the question as it may be shown back: masked */
  question?: string;
  answer?: AssistantAnswer;
  errors?: FieldError[];
  /** the questions asked before on this page, oldest first: shown, and carried by the form (kept on reload) */
  history?: Exchange[];
  /** the questions offered before anything is typed (the step's topics) */
  suggestions?: readonly Topic[];
}

/** One exchange of the conversation: the question as it may be shown (masked) and the topic answered. */
export interface Exchange {
  question: string;
  topic: string;
  title: string;
}

/** How an exchange travels in the form: `topic|question`. */
export function exchangeValue(e: Pick<Exchange, 'question' | 'topic'>): string {
  return `${e.topic}|${e.question}`;
}

export function assistantPage(v: AssistantPageView): SafeHtml {
  return layout(
    {
      title: v.answer ? 'Réponse de l’assistant' : 'L’assistant de Mon Compte',
      hasErrors: !!v.errors?.length,
      user: v.user,
      assistant: false,
    },
    html`${errorSummary(v.errors)}
<h1 class="govuk-heading-l">L’assistant de Mon Compte</h1>
${v.history?.length ? historyBlock(v.history, v.step) : ''}
${v.answer ? answerBlock(v.answer, v.question) : html`<p class="govuk-body">Posez votre question sur la création de votre compte, la connexion, la sécurité, votre foyer ou vos démarches. L’assistant répond à partir des pages d’aide de Mon Compte et de la Caf ; il ne voit pas votre dossier.</p>`}
${!v.answer && v.suggestions?.length ? suggestionsBlock(v.suggestions, v.step) : ''}
${questionForm(v)}
<h2 class="govuk-heading-m">Les sujets de l’assistant</h2>
<ul class="govuk-list">
  ${v.topics.filter((t) => t.indexed).map((t) => html`<li><a class="govuk-link" href="${topicHref(t.id, v.step)}">${t.title}</a></li>`)}
</ul>
<p class="govuk-body">Pour parler à quelqu’un : votre Caf au <strong>${v.agencyPhone}</strong> (service gratuit + prix d’un appel), ou « Contacter ma Caf » sur caf.fr.</p>`,
  );
}

function topicHref(id: string, step: AssistantStep | undefined): string {
  return `${ASSISTANT_PAGE}?sujet=${encodeURIComponent(id)}${step ? `&etape=${step}` : ''}`;
}

function historyBlock(history: readonly Exchange[], step: AssistantStep | undefined): SafeHtml {
  return html`<section class="mc-assistant-history" aria-labelledby="conversation">
  <h2 class="govuk-heading-m" id="conversation">Vos questions précédentes</h2>
  <ol class="govuk-list govuk-list--number">
    ${history.map((e) => html`<li>« ${e.question} » : <a class="govuk-link" href="${topicHref(e.topic, step)}">${e.title}</a></li>`)}
  </ol>
</section>`;
}

function suggestionsBlock(suggestions: readonly Topic[], step: AssistantStep | undefined): SafeHtml {
  return html`<h2 class="govuk-heading-m" id="suggestions">${step ? 'Les questions fréquentes à cette étape' : 'Les questions fréquentes'}</h2>
<ul class="govuk-list" aria-labelledby="suggestions">
  ${suggestions.map((t) => html`<li><a class="govuk-link" href="${topicHref(t.id, step)}">${t.title}</a></li>`)}
</ul>`;
}

function answerBlock(a: AssistantAnswer, question: string | undefined): SafeHtml {
  return html`<section class="mc-assistant-answer" aria-labelledby="reponse">
  <h2 class="govuk-heading-m" id="reponse" tabindex="-1">Réponse</h2>
  ${question ? html`<p class="govuk-body govuk-!-font-weight-bold">Votre question : « ${question} »</p>` : ''}
  ${a.answer.split('\n\n').map((p) => html`<p class="govuk-body">${p}</p>`)}
  ${a.others.length ? html`<h3 class="govuk-heading-s">${a.choices ? 'Choisissez votre sujet' : 'Vos autres questions'}</h3><ul class="govuk-list">${a.others.map((o) => html`<li><a class="govuk-link" href="${o.url}">${o.title}</a></li>`)}</ul>` : ''}
  <h3 class="govuk-heading-s">Pour en savoir plus</h3>
  <ul class="govuk-list">${a.sources.map((s) => html`<li><a class="govuk-link" href="${s.url}">${s.title}</a></li>`)}</ul>
  ${a.handover ? insetText(html`Besoin d’aide pour votre situation ? Appelez votre Caf ou utilisez « Contacter ma Caf » sur caf.fr.`) : ''}
</section>`;
}

/** What the next question carries: the exchanges so far, this answer included. */
function carried(v: AssistantPageView): Pick<Exchange, 'question' | 'topic'>[] {
  const all = [...(v.history ?? []), ...(v.answer && v.question ? [{ question: v.question, topic: v.answer.topic }] : [])];
  return all.slice(-MAX_HISTORY);
}

/** The exchanges a page keeps. */
export const MAX_HISTORY = 5;

function questionForm(v: AssistantPageView): SafeHtml {
  const e = errorFor(v.errors as Errors, 'question');
  return form(
    { action: `${ASSISTANT_PAGE}#reponse`, csrfToken: v.csrfToken },
    html`${v.step ? html`<input type="hidden" name="etape" value="${v.step}">` : ''}
${carried(v).map((e) => html`<input type="hidden" name="historique" value="${exchangeValue(e)}">`)}
<div class="govuk-form-group${e ? ' govuk-form-group--error' : ''}">
  <h2 class="govuk-label-wrapper"><label class="govuk-label govuk-label--m" for="question">${v.answer ? 'Une autre question ?' : 'Votre question'}</label></h2>
  <div id="question-hint" class="govuk-hint">En quelques mots, 500 caractères au plus. N’écrivez jamais votre numéro de sécurité sociale, votre mot de passe ni un code.</div>
  ${e ? html`<p id="question-error" class="govuk-error-message"><span class="govuk-visually-hidden">Erreur :</span> ${e.message}</p>` : ''}
  <textarea class="govuk-textarea${e ? ' govuk-textarea--error' : ''}" id="question" name="question" rows="3" aria-describedby="question-hint${e ? ' question-error' : ''}">${e ? (v.question ?? '') : ''}</textarea>
</div>
${dataNotice('messages')}
<button type="submit" class="govuk-button" data-module="govuk-button">Poser la question</button>`,
  );
}
