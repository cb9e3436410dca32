import type { FastifyRequest } from 'fastify';
import type { Signup } from './store';
import type { Contact } from '../../accounts/contact';
import {
  button,
  details,
  errorSummary,
  form,
  insetText,
  linkButton,
  panel,
  stepIndicator,
  textInput,
  type Errors,
} from '../../http/views/components';
import {
  CODE_HEADING,
  CODE_SCRIPT,
  CONTACT_HEADING,
  CONTACT_SCRIPT,
  changeContactHelp,
  codeForm,
  contactForm,
  contactValues,
  type ContactValues,
} from '../contact-verification/views';
import { certifiedIdentity } from './identity-view';
import { EXAMPLE_NIR } from '../../identity';
import { html, type SafeHtml } from '../../http/views/html';
import { fcPage, STEP_PATHS } from './pages-common';
import { dataNotice } from '../../http/views/data-notice';

/** The pages of the account creation with FranceConnect (routes in ./signup.ts). */

/** The certified identity, locked, with the NIR found — or a field to type it; « Retour » to the start of the account creation, as at step ④ of the form. */
export function identityPage(req: FastifyRequest, s: Signup, errors?: Errors, typed?: string): SafeHtml {
  const found = s.data.repertoireMatches === 1 && s.data.nir ? s.data.nir.value : undefined;
  return fcPage(
    req,
    { title: 'Votre identité certifiée', hasErrors: !!errors?.length, back: '/creer-mon-compte' },
    html`${errorSummary(errors)}
${stepIndicator(1, 3, 'Identité')}
<h1 class="govuk-heading-l">Votre identité certifiée par FranceConnect</h1>
<p class="govuk-body">Ces informations ont été transmises par FranceConnect. Elles sont certifiées et ne peuvent pas être modifiées ici. Si l’une d’elles est inexacte, adressez-vous à la mairie de votre lieu de naissance ou au service qui gère votre compte FranceConnect.</p>
${certifiedIdentity(s.data.identity, found)}
${form(
  { action: STEP_PATHS.identity, csrfToken: req.csrfToken },
  html`${
    found
      ? html`<p class="govuk-body">Nous avons retrouvé votre numéro de sécurité sociale grâce à votre identité certifiée.</p>`
      : html`${insetText(
          s.data.repertoireMatches > 1
            ? 'Plusieurs personnes ont la même identité dans nos fichiers : pour être certains de vous reconnaître, nous avons besoin de votre numéro de sécurité sociale.'
            : 'Nous n’avons pas retrouvé votre numéro de sécurité sociale à partir de votre identité. Saisissez-le : il sera vérifié avec votre identité certifiée.',
        )}
${textInput({
  name: 'nir',
  label: 'Numéro de sécurité sociale',
  hint: `15 caractères (13 chiffres et une clé de 2 chiffres), tels qu’ils figurent sur votre carte Vitale. Par exemple : ${EXAMPLE_NIR}.`,
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
)}`
  }
${dataNotice('etat-civil')}
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
<p class="govuk-body"><a class="govuk-link" href="/mot-de-passe-oublie">Mot de passe oublié ?</a></p>
${form({ action: '/franceconnect/recuperation', csrfToken: req.csrfToken }, button('Je n’ai plus accès à mon adresse mail ou à mon téléphone', { secondary: true }))}`,
  );
}

/** The contact to verify (the registration's form): the e-mail FranceConnect gave is offered. */
export function contactPage(req: FastifyRequest, s: Signup, errors?: Errors, typed?: ContactValues): SafeHtml {
  const values =
    typed ??
    (s.data.contact
      ? contactValues(s.data.contact)
      : { contactKind: s.data.identity.email ? 'email' : undefined, email: s.data.identity.email });
  return fcPage(
    req,
    { title: CONTACT_HEADING, hasErrors: !!errors?.length, back: STEP_PATHS.identity, scripts: [CONTACT_SCRIPT] },
    html`${errorSummary(errors)}
${stepIndicator(2, 3, 'Coordonnées de contact')}
${contactForm({ action: STEP_PATHS.contact, csrfToken: req.csrfToken, values, ...(errors ? { errors } : {}) })}`,
  );
}

/** The code sent to the contact (the registration's form): « Vous n’avez rien reçu ? », « Renvoyer un code » after the countdown. */
export function codePage(
  req: FastifyRequest,
  contact: Contact,
  o: { resendInSeconds: number; resent: boolean; agencyPhone: string; errors?: Errors },
): SafeHtml {
  return fcPage(
    req,
    { title: CODE_HEADING, hasErrors: !!o.errors?.length, back: STEP_PATHS.contact, scripts: [CODE_SCRIPT] },
    html`${errorSummary(o.errors)}
${stepIndicator(3, 3, 'Code de vérification')}
${codeForm({ action: STEP_PATHS.code, help: changeContactHelp(STEP_PATHS.contact), csrfToken: req.csrfToken, contact, ...o })}`,
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
