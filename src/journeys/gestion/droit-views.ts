import { type AmountPeriod, periodText } from '../../payments/amounts';
import { formatEuros } from '../../payments/inputs';
import { frenchMonth } from '../../payments/months';
import type { AdjustmentKind } from '../../db/tables/payments.table';
import { formatDateTime, successBanner } from '../../http/views/account-page';
import { html, type SafeHtml } from '../../http/views/html';

/** What the Caf side's droit page (./droits.ts) shows besides its forms: amounts per period, rappels and indus, the banner after an action. */

export interface AdjustmentRow {
  kind: AdjustmentKind;
  month: string;
  amount_cents: number;
  reason: string;
  change_seq: number;
  settled_at: number | null;
}

const KIND: Record<AdjustmentKind, string> = { rappel: 'Rappel', indu: 'Trop-perçu (indu)' };

/** The amount of each period, truthfully: the months paid at the old amount stay shown at it. */
export function amountPeriodsTable(periods: readonly AmountPeriod[]): SafeHtml {
  return html`<table class="govuk-table">
  <caption class="govuk-table__caption govuk-table__caption--m">Montant mensuel par période</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Période</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Montant mensuel</th></tr></thead>
  <tbody class="govuk-table__body">${periods.map(
    (p) =>
      html`<tr class="govuk-table__row"><td class="govuk-table__cell">${periodText(p)}</td><td class="govuk-table__cell govuk-table__cell--numeric">${formatEuros(p.amountCents)}</td></tr>`,
  )}</tbody>
</table>`;
}

/** The rappels and indus the droit's changes created, and whether each is settled. */
export function adjustmentsSection(rows: readonly AdjustmentRow[]): SafeHtml {
  return html`<h2 class="govuk-heading-m">Rappels et trop-perçus</h2>
${
  rows.length === 0
    ? html`<p class="govuk-body">Aucun changement de ce droit n’a touché un mois déjà payé : ni rappel ni trop-perçu.</p>`
    : html`<ul class="govuk-list govuk-list--spaced">${rows.map(
        (a) =>
          html`<li><strong>${frenchMonth(a.month)} : ${KIND[a.kind].toLowerCase()} de ${formatEuros(a.amount_cents)}</strong>, ${
            a.settled_at !== null
              ? `réglé le ${formatDateTime(a.settled_at)}`
              : a.kind === 'rappel'
                ? 'à verser avec le prochain paiement'
                : 'à retenir sur les prochains paiements'
          }<br><span class="govuk-body-s">${a.reason}</span></li>`,
      )}</ul>`
}`;
}

/** What the agent just did, after the redirect: `fait` of the address; for a change, the rappels and indus it created. */
export type DroitDone = 'montant' | 'fin' | 'liberation';
export const DROIT_DONE: Record<DroitDone, string> = {
  montant: 'Le montant du droit est changé. La personne en est informée.',
  fin: 'La fin du droit est enregistrée. La personne en est informée.',
  liberation: 'Le paiement est libéré : il est versé sur le compte bancaire du dossier.',
};

export function doneBanner(done: DroitDone, created: readonly AdjustmentRow[] | null): SafeHtml {
  if (created === null) return successBanner(DROIT_DONE[done], '');
  const total = (k: AdjustmentKind) => created.filter((a) => a.kind === k).reduce((s, a) => s + a.amount_cents, 0);
  const body =
    created.length === 0
      ? html`<p class="govuk-body">Ce changement ne touche aucun mois déjà payé : il ne crée ni rappel ni trop-perçu.</p>`
      : html`<p class="govuk-body">Ce changement touche des mois déjà payés. Il a créé :</p>
<ul class="govuk-list govuk-list--bullet">${created.map((a) => html`<li>${a.kind === 'rappel' ? 'un rappel' : 'un trop-perçu'} de ${formatEuros(a.amount_cents)} pour ${frenchMonth(a.month)}</li>`)}</ul>
<p class="govuk-body">${[
          total('rappel') ? `Rappels : ${formatEuros(total('rappel'))}, versés avec le prochain paiement.` : '',
          total('indu') ? `Trop-perçus : ${formatEuros(total('indu'))}, retenus sur les prochains paiements dans la limite prévue.` : '',
        ]
          .filter(Boolean)
          .join(' ')}</p>`;
  return successBanner(DROIT_DONE[done], body);
}
