import { passwordRules } from '../../auth/password-rules';
import { textInput, type Errors } from './components';
import { html, type SafeHtml } from './html';

/**
 * The « nouveau mot de passe » fields with the live checklist of the five rules, shared by every
 * page that sets a password (registration ⑧, forgotten password, security settings). The markup is
 * the one /assets/js/password-checklist.js enhances (add that script to the page); without
 * JavaScript the list reads as the rules to follow, and the server re-checks everything.
 * Field names: `password` and `passwordConfirmation`.
 */
export const PASSWORD_CHECKLIST_SCRIPT = '/assets/js/password-checklist.js';

export function passwordFields(o: { errors?: Errors; label?: string; confirmationLabel?: string }): SafeHtml {
  return html`${textInput({
    name: 'password',
    label: o.label ?? 'Nouveau mot de passe',
    hint: '10 à 64 caractères',
    type: 'password',
    autocomplete: 'new-password',
    spellcheck: false,
    errors: o.errors,
    maxlength: 64,
    extraAttributes: html` data-password-checklist="password-checklist"`,
  })}
<div class="govuk-form-group">
  <p class="govuk-body govuk-!-margin-bottom-1" id="password-checklist-title">Mon mot de passe comporte :</p>
  <ul class="mc-checklist" id="password-checklist" aria-labelledby="password-checklist-title">
    ${passwordRules.map((r) => html`<li data-rule="${r.id}" data-rule-label="${r.label}">${r.label}<span class="govuk-visually-hidden" data-rule-state> : non respecté</span></li>`)}
  </ul>
  <p class="govuk-visually-hidden" aria-live="polite" data-checklist-status></p>
</div>
${textInput({ name: 'passwordConfirmation', label: o.confirmationLabel ?? 'Confirmation du nouveau mot de passe', type: 'password', autocomplete: 'new-password', spellcheck: false, errors: o.errors, maxlength: 64 })}`;
}
