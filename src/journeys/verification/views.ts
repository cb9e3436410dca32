import { CODE_SHAPE } from '../../attestations/code';
import { certifiedRows, kindTitle } from '../../attestations/snapshot';
import type { Verification } from '../../attestations/verify';
import { page } from '../../http/views/account-page';
import { button, errorSummary, type Errors, form, insetText, summaryList, textInput, warningText } from '../../http/views/components';
import { html, type SafeHtml } from '../../http/views/html';
import { frenchDateTime, frenchValidUntil } from '../../shared/french-time';
import { FORM_STATE_TTL_MS, frenchDuration } from '../../retention/registry';

/** « Vérifier une attestation »: the public page, no account (src/journeys/verification/pages.ts). */
export const VERIFY_PATH = '/verifier-une-attestation';

export interface VerifyView {
  csrfToken: string;
  /** the service's own address (BASE_URL), printed so that the verifier can type it */
  serviceUrl: string;
  code?: string;
  surname?: string;
  errors?: Errors;
  result?: Exclude<Verification, { kind: 'invalid_code' } | { kind: 'throttled' }>;
}

const WHAT_IT_PROVES = html`<h2 class="govuk-heading-m">Ce que la vérification prouve, et ce qu’elle ne prouve pas</h2>
<ul class="govuk-list govuk-list--bullet">
  <li>«&nbsp;Conforme&nbsp;» prouve que la Caf a délivré une attestation avec ce code, à une personne portant ce nom, et qu’elle n’est ni expirée ni révoquée.</li>
  <li>Elle ne prouve pas que la personne qui vous présente le papier en est le titulaire : demandez une pièce d’identité si vous en avez besoin.</li>
  <li>Comparez ce que cette page affiche avec le papier : une attestation modifiée à la main ou recopiée ne correspond pas.</li>
</ul>`;

function resultBlock(r: NonNullable<VerifyView['result']>): SafeHtml {
  switch (r.kind) {
    case 'conforme':
      return html`<div class="govuk-panel govuk-panel--confirmation mc-verdict" role="status"><h2 class="govuk-panel__title">Conforme</h2><div class="govuk-panel__body">${kindTitle(r.snapshot.kind)} délivrée par la Caf</div></div>
<h2 class="govuk-heading-m">Ce que l’attestation certifie</h2>
${summaryList([
  ...certifiedRows(r.snapshot),
  { key: 'Délivrée le', value: frenchDateTime(r.issuedAt) },
  { key: 'Valable jusqu’au', value: frenchValidUntil(r.expiresAt) },
])}`;
    case 'revoquee':
      return html`<div class="mc-verdict" role="status"><h2 class="govuk-heading-l">Non conforme : attestation révoquée</h2>
${warningText(`Son titulaire l’a révoquée le ${frenchDateTime(r.revokedAt)}. Elle ne vaut plus : demandez-lui une attestation à jour.`)}</div>`;
    case 'expiree':
      return html`<div class="mc-verdict" role="status"><h2 class="govuk-heading-l">Non conforme : attestation expirée</h2>
${warningText(`Elle était valable jusqu’au ${frenchValidUntil(r.expiresAt)}. Demandez à son titulaire une attestation à jour.`)}</div>`;
    case 'non_conforme':
      return html`<div class="mc-verdict" role="status"><h2 class="govuk-heading-l">Non conforme</h2>
${warningText('Aucune attestation de la Caf ne correspond à ce code et à ce nom.')}
<p class="govuk-body">Vérifiez que vous avez recopié le code et le nom de famille exactement comme sur le papier. Si c’est le cas, l’attestation n’a pas été délivrée par la Caf.</p></div>`;
  }
}

export function verifyPage(v: VerifyView): SafeHtml {
  return page(
    { title: 'Vérifier une attestation', hasErrors: !!v.errors?.length, assistant: false, noindex: true },
    html`${errorSummary(v.errors)}
<h1 class="govuk-heading-l">Vérifier une attestation</h1>
${v.result ? resultBlock(v.result) : ''}
<p class="govuk-body">Vous avez reçu une attestation de paiement ou de quotient familial de la Caf&nbsp;? Saisissez le code imprimé dessus et le nom de famille de l’allocataire : la page vous dit si elle est conforme et vous montre ce qu’elle certifie. Aucun compte n’est nécessaire.</p>
${insetText(html`L’adresse de cette page est <strong>${v.serviceUrl}</strong>. Tapez-la vous-même plutôt que de suivre un lien ou un code QR reçu : une fausse page pourrait dire «&nbsp;conforme&nbsp;» à tout.`)}
${form(
  { action: '/verifier-une-attestation', csrfToken: v.csrfToken },
  html`${textInput({ name: 'code', label: 'Code de vérification', hint: CODE_SHAPE, value: v.code, errors: v.errors, autocomplete: 'off', spellcheck: false, widthClass: 'govuk-input--width-20', maxlength: 40 })}
${textInput({ name: 'surname', label: 'Nom de famille de l’allocataire', hint: 'Tel qu’il figure sur l’attestation', value: v.surname, errors: v.errors, autocomplete: 'off', spellcheck: false, maxlength: 100 })}
${button('Vérifier')}`,
)}
${WHAT_IT_PROVES}
<p class="govuk-body">Cette page ne garde pas votre identité. Le nom saisi n’est gardé que pour vous réafficher le formulaire après une erreur&nbsp;: chiffré, ${frenchDuration(FORM_STATE_TTL_MS)} au plus, et jamais relié à qui vous êtes. Chaque vérification est comptée pour le titulaire, sans dire qui l’a faite.</p>`,
  );
}
