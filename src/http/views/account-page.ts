import type { FastifyRequest } from 'fastify';
import { pageUser } from '../session';
import { IDLE_TIMEOUT_MS, IDLE_WARNING_MS } from '../../auth/sessions';
import { button, form, linkButton, notificationBanner, panel, radios, textInput, type Errors } from './components';
import { html, type HtmlValue, type SafeHtml } from './html';
import { safeReturnPath } from '../security/return-path';
import { layout, type LayoutOptions } from './layout';

/**
 * What the pages of login, forgotten password and the personal space share: the frame of a
 * signed-in page (header « Mon Compte » → /mon-espace, the session-timeout warning).
 */
export const SESSION_TIMEOUT_SCRIPT = '/assets/js/session-timeout.js';

/** A page of the personal space: signed-in header, and the warning shown by session-timeout.js after 25 minutes. */
export function accountPage(req: FastifyRequest, o: Omit<LayoutOptions, 'user'>, content: HtmlValue): SafeHtml {
  return page(
    { step: 'espace', ...o, user: pageUser(req), scripts: [...(o.scripts ?? []), SESSION_TIMEOUT_SCRIPT] },
    html`${sessionTimeoutWarning(req)}${content}`,
  );
}

/** `layout`, with the back link inside <main> (every piece of content in a landmark, as axe-core asks). */
export function page(o: LayoutOptions, content: HtmlValue): SafeHtml {
  const { backLink, ...rest } = o;
  return layout(rest, html`${backLink ?? ''}${content}`);
}

/** Hidden until session-timeout.js reveals it; « Rester connecté » posts to /session/prolonger. */
export function sessionTimeoutWarning(req: FastifyRequest): SafeHtml {
  if (!req.session) return html``;
  return html`<div class="govuk-notification-banner" id="session-timeout" hidden tabindex="-1" role="region" aria-labelledby="session-timeout-title" data-warn-after-seconds="${IDLE_WARNING_MS / 1000}" data-expire-after-seconds="${IDLE_TIMEOUT_MS / 1000}">
  <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="session-timeout-title">Important</h2></div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-notification-banner__heading">Votre session va bientôt expirer</p>
    <p class="govuk-body">Pour protéger vos informations, vous serez déconnecté <span data-session-timeout-left>dans 5 minutes</span> sans action de votre part.</p>
    ${form({ action: '/session/prolonger', csrfToken: req.csrfToken }, html`<input type="hidden" name="retour" value="${safeReturnPath(req.url)}">${button('Rester connecté', { id: 'session-timeout-stay' })}`)}
  </div>
</div>`;
}

/** Only our own paths: « /mon-espace… », never « //ailleurs », « /\t/ailleurs » or « https://… » (see ../security/return-path.ts). */
export { safeReturnPath };

export function successBanner(title: string, body: HtmlValue): SafeHtml {
  return notificationBanner({
    success: true,
    title: 'Succès',
    body: html`<h3 class="govuk-notification-banner__heading">${title}</h3>${body}`,
  });
}

/**
 * The last page of a journey that ends with every session closed (« Mot de passe oublié ? », the
 * recovery of an account): the confirmation panel (`heading`), what happened, and « Se connecter ».
 */
export function signedOutPage(req: FastifyRequest, t: { title: string; heading: string; what: string }): SafeHtml {
  return page(
    { title: t.title, user: pageUser(req) },
    html`${panel(t.heading)}
<p class="govuk-body">${t.what}</p>
${linkButton('Se connecter', '/connexion')}`,
  );
}

export { frenchDateTime as formatDateTime } from '../../shared/french-time';

/** The identifier field of « Se connecter » and « Mot de passe oublié » (NIR or identifiant provisoire). */
export function identifierInput(v: { identifier?: string | undefined; errors?: Errors | undefined }): SafeHtml {
  return textInput({
    name: 'identifier',
    label: 'Numéro de sécurité sociale ou identifiant provisoire',
    hint: '15 caractères pour le numéro de sécurité sociale, par exemple 2 84 12 75 056 123 45',
    value: v.identifier,
    autocomplete: 'username',
    spellcheck: false,
    widthClass: 'govuk-input--width-20',
    errors: v.errors,
    maxlength: 40,
  });
}

/** The words around the contact fields: for the person choosing their own, or for an agent entering the person's. */
export interface ContactWords {
  legend: string;
  email: { choice: string; hint: string };
  sms: { choice: string; hint: string };
  /** the person's own contact: their browser may fill it in (never the agent's browser, which would offer the agent's own) */
  own: boolean;
}

/** Mail or SMS, and the field of each: the fields every contact form reads (kind, email, phone). */
export function contactFields(
  v: { kind?: string | undefined; email?: string | undefined; phone?: string | undefined; errors?: Errors | undefined },
  w: ContactWords,
): SafeHtml {
  return html`${radios({
    name: 'kind',
    legend: w.legend,
    value: v.kind,
    errors: v.errors,
    choices: [
      { value: 'email', label: w.email.choice },
      { value: 'sms', label: w.sms.choice },
    ],
  })}
${textInput({ name: 'email', label: 'Adresse mail', hint: w.email.hint, type: 'email', autocomplete: w.own ? 'email' : undefined, spellcheck: false, value: v.email, errors: v.errors })}
${textInput({ name: 'phone', label: 'Numéro de téléphone portable', hint: w.sms.hint, type: 'tel', autocomplete: w.own ? 'tel' : undefined, value: v.phone, errors: v.errors, widthClass: 'govuk-input--width-20' })}`;
}

const OWN_CONTACT: ContactWords = {
  legend: 'Comment souhaitez-vous recevoir vos codes ?',
  email: { choice: 'Par mail', hint: 'Si vous choisissez l’adresse mail, par exemple prenom.nom@exemple.fr' },
  sms: { choice: 'Par SMS', hint: 'Si vous choisissez le SMS, par exemple 06 12 34 56 78' },
  own: true,
};

/** Where the person's codes go (« Modifier mes coordonnées », a recovery): mail or SMS, and the field of each. */
export function contactChoice(v: {
  kind?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  errors?: Errors | undefined;
}): SafeHtml {
  return contactFields(v, OWN_CONTACT);
}
