import type { Step } from './machine';
import type { RegistrationFlow } from './data';
import { identityStatus, toConfirmReasons, type RegistrationData, type ToConfirmReason } from './data';
import { formatNir, formatProvisionalId } from '../../identity';
import { findPrestation } from '../../prestations/catalogue';
import { button, form, linkButton, panel, summaryList, warningText, type Errors } from '../../http/views/components';
import { html, type SafeHtml } from '../../http/views/html';
import { layout } from '../../http/views/layout';

import { DOCUMENT_KINDS, prestationLine, STEP_PATHS, stepPage } from './views';

/** The recap (« Vérifiez vos informations ») and the confirmation of « Créer Mon Compte ». */
const DATE_FR = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
export const formatDateFr = (iso: string): string => DATE_FR.format(new Date(`${iso}T00:00:00Z`));

function documentLabel(flow: RegistrationFlow): string {
  const d = flow.data.document;
  if (!d || d.kind === 'none') return 'Pas de pièce d’identité française : identité à confirmer';
  const k = DOCUMENT_KINDS.find((x) => x.value === d.kind);
  return `${k?.label ?? d.kind} n° ${d.number ?? ''}`;
}

/** Why the identity is « à confirmer », as the person reads it. */
const TO_CONFIRM_BECAUSE: Record<ToConfirmReason, string> = {
  no_document: 'vous n’avez pas indiqué de pièce d’identité française',
  document_not_checked: 'le numéro de votre titre d’identité n’a pas pu être vérifié',
  nir_unknown: 'votre numéro de sécurité sociale n’a pas été retrouvé dans le répertoire national d’identification des personnes',
};

/** « Votre identité sera / est « à confirmer », car … », and what happens next. */
export function toConfirmWarning(d: RegistrationData, when: 'review' | 'done'): SafeHtml | '' {
  const reasons = toConfirmReasons(d).map((r) => TO_CONFIRM_BECAUSE[r]);
  if (reasons.length === 0) return '';
  const because = reasons.length > 1 ? `${reasons.slice(0, -1).join(', ')} et ${reasons[reasons.length - 1]}` : reasons[0];
  const next =
    'Vous pourrez quand même vous connecter et utiliser votre compte. Pour confirmer votre identité, votre Caf pourra vous demander une pièce justificative, par exemple quand elle étudiera une demande de prestation.';
  return warningText(`Votre identité ${when === 'review' ? 'sera' : 'est'} « à confirmer », car ${because}. ${next}`);
}

export function reviewPage(o: { flow: RegistrationFlow; csrfToken: string; errors?: Errors }): SafeHtml {
  const d = o.flow.data;
  const c = d.civilStatus!;
  const change = (step: Step, what: string) => ({ href: STEP_PATHS[step], hiddenText: what });
  const place =
    c.birthPlace.kind === 'commune'
      ? `${c.birthPlace.name}, ${c.birthPlace.departement ?? ''} — code INSEE ${c.birthPlace.code}`
      : `${c.birthPlace.name} (étranger)`;
  const contact = d.contact!;
  return stepPage(
    { step: 'review', flow: o.flow, heading: 'Vérifiez vos informations', errors: o.errors },
    html`<h1 class="govuk-heading-l">Vérifiez vos informations</h1>
${prestationLine(d.prestation)}
<h2 class="govuk-heading-m">État civil</h2>
${summaryList([
  {
    key: 'Numéro de sécurité sociale',
    value: c.nir ? formatNir(c.nir) : 'Pas de numéro : un identifiant provisoire vous sera attribué',
    change: change('civil_status', 'le numéro de sécurité sociale'),
  },
  { key: 'Civilité', value: c.civility === 'M' ? 'Monsieur' : 'Madame', change: change('civil_status', 'la civilité') },
  { key: 'Nom de naissance', value: c.birthName, change: change('civil_status', 'le nom de naissance') },
  { key: 'Prénoms', value: c.givenNames, change: change('civil_status', 'les prénoms') },
  { key: 'Date de naissance', value: formatDateFr(c.birthDate), change: change('civil_status', 'la date de naissance') },
  { key: 'Lieu de naissance', value: place, change: change('civil_status', 'le lieu de naissance') },
])}
<h2 class="govuk-heading-m">Titre d’identité</h2>
${summaryList([{ key: 'Titre d’identité', value: documentLabel(o.flow), change: change('identity_document', 'le titre d’identité') }])}
<h2 class="govuk-heading-m">Sécurité</h2>
${summaryList([
  {
    key: contact.kind === 'sms' ? 'Téléphone portable' : 'Adresse mail',
    value: html`${contact.display} <strong class="govuk-tag govuk-tag--green">Vérifié</strong>`,
    change: change('contact', 'les coordonnées de contact'),
  },
  { key: 'Mot de passe', value: 'Choisi (masqué)', change: change('password', 'le mot de passe') },
])}
${toConfirmWarning(d, 'review')}
${form({ action: STEP_PATHS.review, csrfToken: o.csrfToken }, html`${button('Créer mon compte')}`)}`,
  );
}

export function donePage(o: { flow: RegistrationFlow; agencyPhone: string }): SafeHtml {
  const { agencyPhone } = o;
  const d = o.flow.data;
  const provisional = d.result?.provisionalId ?? null;
  const by = d.contact?.kind === 'sms' ? 'par SMS' : 'par mail';
  const p = findPrestation(d.prestation);
  // With a NIR, the same true words whether an account was created or the NIR already had one (no
  // enumeration): never « Votre compte est créé » when it may not be. An identifiant provisoire is
  // always a new account.
  const title = provisional ? 'Votre compte est créé' : 'Votre demande de création de compte est enregistrée';
  return layout(
    { title },
    html`${panel(title, provisional ? html`Votre identifiant provisoire<br><strong class="mc-provisional-id">${formatProvisionalId(provisional)}</strong>` : undefined)}
${
  provisional
    ? html`<h2 class="govuk-heading-m">Notez votre identifiant provisoire</h2>
<p class="govuk-body">Vous n’avez pas de numéro de sécurité sociale : c’est cet identifiant, <strong>${formatProvisionalId(provisional)}</strong>, qui vous permettra de vous connecter, avec votre mot de passe. Notez-le et gardez-le précieusement. Il vous a aussi été envoyé ${by}.</p>`
    : html`<p class="govuk-body">Un message vous a été envoyé ${by}.</p>
<p class="govuk-body">Connectez-vous avec votre numéro de sécurité sociale et le mot de passe que vous venez de choisir.</p>
<p class="govuk-body">Si un compte existait déjà avec ce numéro, aucun second compte n’a été créé et ce mot de passe ne fonctionnera pas : utilisez « Mot de passe oublié ? » sur la page de connexion, ou appelez votre Caf au ${agencyPhone}.</p>`
}
${toConfirmWarning(d, 'done')}
${p ? html`<p class="govuk-body">Une fois connecté(e), vous pourrez faire votre demande : <strong>${p.title}</strong>.</p>` : ''}
${linkButton('Se connecter', '/connexion')}`,
  );
}
