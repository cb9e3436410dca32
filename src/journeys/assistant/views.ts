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
${v.answer ? answerBlock(v.answer, v.question) : html`<p class="govuk-body">Posez votre question sur la création de votre compte, la connexion, la sécurité, votre foyer ou vos démarches. L’assistant répond à partir des pages d’aide de Mon Compte et de la Caf ; il ne voit pas votre dossier.</p>`}
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

function questionForm(v: AssistantPageView): SafeHtml {
  const e = errorFor(v.errors as Errors, 'question');
  return form(
    { action: `${ASSISTANT_PAGE}#reponse`, csrfToken: v.csrfToken },
    html`${v.step ? html`<input type="hidden" name="etape" value="${v.step}">` : ''}
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
