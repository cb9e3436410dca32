import type { FastifyRequest } from 'fastify';
import { ATTESTATION_STATUS_LABELS, type IssuedAttestation } from '../../attestations/manage';
import { addMonths, currentMonth } from '../../attestations/months';
import type { DisclosureChoices } from '../../attestations/privacy';
import { certifiedRows, frenchMonth, kindTitle, periodLabel } from '../../attestations/snapshot';
import { deDate, frenchDateTime, frenchValidUntil } from '../../shared/french-time';
import { accountPage, successBanner } from '../../http/views/account-page';
import {
  backLink,
  button,
  errorFor,
  errorSummary,
  type Errors,
  form,
  insetText,
  summaryList,
  warningText,
} from '../../http/views/components';
import { attr, html, type SafeHtml } from '../../http/views/html';
import type { QfFigures } from '../../attestations/issue';
import { euros } from '../../attestations/snapshot';

/** The views of « Mes attestations » (src/journeys/attestations/pages.ts). */
export const ATTESTATIONS_PATH = '/mon-espace/attestations';
export const PAYMENT_FORM_PATH = `${ATTESTATIONS_PATH}/paiement`;
export const QF_FORM_PATH = `${ATTESTATIONS_PATH}/quotient-familial`;
export const attestationPath = (id: string) => `${ATTESTATIONS_PATH}/${id}`;
export const pdfPath = (id: string) => `${attestationPath(id)}/pdf`;

const STATUS = ATTESTATION_STATUS_LABELS;
const STATUS_CLASS: Record<IssuedAttestation['status'], string> = {
  valide: 'govuk-tag--green',
  expiree: 'govuk-tag--grey',
  revoquee: 'govuk-tag--red',
};

export function statusTag(s: IssuedAttestation['status']): SafeHtml {
  return html`<strong class="govuk-tag ${STATUS_CLASS[s]}">${STATUS[s]}</strong>`;
}

export function checksLabel(a: Pick<IssuedAttestation, 'checkedCount' | 'refusedCount'>): string {
  const n = a.checkedCount;
  const r = a.refusedCount;
  const checked = n === 0 ? 'jamais vérifiée' : `vérifiée ${n} fois`;
  return r ? `${checked} ; ${r} tentative${r > 1 ? 's' : ''} avec un autre nom refusée${r > 1 ? 's' : ''}` : checked;
}

/** « valable jusqu’au 31 décembre 2026 », « expirée : elle était valable jusqu’au … », « révoquée le … » */
export function validityText(a: Pick<IssuedAttestation, 'status' | 'expiresAt' | 'revokedAt'>): string {
  if (a.status === 'revoquee' && a.revokedAt !== null) return `révoquée le ${frenchDateTime(a.revokedAt)}`;
  if (a.status === 'expiree') return `expirée : elle était valable jusqu’au ${frenchValidUntil(a.expiresAt)}`;
  return `valable jusqu’au ${frenchValidUntil(a.expiresAt)}`;
}

/**
 * An expired attestation is still the person's document (its PDF can be kept), but no longer a
 * proof: said plainly, with the way to a new one of the same kind.
 */
function expiredNotice(a: IssuedAttestation): SafeHtml {
  const newOne =
    a.kind === 'paiement'
      ? { href: PAYMENT_FORM_PATH, text: 'Obtenir une nouvelle attestation de paiement' }
      : { href: QF_FORM_PATH, text: 'Obtenir une nouvelle attestation de quotient familial' };
  return html`${warningText(
    `Cette attestation est expirée : elle était valable jusqu’au ${frenchValidUntil(a.expiresAt)}. Elle ne vaut plus comme justificatif, et la page de vérification répond « expirée » à qui saisit son code.`,
  )}
<p class="govuk-body"><a class="govuk-link govuk-!-font-weight-bold" href="${newOne.href}">${newOne.text}</a></p>
<p class="govuk-body">Vous pouvez encore la télécharger pour la garder dans vos papiers : <a class="govuk-link" href="${pdfPath(a.id)}" download>télécharger l’attestation expirée (PDF)</a>.</p>`;
}

/** « Cette attestation n’a jamais été vérifiée. », « … a été vérifiée 2 fois ; 1 tentative … refusée. » */
export function checksSentence(a: Pick<IssuedAttestation, 'checkedCount' | 'refusedCount'>): string {
  const n = a.checkedCount;
  const r = a.refusedCount;
  const head = n === 0 ? 'Cette attestation n’a jamais été vérifiée' : `Cette attestation a été vérifiée ${n} fois`;
  return `${head}${r ? ` ; ${r} tentative${r > 1 ? 's' : ''} avec un autre nom ${r > 1 ? 'ont été refusées' : 'a été refusée'}` : ''}.`;
}

function subject(a: IssuedAttestation): string {
  const s = a.snapshot;
  if (s.kind !== 'paiement') return `Quotient familial ${deDate(frenchMonth(s.month))}`;
  return `Paiements ${s.from === s.to ? deDate(frenchMonth(s.from)) : periodLabel(s)}`;
}

export function listPage(req: FastifyRequest, list: IssuedAttestation[], mayIssue: boolean): SafeHtml {
  return accountPage(
    req,
    { title: 'Mes attestations', backLink: backLink('/mon-espace') },
    html`<h1 class="govuk-heading-l">Mes attestations</h1>
<p class="govuk-body">Une attestation de paiement ou de quotient familial, à remettre par exemple à un bailleur, une banque ou la cantine scolaire. Vous choisissez ce qu’elle montre. Celui qui la reçoit peut la vérifier sur la page publique «&nbsp;Vérifier une attestation&nbsp;», avec son code et votre nom.</p>
${
  mayIssue
    ? html`<ul class="govuk-list">
  <li><a class="govuk-link govuk-!-font-weight-bold" href="${PAYMENT_FORM_PATH}">Obtenir une attestation de paiement</a></li>
  <li><a class="govuk-link govuk-!-font-weight-bold" href="${QF_FORM_PATH}">Obtenir une attestation de quotient familial</a></li>
</ul>`
    : insetText(
        'Seul le responsable du dossier, ou son conjoint s’il a reçu une autorisation de gestion, peut obtenir une attestation de paiement ou de quotient familial du dossier.',
      )
}
<h2 class="govuk-heading-m">Attestations délivrées</h2>
${
  list.length
    ? html`<ul class="govuk-list mc-attestations">${list.map(
        (a) => html`<li class="govuk-!-margin-bottom-4">
  <a class="govuk-link govuk-!-font-weight-bold" href="${attestationPath(a.id)}">${kindTitle(a.kind)} — ${subject(a)}</a> ${statusTag(a.status)}<br>
  <span class="govuk-body-s">Délivrée le ${frenchDateTime(a.issuedAt)}, ${validityText(a)}&nbsp;; ${checksLabel(a)}.</span>
</li>`,
      )}</ul>`
    : html`<p class="govuk-body">Vous n’avez encore demandé aucune attestation.</p>`
}`,
  );
}

export function detailPage(
  req: FastifyRequest,
  a: IssuedAttestation,
  o: { justIssued?: boolean; justRevoked?: boolean; verifyUrl: string },
): SafeHtml {
  const revoked = a.status === 'revoquee';
  return accountPage(
    req,
    { title: kindTitle(a.kind), backLink: backLink(ATTESTATIONS_PATH, 'Mes attestations') },
    html`${
      o.justRevoked
        ? successBanner(
            'L’attestation est révoquée.',
            html`<p class="govuk-body">La page de vérification répond désormais «&nbsp;révoquée&nbsp;» à qui saisit son code. Elle ne peut plus être téléchargée.</p>`,
          )
        : ''
    }${
      o.justIssued
        ? html`<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">Votre attestation est prête</h1><div class="govuk-panel__body">Code de vérification<br><strong class="mc-code">${a.code}</strong></div></div>`
        : html`<h1 class="govuk-heading-l">${kindTitle(a.kind)}</h1><p class="govuk-body">Code de vérification : <strong class="mc-code">${a.code}</strong></p>`
    }
<p class="govuk-body">${statusTag(a.status)} Délivrée le ${frenchDateTime(a.issuedAt)}, ${validityText(a)}.</p>
${
  revoked
    ? html`<p class="govuk-body">Une attestation révoquée ne peut plus être téléchargée. Si vous avez besoin d’une attestation, <a class="govuk-link" href="${ATTESTATIONS_PATH}">demandez-en une nouvelle</a>.</p>`
    : a.status === 'expiree'
      ? expiredNotice(a)
      : html`<p class="govuk-body"><a class="govuk-link govuk-!-font-weight-bold" href="${pdfPath(a.id)}" download>Télécharger l’attestation (PDF)</a></p>`
}
<h2 class="govuk-heading-m">Ce qu’elle certifie</h2>
${summaryList(certifiedRows(a.snapshot))}
<h2 class="govuk-heading-m">Vérifications</h2>
<p class="govuk-body">${checksSentence(a)} Vous ne voyez que ce nombre : ni qui l’a vérifiée, ni d’où.</p>
<p class="govuk-body">Celui qui la reçoit la vérifie à l’adresse <strong>${o.verifyUrl}</strong> avec le code et votre nom de famille. Il voit alors ce qu’elle certifie, rien d’autre.</p>
${
  revoked
    ? ''
    : html`<h2 class="govuk-heading-m">Révoquer cette attestation</h2>
<p class="govuk-body">Si vous l’avez remise par erreur ou si elle n’est plus à jour : une fois révoquée, la page de vérification répondra «&nbsp;révoquée&nbsp;». C’est définitif.</p>
${form({ action: `${attestationPath(a.id)}/revoquer`, csrfToken: req.csrfToken }, button('Révoquer l’attestation', { secondary: true }))}`
}`,
  );
}

/** The months offered for a period: the current one first, back to `count` months. */
export function monthOptions(now: number, count: number): string[] {
  const current = currentMonth(now);
  return Array.from({ length: count }, (_, i) => addMonths(current, -i));
}

export function monthSelect(o: { name: string; label: string; months: string[]; value: string; errors: Errors }): SafeHtml {
  const e = errorFor(o.errors, o.name);
  return html`<div class="govuk-form-group${e ? ' govuk-form-group--error' : ''}">
  <label class="govuk-label" for="${o.name}">${o.label}</label>
  ${e ? html`<p id="${o.name}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Erreur :</span> ${e.message}</p>` : ''}
  <select class="govuk-select${e ? ' govuk-select--error' : ''}" id="${o.name}" name="${o.name}"${attr('aria-describedby', e ? `${o.name}-error` : undefined)}>
    ${o.months.map((m) => html`<option value="${m}"${attr('selected', m === o.value)}>${frenchMonth(m)}</option>`)}
  </select>
</div>`;
}

type ChoiceKey = keyof DisclosureChoices;
const CHOICE_LABELS: Record<ChoiceKey, { label: string; hint?: string }> = {
  detail: { label: 'Le détail par prestation et par mois', hint: 'Sinon, seul le total versé apparaît.' },
  sensitive: {
    label: 'Le nom des prestations liées au handicap ou du RSA',
    hint: 'AAH, AEEH, AJPA, RSA : sinon, elles sont regroupées sous «\u00a0Autres prestations\u00a0» dans le détail.',
  },
  dossierNumber: { label: 'Mon numéro allocataire' },
  address: { label: 'L’adresse du foyer' },
  childrenNames: { label: 'Le prénom des enfants à charge', hint: 'Sinon, seul leur nombre apparaît.' },
};

/** « Ce que l’attestation montre »: boxes, all unticked by default; the NIR is never offered. */
export function choicesFieldset(keys: ChoiceKey[], values: DisclosureChoices): SafeHtml {
  return html`<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="choix-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 class="govuk-fieldset__heading">Ce que l’attestation montre</h2></legend>
    <div id="choix-hint" class="govuk-hint">Par défaut, l’attestation ne montre que votre nom et ${keys.includes('detail') ? 'le total versé' : 'le quotient familial'}. Cochez ce que vous voulez y ajouter. Votre numéro de sécurité sociale n’y figure jamais.</div>
    <div class="govuk-checkboxes" data-module="govuk-checkboxes">
      ${keys.map((k) => {
        const c = CHOICE_LABELS[k];
        return html`<div class="govuk-checkboxes__item">
        <input class="govuk-checkboxes__input" id="${k}" name="${k}" type="checkbox" value="oui"${attr('checked', values[k])}${attr('aria-describedby', c.hint ? `${k}-hint` : undefined)}>
        <label class="govuk-label govuk-checkboxes__label" for="${k}">${c.label}</label>
        ${c.hint ? html`<div id="${k}-hint" class="govuk-hint govuk-checkboxes__hint">${c.hint}</div>` : ''}
      </div>`;
      })}
    </div>
  </fieldset>
</div>`;
}

export function issueFormPage(
  req: FastifyRequest,
  o: { title: string; intro: SafeHtml; action: string; fields: SafeHtml; errors?: Errors; submit: string },
): SafeHtml {
  return accountPage(
    req,
    { title: o.title, hasErrors: !!o.errors?.length, backLink: backLink(ATTESTATIONS_PATH, 'Mes attestations') },
    html`${errorSummary(o.errors)}
<h1 class="govuk-heading-l">${o.title}</h1>
${o.intro}
${form({ action: o.action, csrfToken: req.csrfToken }, html`${o.fields}${button(o.submit)}`)}`,
  );
}

const decimal = (n: number) => String(n).replace('.', ',');

/** « 2 parts (vous, seul ou en couple) + 0,5 + 0,5 pour vos 2 enfants à charge » */
export function partsExplained(f: Pick<QfFigures, 'children' | 'result'>): string {
  const n = f.children.length;
  if (n === 0) return `${decimal(f.result.parts)} parts (vous, seul ou en couple ; pas d’enfant à charge)`;
  const added = f.children.map((_, i) => (i === 2 ? '1' : '0,5')).join(' + ');
  return `${decimal(f.result.parts)} parts : 2 (vous, seul ou en couple) + ${added} pour ${n === 1 ? 'votre enfant' : `vos ${n} enfants`} à charge`;
}

/** The computation of a month's QF with the figures the Caf holds, before the person issues the attestation. */
export function qfFiguresSection(f: QfFigures, agencyPhone: string): SafeHtml {
  return html`<h2 class="govuk-heading-m">Votre quotient familial pour ${frenchMonth(f.month)}</h2>
${summaryList([
  {
    key: `Revenus imposables ${f.resources.year} du foyer`,
    value: `${euros(f.resources.annualCents)}, soit ${euros(Math.round(f.resources.annualCents / 12))} par mois`,
  },
  { key: `Prestations pour ${frenchMonth(f.month)}`, value: euros(f.monthlyPrestationsCents) },
  { key: 'Ressources du mois', value: euros(f.result.monthlyResourcesCents) },
  { key: 'Nombre de parts', value: partsExplained(f) },
  { key: 'Quotient familial', value: `${f.result.qfEuros} € (ressources du mois ÷ ${decimal(f.result.parts)})` },
])}
<p class="govuk-body">Les revenus sont ceux de ${f.resources.year}, transmis à la Caf par l’administration fiscale : le quotient familial d’un mois de ${f.resources.year + 2} se calcule sur les revenus de ${f.resources.year}. L’attestation montre le quotient familial, le nombre de parts, l’année des revenus et les prestations du mois, mais pas le montant de vos revenus. Si ces montants vous semblent faux, appelez votre Caf au ${agencyPhone}.</p>`;
}
