import type { FastifyRequest } from 'fastify';
import { existingRequests, type ExistingRequest } from '../../demarches/duplicates';
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

/** The warning for a signed-in person about to ask (or asking, in `except`) for this prestation. */
export async function existingFor(ctx: DemarchesExistingDeps, req: FastifyRequest, p: Prestation, except?: string): Promise<SafeHtml> {
  if (!req.account || !p.online) return html``;
  const actor = await requestActor(ctx, req);
  const list = await existingRequests({ db: ctx.database.db, now: () => ctx.clock.now() }, actor, p, except);
  return existingWarning(list, p.title);
}
