import { html, type SafeHtml } from '../../http/views/html';
import { maskedIban } from '../../http/views/components';
import { formatDateTime } from '../../http/views/account-page';
import { amountPeriods, periodText } from '../../payments/amounts';
import { formatEuros } from '../../payments/inputs';
import { frenchDay, frenchMonth } from '../../payments/months';
import { deDate } from '../../shared/french-time';
import type { PaymentLine } from '../../payments/reader';
import { ACCEPTED_WITHOUT_MOTIF } from '../../payments/acceptance';
import type { DroitChange } from '../../db/tables/payments.table';
import { findPrestation } from '../../prestations/catalogue';
import type { Civility } from '../../household/names';
import { leftDossierText } from '../household/common';
import { agencyDay } from '../../shared/french-time';
import type { FormerDossier, MonthOfPayments, PaymentsView, VisibleDroits } from './use-cases';

/** The views of « Mes droits » and « Mes paiements » (server-rendered, tables that wrap at 320 px). */
export const DROITS_PATH = '/mon-espace/droits';
export const PAYMENTS_PATH = '/mon-espace/paiements';

export const STATUS_LABELS: Record<PaymentLine['status'], string> = { programme: 'Programmé', verse: 'Versé', en_attente: 'En attente' };
const STATUS_CLASSES: Record<PaymentLine['status'], string> = {
  programme: 'govuk-tag--blue',
  verse: 'govuk-tag--green',
  en_attente: 'govuk-tag--orange',
};
const KIND_LABELS: Record<PaymentLine['kind'], string> = {
  droit: '',
  rappel: 'Rappel versé avec ce paiement',
  indu: 'Retenue sur ce paiement',
};

export const prestationTitle = (slug: string) => findPrestation(slug)?.title ?? slug;
const statusTag = (s: PaymentLine['status']) => html`<strong class="govuk-tag ${STATUS_CLASSES[s]}">${STATUS_LABELS[s]}</strong>`;

/** Who reads the page, and the dossiers they left (a separation), whose droits that concerned them stay shown. */
export interface Reader {
  civility: Civility;
  former: readonly FormerDossier[];
}

const leftOn = (f: FormerDossier) => frenchDay(agencyDay(f.leftAt));

/** A dossier left: what it was, and that what follows is kept for the person to read. */
const formerHeading = (f: FormerDossier, what: 'droits' | 'paiements') =>
  html`<h2 class="govuk-heading-l">Dossier n° ${f.dossierNumber}, quitté le ${leftOn(f)}</h2>
<p class="govuk-body">${
    what === 'droits'
      ? 'Voici les droits qui vous concernaient sur ce dossier, pour mémoire.'
      : 'Voici les paiements qui vous concernaient sur ce dossier jusqu’à votre départ, pour mémoire.'
  }</p>`;

function emptyText(scope: VisibleDroits['scope'], what: 'droits' | 'paiements', reader: Reader): SafeHtml {
  const left = reader.former[0];
  if (scope === 'aucun' && left)
    return html`<p class="govuk-body">${leftDossierText(left, reader.civility)} Aucun ${what === 'droits' ? 'droit n’est ouvert' : 'paiement n’est prévu'} à votre nom pour le moment : pour recevoir une prestation, <a class="govuk-link" href="/aides-et-demarches">faites votre propre demande</a>.</p>`;
  if (scope === 'aucun')
    return html`<p class="govuk-body">Vous n’êtes rattaché à aucun dossier allocataire : vous n’avez pas encore de ${what === 'droits' ? 'droit' : 'paiement'}. Quand la Caf accepte une demande, ${what === 'droits' ? 'le droit ouvert' : 'ses paiements'} s’affiche${what === 'droits' ? '' : 'nt'} ici.</p>`;
  return html`<p class="govuk-body">${what === 'droits' ? 'Aucun droit ouvert' : 'Aucun paiement'} ${scope === 'foyer' ? 'sur votre dossier' : 'qui vous concerne'} pour le moment.</p>`;
}

/** To those who see only what concerns them (not the dossier's managers): each page says it of its own things. */
const PERSONAL_SCOPE: Record<'droits' | 'paiements', string> = {
  droits: 'Vous voyez les droits qui vous concernent. Le responsable du dossier voit ceux de tout le foyer.',
  paiements: 'Vous voyez les paiements qui vous concernent. Le responsable du dossier voit ceux de tout le foyer.',
};

const scopeText = (scope: VisibleDroits['scope'], what: 'droits' | 'paiements') =>
  scope === 'personnel' ? html`<p class="govuk-body">${PERSONAL_SCOPE[what]}</p>` : '';

/**
 * The monthly amount as it truly was, period by period: one amount all along is the amount; after a
 * change from a month on, each period with its amount (« 245,50 € par mois en octobre 2026 », then
 * « 200,00 € par mois depuis novembre 2026 »), the months already paid staying at their amount.
 */
function amountText(d: VisibleDroits['droits'][number]): SafeHtml | string {
  const periods = amountPeriods(d, d.history);
  if (periods.length === 0) return 'Terminé';
  if (periods.length === 1) return formatEuros(periods[0]!.amountCents);
  return html`<ul class="govuk-list mc-amount-periods">${periods.map(
    (p) =>
      html`<li><strong>${formatEuros(p.amountCents)}</strong> par mois ${p.to === p.from ? `en ${periodText(p)}` : periodText(p)}</li>`,
  )}</ul>`;
}

/**
 * The motif of a change as the Caf gave it; a droit opened by a request accepted without a motif
 * says so, as the request's « Suivi de la demande » does (« La Caf n’a pas indiqué de motif »).
 */
function motifWords(c: DroitChange): string {
  if (c.kind === 'attribution' && c.motif === ACCEPTED_WITHOUT_MOTIF) return ', à la suite de la demande acceptée.';
  return `. Motif : « ${c.motif} »`;
}

function droitSection(d: VisibleDroits['droits'][number], level: 2 | 3): SafeHtml {
  const heading = level === 2 ? 'h2' : 'h3';
  return html`<section class="govuk-!-margin-bottom-8" aria-labelledby="droit-${d.id}">
  <${heading} class="govuk-heading-m" id="droit-${d.id}">${prestationTitle(d.prestation)}</${heading}>
  <dl class="govuk-summary-list">
    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Montant mensuel</dt><dd class="govuk-summary-list__value">${amountText(d)}</dd></div>
    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Depuis</dt><dd class="govuk-summary-list__value">${frenchMonth(d.first_month)}</dd></div>
    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Jusqu’à</dt><dd class="govuk-summary-list__value">${d.last_month ? frenchMonth(d.last_month) : 'Sans date de fin'}</dd></div>
  </dl>
  <${level === 2 ? 'h3' : 'h4'} class="govuk-heading-s">Historique</${level === 2 ? 'h3' : 'h4'}>
  <ul class="govuk-list">
    ${d.history.map(
      (c) =>
        html`<li><span class="govuk-body-s">${formatDateTime(c.at)}</span> : ${
          c.kind === 'attribution'
            ? `droit ouvert à partir ${deDate(frenchMonth(c.from_month))}, ${formatEuros(c.amount_cents ?? 0)} par mois`
            : c.kind === 'montant'
              ? `montant changé à partir ${deDate(frenchMonth(c.from_month))} : ${formatEuros(c.amount_cents ?? 0)} par mois (au lieu de ${formatEuros(c.previous_amount_cents ?? 0)})`
              : `droit terminé : dernier mois ${c.last_month ? frenchMonth(c.last_month) : ''}`
        }${motifWords(c)}</li>`,
    )}
  </ul>
</section>`;
}

export function droitsContent(v: VisibleDroits, reader: Reader): SafeHtml {
  return html`<h1 class="govuk-heading-xl">Mes droits</h1>
${scopeText(v.scope, 'droits')}
${v.droits.length === 0 ? emptyText(v.scope, 'droits', reader) : v.droits.map((d) => droitSection(d, 2))}
${reader.former.map(
  (f) => html`${formerHeading(f, 'droits')}
${f.droits.length ? f.droits.map((d) => droitSection(d, 3)) : html`<p class="govuk-body">Aucun droit ne vous concernait sur ce dossier.</p>`}`,
)}
<p class="govuk-body"><a class="govuk-link" href="${PAYMENTS_PATH}">Voir mes paiements</a></p>`;
}

function lineLabel(l: PaymentLine): SafeHtml {
  const kind = KIND_LABELS[l.kind];
  return html`${prestationTitle(l.prestation)}${kind ? html`<br><span class="govuk-body-s">${kind} — ${l.reason ?? ''}</span>` : ''}`;
}

/** « Janvier 2027 »: a month as a heading. */
const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Where the payments go; a new account still waiting says until when the payments wait. */
function bankAccountText(b: PaymentsView['bankAccount']): SafeHtml | '' {
  if (!b) return '';
  if (!b.waiting) return html`<p class="govuk-body">Les paiements sont versés sur le compte ${maskedIban(b.masked)}.</p>`;
  const until = b.waitingUntil
    ? `jusqu’à la fin du délai de vérification, le ${frenchDay(b.waitingUntil)}, ou jusqu’à sa confirmation par la Caf`
    : 'jusqu’à sa confirmation par la Caf';
  return html`<p class="govuk-body">Votre nouveau compte bancaire ${maskedIban(b.masked)} a été déclaré récemment : pour votre sécurité, les paiements restent en attente ${until}.</p>`;
}

function monthTable(m: MonthOfPayments): SafeHtml {
  return html`<table class="govuk-table mc-payments">
  <caption class="govuk-table__caption govuk-table__caption--m">${capitalized(frenchMonth(m.month))}</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">
    <th scope="col" class="govuk-table__header mc-payments__what">Prestation</th>
    <th scope="col" class="govuk-table__header govuk-table__header--numeric mc-payments__amount">Montant</th>
    <th scope="col" class="govuk-table__header mc-payments__when">Date et statut</th>
  </tr></thead>
  <tbody class="govuk-table__body">
    ${m.lines.map(
      (l) => html`<tr class="govuk-table__row">
      <td class="govuk-table__cell">${lineLabel(l)}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">${formatEuros(l.amountCents)}</td>
      <td class="govuk-table__cell">${l.paidOn ? html`<span class="mc-nowrap">${frenchDay(l.paidOn)}</span> ` : ''}${statusTag(l.status)}</td>
    </tr>`,
    )}
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header">Total</th>
      <td class="govuk-table__cell govuk-table__cell--numeric"><strong>${formatEuros(m.totalCents)}</strong></td>
      <td class="govuk-table__cell"></td>
    </tr>
  </tbody>
</table>`;
}

export function paymentsContent(v: PaymentsView, reader: Reader): SafeHtml {
  return html`<h1 class="govuk-heading-xl">Mes paiements</h1>
${scopeText(v.scope, 'paiements')}
${v.next ? html`<div class="govuk-inset-text">Prochain paiement : <strong>${formatEuros(v.next.totalCents)}</strong>, prévu le ${frenchDay(v.next.day)}.</div>` : ''}
${bankAccountText(v.bankAccount)}
${v.held && !v.bankAccount?.waiting ? html`<p class="govuk-body">${heldPaymentText(v.held)}</p>` : ''}
${
  v.months.length === 0
    ? emptyText(v.scope, 'paiements', reader)
    : html`<p class="govuk-body">Les prestations d’un mois sont versées le 5 du mois suivant. Voici vos paiements des 24 derniers mois, du plus récent au plus ancien.</p>
${v.months.map(monthTable)}`
}
${reader.former.map(
  (f) => html`${formerHeading(f, 'paiements')}
${f.months.length ? f.months.map(monthTable) : html`<p class="govuk-body">Aucun paiement ne vous concernait sur ce dossier.</p>`}`,
)}
<p class="govuk-body"><a class="govuk-link" href="${DROITS_PATH}">Voir mes droits</a></p>`;
}

/**
 * A payment held because the dossier's bank account is new, told where the person looks first
 * (« Mon espace »): how much, for which month, why, and the day it will be paid.
 */
export function heldPaymentText(h: NonNullable<PaymentsView['held']>): string {
  const many = h.months.length > 1;
  const months = h.months.map(frenchMonth);
  const which = months.length > 1 ? `${months.slice(0, -1).join(', ')} et ${months.at(-1)}` : months[0];
  const when =
    h.payableOn === null
      ? `${many ? 'ils seront versés' : 'il sera versé'} dès que la Caf aura vérifié le nouveau compte`
      : `${many ? 'ils seront versés' : 'il sera versé'} le ${frenchDay(h.payableOn)}, à la fin du délai de vérification, ou plus tôt si la Caf confirme le compte`;
  return `${many ? 'Vos paiements' : 'Votre paiement'} de ${formatEuros(h.totalCents)} pour ${which} ${many ? 'sont' : 'est'} en attente : le compte bancaire du dossier a été changé récemment. Pour votre sécurité, ${when}.`;
}

/**
 * How the last payment went, said once: « , versé le 5 décembre 2026 »; a month held in part
 * « , versé en partie le 5 décembre 2026 (le reste est en attente) »; held whole « (en attente) ».
 */
function lastPaidText(last: NonNullable<PaymentsView['last']>): string {
  const held = last.status === 'en_attente';
  if (!last.day) return ` (${STATUS_LABELS[last.status].toLowerCase()})`;
  return held ? `, versé en partie le ${frenchDay(last.day)} (le reste est en attente)` : `, versé le ${frenchDay(last.day)}`;
}

/** The box of « Mon espace »: the last payment and the next one. */
export function paymentsBox(v: PaymentsView): SafeHtml {
  if (!v.last && !v.next) return html``;
  return html`<h2 class="govuk-heading-m">Mes paiements</h2>
<ul class="govuk-list">
  ${v.last ? html`<li>Dernier paiement : ${formatEuros(v.last.totalCents)} pour ${frenchMonth(v.last.month)}${lastPaidText(v.last)}</li>` : ''}
  ${v.next ? html`<li>Prochain paiement : ${formatEuros(v.next.totalCents)}, prévu le ${frenchDay(v.next.day)}</li>` : ''}
</ul>
<p class="govuk-body"><a class="govuk-link" href="${PAYMENTS_PATH}">Mes paiements</a> · <a class="govuk-link" href="${DROITS_PATH}">Mes droits</a></p>`;
}
