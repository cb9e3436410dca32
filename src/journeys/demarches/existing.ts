import type { FastifyRequest } from 'fastify';
import { currentDroits, existingRequests, type CurrentDroit, type ExistingRequest } from '../../demarches/duplicates';
import { can } from '../../household/permissions';
import { formatEuros } from '../../payments/inputs';
import { frenchMonth } from '../../payments/months';
import { agencyDay } from '../../shared/french-time';
import { NEW_PATH as NEW_MESSAGE_PATH } from '../contact-caf/views';
import { DROITS_PATH } from '../droits/views';
import { PATHS as HOUSEHOLD_PATHS } from '../household/common';
import { STATUS_LABELS } from '../../demarches/machine';
import { requestActor } from '../../http/require-permission';
import type { Prestation } from '../../prestations/catalogue';
import { html, type SafeHtml } from '../../http/views/html';
import { DEMARCHES_PATH, frenchDate } from './pages';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type DemarchesExistingDeps = Pick<JourneyDeps, 'clock' | 'database'>;

/**
 * « Une demande … existe déjà »: a second request for the same prestation is flagged, with a link
 * to the first when the person may open it (src/demarches/duplicates.ts) — on the prestation page,
 * on « Faire la demande », and on each step of a form started anyway.
 */
const CHANGES_PATH = HOUSEHOLD_PATHS.changes;

/** « de Prime d’activité », « d’Aide au logement » */
const of = (title: string) => (/^[aeiouyàâäéèêëîïôöùûüœ]/i.test(title) ? `d’${title}` : `de ${title}`);

function line(e: ExistingRequest, title: string): SafeHtml {
  const on = frenchDate(e.at);
  const ref = e.reference ? html` (référence ${e.reference})` : '';
  const link = e.visible
    ? html` <a class="govuk-link" href="${DEMARCHES_PATH}/${e.id}${e.status === 'brouillon' ? '/reprendre' : ''}">${e.status === 'brouillon' ? 'Reprendre cette demande' : 'Voir le suivi de cette demande'}<span class="govuk-visually-hidden"> ${of(title)}</span></a>`
    : '';
  if (e.mine && e.status === 'brouillon')
    return html`Vous avez commencé une demande ${of(title)} le ${on} : elle n’est pas encore envoyée.${link}`;
  if (e.mine)
    return html`Vous avez envoyé une demande ${of(title)} le ${on}${ref}. Son statut : ${STATUS_LABELS[e.status].toLowerCase()}.${link}`;
  if (e.status === 'brouillon')
    return html`${e.author} a commencé une demande ${of(title)} pour votre foyer le ${on} : elle n’est pas encore envoyée. Voyez avec cette personne avant d’en faire une autre.`;
  return html`${e.author} a envoyé une demande ${of(title)} pour votre foyer le ${on}${ref}. Son statut : ${STATUS_LABELS[e.status].toLowerCase()}.${link}`;
}

export function existingWarning(list: readonly ExistingRequest[], title: string): SafeHtml {
  if (!list.length) return html``;
  return html`<div class="govuk-warning-text mc-existing"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><div class="govuk-warning-text__text"><span class="govuk-visually-hidden">Attention</span>
<p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2">Une demande ${of(title)} existe déjà.</p>
${list.map((e) => html`<p class="govuk-body govuk-!-margin-bottom-2">${line(e, title)}</p>`)}
<p class="govuk-body govuk-!-margin-bottom-0">Une seconde demande n’accélère pas la première : suivez plutôt celle qui existe.</p></div></div>`;
}

/**
 * « Vous recevez déjà cette aide »: a prestation the dossier already receives is not asked for again —
 * it goes on being paid; a change of situation is declared (« Déclarer un changement » for who
 * manages the dossier, a message to the Caf otherwise), and the droit is read in « Mes droits ».
 */
export function receivedWarning(list: readonly CurrentDroit[], title: string, o: { managesDossier: boolean }): SafeHtml {
  if (!list.length) return html``;
  const household = list.some((x) => x.household);
  const write = html`<a class="govuk-link" href="${NEW_MESSAGE_PATH}">écrivez à la Caf</a>`;
  return html`<div class="govuk-warning-text mc-existing"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><div class="govuk-warning-text__text"><span class="govuk-visually-hidden">Attention</span>
<p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2">${household ? 'Votre foyer reçoit déjà cette aide' : 'Vous recevez déjà cette aide'} : ${title}.</p>
${list.map((x) => html`<p class="govuk-body govuk-!-margin-bottom-2">${formatEuros(x.monthlyAmountCents)} par mois depuis ${frenchMonth(x.since)}.</p>`)}
<p class="govuk-body govuk-!-margin-bottom-2">Vous n’avez pas à la demander de nouveau : elle continue d’être versée tant que vous y avez droit. Une nouvelle demande ne la remplacerait pas et ne serait pas étudiée.</p>
<p class="govuk-body govuk-!-margin-bottom-2">Si votre situation a changé, ne faites pas de nouvelle demande : ${
    o.managesDossier
      ? html`un déménagement se déclare avec <a class="govuk-link" href="${CHANGES_PATH}">Déclarer un changement</a> ; pour tout autre changement (loyer, ressources, famille), ${write}.`
      : html`${write} pour le signaler.`
  }</p>
<p class="govuk-body govuk-!-margin-bottom-0"><a class="govuk-link" href="${DROITS_PATH}">Voir mes droits</a></p></div></div>`;
}

/** The warnings for a signed-in person about to ask (or asking, in `except`) for this prestation. */
export async function existingFor(ctx: DemarchesExistingDeps, req: FastifyRequest, p: Prestation, except?: string): Promise<SafeHtml> {
  if (!req.account || !p.online) return html``;
  const actor = await requestActor(ctx, req);
  const d = { db: ctx.database.db, now: () => ctx.clock.now() };
  const received = await currentDroits(d, actor, p);
  const list = await existingRequests(d, actor, p, except);
  const managesDossier = can(actor, 'manage_dossier', agencyDay(ctx.clock.now())).allowed;
  return html`${receivedWarning(received, p.title, { managesDossier })}${existingWarning(list, p.title)}`;
}
