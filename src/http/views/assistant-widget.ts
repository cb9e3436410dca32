import { assetUrl } from '../assets';
import { html, type SafeHtml } from './html';
import type { AssistantStep } from '../../assistant/steps';
import { suggestionsFor } from '../../assistant/suggestions';

export const ASSISTANT_SCRIPT = '/assets/js/assistant.js';
export const ASSISTANT_PAGE = '/aide/assistant';

/**
 * The assistant beside every page (rendered by the layout, in the page's flow just above the footer:
 * never fixed, so it covers no link, button or field at any width — WCAG 2.2 2.4.11). Without
 * JavaScript: a link to the help page, which carries the step. With assistant.js: the link becomes
 * a button (« Masquer l’assistant » once open) that opens the panel right below it (a conversation
 * announced to screen readers, a question field: Enter sends, Shift+Enter makes a new line),
 * posting to /api/chatbot. The step's frequent questions are offered above the conversation (buttons
 * with JavaScript, links to the help page without), and the conversation is kept for the tab
 * (sessionStorage, masked questions only) so that a reload or the next page shows it again.
 */
export function assistantWidget(step: AssistantStep | undefined): SafeHtml {
  const href = step ? `${ASSISTANT_PAGE}?etape=${step}` : ASSISTANT_PAGE;
  const suggestions = suggestionsFor(step);
  return html`<aside class="mc-assistant" aria-label="Assistant d’aide" data-assistant${step ? html` data-assistant-step="${step}"` : ''}>
  <div class="govuk-width-container">
    <a class="govuk-link mc-assistant__toggle" href="${href}" data-assistant-toggle>Une question ? Demandez à l’assistant</a>
  <div class="mc-assistant__panel" id="mc-assistant-panel" hidden data-assistant-panel>
    <div class="mc-assistant__header">
      <h2 class="govuk-heading-s mc-assistant__title" id="mc-assistant-title">L’assistant de Mon Compte</h2>
      <button type="button" class="mc-assistant__close" data-assistant-close>Fermer<span class="govuk-visually-hidden"> l’assistant</span></button>
    </div>
    <p class="govuk-body-s mc-assistant__notice">Ne donnez jamais votre numéro de sécurité sociale, votre mot de passe ni un code.</p>
    <div class="mc-assistant__suggestions" data-assistant-suggestions>
      <p class="govuk-body-s mc-assistant__links-title" id="mc-assistant-suggestions-title">Questions fréquentes${step ? ' à cette étape' : ''} :</p>
      <ul class="govuk-list govuk-body-s" aria-labelledby="mc-assistant-suggestions-title">
        ${suggestions.map((t) => html`<li><a class="govuk-link" href="${ASSISTANT_PAGE}?sujet=${encodeURIComponent(t.id)}${step ? `&etape=${step}` : ''}" data-assistant-topic="${t.id}">${t.title}</a></li>`)}
      </ul>
    </div>
    <div class="mc-assistant__log" role="log" aria-live="polite" aria-labelledby="mc-assistant-title" tabindex="0" data-assistant-log></div>
    <p class="govuk-body-s mc-assistant__status" role="status" data-assistant-status></p>
    <!-- Sent by assistant.js only; the field has no name so that a question never ends up in a URL. -->
    <form class="mc-assistant__form" action="${ASSISTANT_PAGE}" method="get" novalidate data-assistant-form>
      <div class="govuk-form-group">
        <label class="govuk-label govuk-label--s" for="mc-assistant-question">Votre question</label>
        <p class="govuk-error-message" id="mc-assistant-question-error" hidden data-assistant-error></p>
        <div class="govuk-hint" id="mc-assistant-question-hint">Entrée envoie la question ; Maj + Entrée passe à la ligne.</div>
        <textarea class="govuk-textarea mc-assistant__input" id="mc-assistant-question" rows="2" aria-describedby="mc-assistant-question-hint" data-assistant-input></textarea>
      </div>
      <button type="submit" class="govuk-button mc-assistant__send" data-module="govuk-button">Envoyer</button>
    </form>
  </div>
  </div>
</aside>
<script src="${assetUrl(ASSISTANT_SCRIPT)}" defer></script>`;
}
