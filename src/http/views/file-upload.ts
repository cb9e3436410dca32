import { errorFor, type Errors } from './components';
import { attr, html, type HtmlValue, type SafeHtml } from './html';
import { dataNotice } from './data-notice';
import type { PurposeId } from '../../legal/purposes';

/**
 * A file field (GOV.UK « File upload ») in a multipart form with its CSRF token, and the progress
 * shown by upload-progress.js while the file is sent (hidden, and useless, without JavaScript: the
 * form then posts as any other).
 */
export const UPLOAD_SCRIPT = '/assets/js/upload-progress.js';

export function fileUploadForm(o: {
  action: string;
  csrfToken: string;
  name: string;
  label: string;
  hint: HtmlValue;
  accept: string;
  maxBytes: number;
  errors?: Errors;
  submit: string;
  /** the short notice of the data collected (default: the justificatifs'); null: none (an agent's upload) */
  notice?: PurposeId | null;
}): SafeHtml {
  const e = errorFor(o.errors, o.name);
  return html`<form method="post" action="${o.action}" enctype="multipart/form-data" novalidate data-upload-form data-max-bytes="${o.maxBytes}">
  <input type="hidden" name="_csrf" value="${o.csrfToken}">
  <div class="govuk-form-group${e ? ' govuk-form-group--error' : ''}">
    <label class="govuk-label govuk-label--m" for="${o.name}">${o.label}</label>
    <div id="${o.name}-hint" class="govuk-hint">${o.hint}</div>
    ${e ? html`<p id="${o.name}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Erreur :</span> ${e.message}</p>` : ''}
    <input class="govuk-file-upload${e ? ' govuk-file-upload--error' : ''}" id="${o.name}" name="${o.name}" type="file" accept="${o.accept}"${attr('aria-describedby', e ? `${o.name}-hint ${o.name}-error` : `${o.name}-hint`)}>
  </div>
  <div class="mc-upload-progress govuk-!-margin-bottom-4" data-upload-progress hidden>
    <label class="govuk-label" for="${o.name}-progress">Envoi du fichier</label>
    <progress id="${o.name}-progress" class="mc-upload-progress__bar" max="100" value="0"></progress>
    <p class="govuk-body govuk-!-margin-top-1" data-upload-status aria-live="polite"></p>
  </div>
  ${o.notice === null ? '' : dataNotice(o.notice ?? 'justificatifs')}
  <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">${o.submit}</button>
</form>`;
}
