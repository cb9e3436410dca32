import type { FieldError } from '../../errors/app-error';
import type { Contact } from '../../accounts/contact';
import { backLink, button, errorSummary, form, notificationBanner, radios, textInput, type Errors } from '../../http/views/components';
import { html, type SafeHtml } from '../../http/views/html';
import { dataNotice } from '../../http/views/data-notice';

/**
 * The contact step of every sign-up (« Créer Mon Compte » and its FranceConnect variant), and the
 * code step of every place a 6-digit code is typed (those two, the login's second factor, « Mot de
 * passe oublié ? », the contact change of « Sécurité du compte »): the same words and markup
 * everywhere; each page set adds its frame (title, step, back link) around them. The rules are in
 * src/journeys/contact-verification. Field names: `contactKind`, `email`, `phone`, then `code`.
 */
export const CONTACT_HEADING = 'Vos coordonnées de contact';
export const CODE_HEADING = 'Vérification de vos coordonnées de contact';
/** Scripts of the pages: the radios' reveal, the resend countdown. */
export const CONTACT_SCRIPT = '/assets/js/conditional-reveal.js';
export const CODE_SCRIPT = '/assets/js/countdown.js';

const RESEND_BUTTON = 'resend';

export type ContactValues = {
  contactKind?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
};

/** The form's values for a contact already chosen. */
export function contactValues(c: Pick<Contact, 'kind' | 'value' | 'display'> | undefined): ContactValues {
  if (!c) return {};
  return c.kind === 'email' ? { contactKind: 'email', email: c.value } : { contactKind: 'sms', phone: c.display };
}

/** « Vos coordonnées de contact »: SMS or e-mail, then « Envoyer le code ». */
export function contactForm(o: { action: string; csrfToken: string; values: ContactValues; errors?: Errors }): SafeHtml {
  const v = o.values;
  const e = o.errors;
  return html`<h1 class="govuk-heading-l">${CONTACT_HEADING}</h1>
<p class="govuk-body">Pour sécuriser la création de votre compte, la Caf vous envoie un code de vérification sur votre téléphone ou par mail.</p>
${form(
  { action: o.action, csrfToken: o.csrfToken },
  html`${radios({
    name: 'contactKind',
    legend: 'Veuillez indiquer votre choix de réception',
    value: v.contactKind,
    errors: e,
    choices: [
      {
        value: 'sms',
        label: 'Numéro de téléphone portable',
        conditional: textInput({
          name: 'phone',
          label: 'Numéro de téléphone portable',
          hint: 'Par exemple 06 12 34 56 78. En aucun cas votre numéro de téléphone portable ne sera transmis à des tiers ou utilisé à des fins commerciales.',
          type: 'tel',
          autocomplete: 'tel',
          value: v.phone,
          errors: e,
          widthClass: 'govuk-input--width-20',
        }),
      },
      {
        value: 'email',
        label: 'Adresse mail',
        conditional: textInput({
          name: 'email',
          label: 'Adresse mail',
          hint: 'Par exemple prenom.nom@exemple.fr. Votre adresse ne sera jamais transmise à des tiers ni utilisée à des fins commerciales.',
          type: 'email',
          autocomplete: 'email',
          spellcheck: false,
          value: v.email,
          errors: e,
        }),
      },
    ],
  })}
${dataNotice('contact')}
${button('Envoyer le code')}`,
)}`;
}

export interface CodeFormOptions {
  /** where the code is posted; « Renvoyer un code » posts to `${action}/renvoyer` */
  action: string;
  csrfToken: string;
  /**
   * Where the code went, as shown (masked for the contact of an account). Absent: to the contact
   * of an account, if one matches the identifier typed — « Mot de passe oublié ? » must not tell
   * whether there is one, nor its kind of contact.
   */
  contact?: Pick<Contact, 'kind' | 'display'>;
  /** the page's heading; CODE_HEADING by default */
  heading?: string;
  errors?: Errors;
  /**
   * Seconds before « Renvoyer un code » may be used (the countdown; 0: now). Absent: this flow
   * sends no new code from this page, and there is no button (`help` says what to do instead).
   */
  resendInSeconds?: number;
  /** a new code was just sent */
  resent?: boolean;
  /** the last line of « Vous n’avez rien reçu ? »: what else this journey lets the person do (e.g. changeContactHelp) */
  help: SafeHtml;
  agencyPhone: string;
  /** whom to call instead of the Caf's public number (the Caf side: the agents' local support) */
  whomToCall?: SafeHtml;
}

/**
 * « Saisir le code reçu », the second step of a login (people's and agents') and of « Mot de passe
 * oublié ? »: the frame's options (title, back link, countdown script) and its content (the error
 * summary, then the code form). Each journey puts them in its own frame.
 */
export function receivedCodeStep(o: Omit<CodeFormOptions, 'heading' | 'errors'> & { back: string; errors?: FieldError[] | undefined }) {
  const { back, errors, resent, ...form } = o;
  return {
    frame: { title: 'Saisir le code reçu', hasErrors: !!errors?.length, backLink: backLink(back), scripts: [CODE_SCRIPT] },
    content: html`${errorSummary(errors)}
${codeForm({ ...form, heading: 'Saisissez le code reçu', resent: !!resent && !errors, ...(errors ? { errors } : {}) })}`,
  };
}

/** « Modifiez vos coordonnées de contact » (the other answers are kept): the help of a sign-up, whose contact step is at `href`. */
export function changeContactHelp(href: string): SafeHtml {
  return html`<a class="govuk-link" href="${href}">Modifiez vos coordonnées de contact</a> (vos autres réponses sont gardées).`;
}

/**
 * The code step of every journey (sign-ups, login, « Mot de passe oublié ? », contact change): the
 * code, « Vous n’avez rien reçu ? », and « Renvoyer un code » after the countdown where the flow resends.
 */
export function codeForm(o: CodeFormOptions): SafeHtml {
  const c = o.contact;
  const sent = !c
    ? 'Si un compte Mon Compte correspond à l’identifiant indiqué, un code de vérification vient d’être envoyé à l’adresse mail ou au numéro de téléphone portable enregistré.'
    : html`Nous venons de vous envoyer un code de vérification ${c.kind === 'sms' ? html`par SMS au numéro suivant : <strong>${c.display}</strong>` : html`par mail à l’adresse suivante : <strong>${c.display}</strong>`}.`;
  const s = o.resendInSeconds;
  const check = {
    email: html`<li>Vérifiez vos messages indésirables (spams).</li>`,
    sms: html`<li>Vérifiez que votre téléphone capte le réseau et qu’il peut recevoir des SMS.</li>`,
  };
  return html`${o.resent ? notificationBanner({ success: true, title: 'Code envoyé', body: html`<p class="govuk-notification-banner__heading">${c ? 'Un nouveau code de vérification vous a été envoyé.' : 'Si un compte correspond, un nouveau code de vérification a été envoyé.'}</p>` }) : ''}
<h1 class="govuk-heading-l">${o.heading ?? CODE_HEADING}</h1>
<p class="govuk-body">${sent} Merci de le saisir.</p>
${form(
  { action: o.action, csrfToken: o.csrfToken },
  html`${textInput({
    name: 'code',
    label: c ? `Code de vérification reçu par ${c.kind === 'sms' ? 'SMS' : 'mail'}` : 'Code de vérification reçu',
    hint: '6 chiffres, valable 10 minutes',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    spellcheck: false,
    widthClass: 'govuk-input--width-5',
    maxlength: 8, // « 12 34 56 »: spaces are removed
    errors: o.errors,
  })}
${button('Valider')}`,
)}
<h2 class="govuk-heading-m">Vous n’avez rien reçu ?</h2>
<ul class="govuk-list govuk-list--bullet">
  <li>Attendez quelques secondes : l’envoi peut prendre un peu de temps.</li>
  ${c ? check[c.kind] : html`${check.email}${check.sms}`}
  <li>${o.whomToCall ?? html`Contactez l’équipe de votre Caf au <strong>${o.agencyPhone}</strong> (service gratuit + prix d’un appel).`}</li>
  <li>${o.help}</li>
</ul>
${
  s === undefined
    ? ''
    : form(
        { action: `${o.action}/renvoyer`, csrfToken: o.csrfToken, id: 'renvoyer' },
        html`<p class="govuk-body mc-countdown" data-countdown="${s}" data-countdown-button="${RESEND_BUTTON}" data-countdown-done="Vous pouvez demander un nouveau code.">${s > 0 ? `Vous pourrez demander un nouveau code dans ${s} seconde${s > 1 ? 's' : ''}.` : 'Vous pouvez demander un nouveau code.'}</p>
<p class="govuk-visually-hidden" data-countdown-live aria-live="polite"></p>
${button('Renvoyer un code', { secondary: true, id: RESEND_BUTTON })}`,
      )
}`;
}

/** The errors of « Renvoyer un code » (too early, too many), shown at its button. */
export function atResendButton(errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, field: RESEND_BUTTON }));
}

/** Seconds left before `allowedAt` (a time from the clock; 0: now), for the countdown. */
export function secondsUntil(allowedAt: number, now: number): number {
  return allowedAt > 0 ? Math.ceil((allowedAt - now) / 1000) : 0;
}
