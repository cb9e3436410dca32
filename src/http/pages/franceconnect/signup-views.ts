import type { FastifyRequest } from 'fastify';
import type { Signup } from '../../../flows/franceconnect/store';
import {
  button,
  details,
  errorSummary,
  form,
  insetText,
  linkButton,
  notificationBanner,
  panel,
  radios,
  stepIndicator,
  textInput,
  type Errors,
} from '../../views/components';
import { certifiedIdentity } from '../../views/franceconnect';
import { html, type SafeHtml } from '../../views/html';
import { fcPage, STEP_PATHS } from './common';

/** The pages of the account creation with FranceConnect (routes in ./signup.ts). */

/** The certified identity, locked, with the NIR found — or a field to type it. */
export function identityPage(req: FastifyRequest, s: Signup, errors?: Errors, typed?: string): SafeHtml {
  const found = s.data.repertoireMatches === 1 && s.data.nir ? s.data.nir.value : undefined;
  return fcPage(
    req,
    { title: 'Votre identité certifiée', hasErrors: !!errors?.length },
    html`${errorSummary(errors)}
${stepIndicator(1, 3, 'Identité')}
<h1 class="govuk-heading-l">Votre identité certifiée par FranceConnect</h1>
<p class="govuk-body">Ces informations ont été transmises par FranceConnect. Elles sont certifiées et ne peuvent pas être modifiées ici. Si l’une d’elles est inexacte, adressez-vous à la mairie de votre lieu de naissance ou au service qui gère votre compte FranceConnect.</p>
${certifiedIdentity(s.data.identity, found)}
${form(
  { action: STEP_PATHS.identity, csrfToken: req.csrfToken },
  html`${found
    ? html`<p class="govuk-body">Nous avons retrouvé votre numéro de sécurité sociale grâce à votre identité certifiée.</p>`
    : html`${insetText(
        s.data.repertoireMatches > 1
          ? 'Plusieurs personnes ont la même identité dans nos fichiers : pour être certains de vous reconnaître, nous avons besoin de votre numéro de sécurité sociale.'
          : 'Nous n’avons pas retrouvé votre numéro de sécurité sociale à partir de votre identité. Saisissez-le : il sera vérifié avec votre identité certifiée.',
      )}
${textInput({
  name: 'nir',
  label: 'Numéro de sécurité sociale',
  hint: '15 caractères (13 chiffres et une clé de 2 chiffres), tels qu’ils figurent sur votre carte Vitale. Par exemple : 2 62 08 75 112 084 57.',
  value: typed ?? (s.data.nir?.source === 'typed' ? s.data.nir.value : undefined),
  autocomplete: 'off',
  spellcheck: false,
  widthClass: 'govuk-input--width-20',
  maxlength: 25,
  errors,
})}
${details(
  'Je n’ai pas de numéro de sécurité sociale',
  html`<p class="govuk-body">Créez votre compte <a class="govuk-link" href="/creer-mon-compte">sans FranceConnect</a> : un identifiant provisoire vous sera donné.</p>`,
)}`}
${button('Continuer')}`,
)}`,
  );
}

/** The NIR already has an account: its password proves it is the person's, before `sub` is linked to it. */
export function existingAccountPage(req: FastifyRequest, errors?: Errors): SafeHtml {
  return fcPage(
    req,
    { title: 'Vous avez déjà un compte', hasErrors: !!errors?.length, back: STEP_PATHS.identity },
    html`${errorSummary(errors)}
${stepIndicator(2, 2, 'Relier votre compte')}
<h1 class="govuk-heading-l">Vous avez déjà un compte</h1>
<p class="govuk-body">Un compte Mon Compte existe déjà avec votre numéro de sécurité sociale. Pour le relier à FranceConnect, confirmez que c’est le vôtre en saisissant son mot de passe.</p>
<p class="govuk-body">Vous pourrez ensuite vous connecter avec FranceConnect ou avec votre mot de passe.</p>
${form(
  { action: STEP_PATHS.existing_account, csrfToken: req.csrfToken },
  html`${textInput({ name: 'password', label: 'Mot de passe de votre compte', type: 'password', autocomplete: 'current-password', spellcheck: false, widthClass: 'govuk-input--width-20', errors })}
${button('Relier mon compte et me connecter')}`,
)}
<p class="govuk-body"><a class="govuk-link" href="/mot-de-passe-oublie">Mot de passe oublié ?</a></p>`,
  );
}

/** The contact to verify: the e-mail FranceConnect gave is offered. */
export function contactPage(req: FastifyRequest, s: Signup, errors?: Errors, typed?: Record<string, unknown>): SafeHtml {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const kind = str(typed?.contactKind) ?? s.data.contact?.kind ?? (s.data.identity.email ? 'email' : undefined);
  const email = str(typed?.email) ?? (s.data.contact?.kind === 'email' ? s.data.contact.value : s.data.identity.email);
  const phone = str(typed?.phone) ?? (s.data.contact?.kind === 'sms' ? s.data.contact.display : undefined);
  return fcPage(
    req,
    { title: 'Vos coordonnées de contact', hasErrors: !!errors?.length, back: STEP_PATHS.identity, scripts: ['/assets/js/conditional-reveal.js'] },
    html`${errorSummary(errors)}
${stepIndicator(2, 3, 'Coordonnées de contact')}
${form(
  { action: STEP_PATHS.contact, csrfToken: req.csrfToken },
  html`${radios({
    name: 'contactKind',
    legend: 'Comment souhaitez-vous recevoir votre code de vérification ?',
    legendIsPageHeading: true,
    hint: 'Nous vous envoyons un code à 6 chiffres pour vérifier vos coordonnées. Elles serviront à vous informer de votre dossier.',
    value: kind,
    errors,
    choices: [
      {
        value: 'email',
        label: 'Par e-mail',
        conditional: textInput({ name: 'email', label: 'Adresse e-mail', type: 'email', autocomplete: 'email', spellcheck: false, value: email, errors }),
      },
      {
        value: 'sms',
        label: 'Par SMS',
        conditional: textInput({
          name: 'phone',
          label: 'Numéro de téléphone portable',
          hint: 'Par exemple : 06 12 34 56 78, ou 0690 12 34 56 en outre-mer.',
          type: 'tel',
          autocomplete: 'tel',
          widthClass: 'govuk-input--width-20',
          value: phone,
          errors,
        }),
      },
    ],
  })}
${button('Envoyer le code')}`,
)}`,
  );
}

/** The code sent to the contact, with « Vous n’avez rien reçu ? » and a new code after the countdown (`wait` seconds). */
export function codePage(req: FastifyRequest, s: Signup, o: { wait: number; agencyPhone: string; errors?: Errors; notice?: string }): SafeHtml {
  const { wait, errors, notice } = o;
  const contact = s.data.contact;
  return fcPage(
    req,
    { title: 'Code de vérification', hasErrors: !!errors?.length, back: STEP_PATHS.contact, scripts: ['/assets/js/countdown.js'] },
    html`${errorSummary(errors)}
${stepIndicator(3, 3, 'Code de vérification')}
${notice ? notificationBanner({ success: true, body: html`<p class="govuk-notification-banner__heading">${notice}</p>` }) : ''}
${form(
  { action: STEP_PATHS.code, csrfToken: req.csrfToken },
  html`${textInput({
    name: 'code',
    label: 'Saisissez le code reçu',
    labelIsPageHeading: true,
    hint: html`Nous avons envoyé un code à 6 chiffres ${contact?.kind === 'sms' ? 'par SMS au' : 'par e-mail à'} <strong>${contact?.display ?? ''}</strong>. Il est valable 10 minutes.`,
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    spellcheck: false,
    widthClass: 'govuk-input--width-5',
    maxlength: 8,
    errors,
  })}
${button('Valider')}`,
)}
<h2 class="govuk-heading-m">Vous n’avez rien reçu ?</h2>
<ul class="govuk-list govuk-list--bullet">
  <li>Attendez quelques instants : l’envoi peut prendre une minute.</li>
  <li>${contact?.kind === 'sms' ? 'Vérifiez que votre téléphone capte le réseau et qu’il peut recevoir des SMS.' : 'Vérifiez le dossier « courrier indésirable » (spam) de votre messagerie.'}</li>
  <li>Contactez votre Caf au <strong>${o.agencyPhone}</strong> (service gratuit + prix d’un appel).</li>
  <li><a class="govuk-link" href="${STEP_PATHS.contact}">Modifiez vos coordonnées de contact</a> si elles sont inexactes.</li>
</ul>
${form(
  { action: '/franceconnect/code/nouveau', csrfToken: req.csrfToken, id: 'renvoyer' },
  html`<p class="govuk-body mc-countdown" data-countdown="${wait}" data-countdown-button="resend" data-countdown-done="Vous pouvez demander un nouveau code.">${wait > 0 ? `Vous pourrez demander un nouveau code dans ${wait} seconde${wait > 1 ? 's' : ''}.` : 'Vous pouvez demander un nouveau code.'}</p>
<p class="govuk-visually-hidden" data-countdown-live aria-live="polite"></p>
${button('Recevoir un nouveau code', { secondary: true, id: 'resend' })}`,
)}`,
  );
}

/** The account is created and signed in. */
export function createdPage(req: FastifyRequest): SafeHtml {
  return fcPage(
    req,
    { title: 'Votre compte est créé' },
    html`${panel('Votre compte est créé', 'Votre identité est certifiée par FranceConnect')}
<p class="govuk-body">Vos coordonnées de contact sont vérifiées : un message de confirmation vous a été envoyé.</p>
<h2 class="govuk-heading-m">Pour vous connecter</h2>
<p class="govuk-body">Choisissez « S’identifier avec FranceConnect » sur la page de connexion. Vous n’avez pas besoin de mot de passe Caf ; vous pourrez en ajouter un à tout moment depuis la page « Sécurité » de votre espace.</p>
${linkButton('Accéder à mon espace', '/mon-espace')}`,
  );
}
