import type { FastifyInstance } from 'fastify';
import { displayName } from '../../accounts/repository';
import { AGENT_PATH, requireAgentRole } from '../../http/agent-session';
import { AGENT_STATUSES, SearchFilters, findByReference, searchDemarches, type DemarcheRow } from '../../agents/search';
import { REFERENCE_PATTERN } from '../../demarches/reference';
import { STATUS_LABELS } from '../../demarches/machine';
import { fieldError, type FieldError } from '../../errors/app-error';
import { prestations } from '../../prestations/catalogue';
import { sendHtml } from '../../http/errors';
import { errorSummary } from '../../http/views/components';
import { attr, html, type SafeHtml } from '../../http/views/html';
import { formatDateTime } from '../../http/views/account-page';
import { statusTag } from './detail';
import { agentPage } from './frame';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type GestionListDeps = Pick<JourneyDeps, 'agentSessions' | 'clock' | 'config' | 'database'>;

/** GET /gestion/demarches: the sent démarches, filtered by status, prestation and date of submission (a GET form: filters stay in the address). */
export const LIST_PATH = `${AGENT_PATH}/demarches`;
export const demarchePath = (id: string) => `${LIST_PATH}/${encodeURIComponent(id)}`;

type RawFilters = Record<string, string | undefined>;

function select(name: string, label: string, options: { value: string; label: string }[], value: string | undefined): SafeHtml {
  return html`<div class="govuk-form-group mc-filter">
  <label class="govuk-label" for="${name}">${label}</label>
  <select class="govuk-select" id="${name}" name="${name}">
    <option value="">Tous</option>
    ${options.map((o) => html`<option value="${o.value}"${attr('selected', o.value === value)}>${o.label}</option>`)}
  </select>
</div>`;
}

function referenceField(value: string | undefined, errors: FieldError[]): SafeHtml {
  const e = errors.find((x) => x.field === 'reference');
  return html`<div class="govuk-form-group${e ? ' govuk-form-group--error' : ''}">
  <label class="govuk-label govuk-label--m" for="reference">Chercher par référence</label>
  <div id="reference-hint" class="govuk-hint">La référence figure sur l’accusé de réception, par exemple MC-2026-K3QX-9PMA</div>
  ${e ? html`<p id="reference-error" class="govuk-error-message"><span class="govuk-visually-hidden">Erreur :</span> ${e.message}</p>` : ''}
  <input class="govuk-input govuk-input--width-20${e ? ' govuk-input--error' : ''}" type="search" id="reference" name="reference" maxlength="30" spellcheck="false" autocomplete="off"${attr('value', value)} aria-describedby="reference-hint${e ? ' reference-error' : ''}">
</div>`;
}

function dateField(name: string, label: string, value: string | undefined, errors: FieldError[]): SafeHtml {
  const e = errors.find((x) => x.field === name);
  return html`<div class="govuk-form-group mc-filter${e ? ' govuk-form-group--error' : ''}">
  <label class="govuk-label" for="${name}">${label}</label>
  ${e ? html`<p id="${name}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Erreur :</span> ${e.message}</p>` : ''}
  <input class="govuk-input govuk-input--width-10${e ? ' govuk-input--error' : ''}" type="date" id="${name}" name="${name}"${attr('value', value)}${attr('aria-describedby', e ? `${name}-error` : undefined)}>
</div>`;
}

function table(rows: DemarcheRow[], reference: string | undefined): SafeHtml {
  if (rows.length === 0)
    return html`<p class="govuk-body">${
      reference
        ? `Aucune démarche envoyée ne porte une référence contenant « ${reference} ». Vérifiez la référence, de la forme MC-2026-K3QX-9PMA, sur l’accusé de réception de la personne.`
        : 'Aucune démarche ne correspond à ces critères.'
    }</p>`;
  return html`<div class="mc-table-scroll" role="region" aria-label="Démarches envoyées" tabindex="0"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-table__caption--m">Démarches envoyées, les plus anciennes d’abord</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">
    <th scope="col" class="govuk-table__header">Référence</th>
    <th scope="col" class="govuk-table__header">Prestation</th>
    <th scope="col" class="govuk-table__header">Demandeur</th>
    <th scope="col" class="govuk-table__header">Envoyée le</th>
    <th scope="col" class="govuk-table__header">Statut</th>
  </tr></thead>
  <tbody class="govuk-table__body">
    ${rows.map(
      (r) => html`<tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link" href="${demarchePath(r.id)}">${r.reference ?? r.id}</a></td>
      <td class="govuk-table__cell">${prestations.find((p) => p.slug === r.prestation)?.title ?? r.prestation}</td>
      <td class="govuk-table__cell">${displayName(r)}</td>
      <td class="govuk-table__cell">${r.submitted_at ? formatDateTime(r.submitted_at) : '—'}</td>
      <td class="govuk-table__cell">${statusTag(r.status)}${r.pieces_arrived ? html` <strong class="govuk-tag govuk-tag--purple mc-pieces">Pièces reçues</strong>` : ''}</td>
    </tr>`,
    )}
  </tbody>
</table></div>`;
}

/** The address of the same search on another page. */
function pageHref(raw: RawFilters, page: number): string {
  const q = new URLSearchParams();
  for (const k of ['reference', 'statut', 'prestation', 'pieces', 'du', 'au']) if (raw[k]) q.set(k, raw[k]!);
  q.set('page', String(page));
  return `${LIST_PATH}?${q.toString()}`;
}

export function agentListRoutes(app: FastifyInstance, ctx: GestionListDeps): void {
  const instructing = requireAgentRole(ctx, 'instruction');
  app.get(LIST_PATH, { preHandler: instructing }, async (req, reply) => {
    const raw = req.query as RawFilters;
    const parsed = SearchFilters.safeParse(raw);
    const errors: FieldError[] = parsed.success
      ? []
      : [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].map((f) =>
          fieldError(
            f,
            'AGENT_FILTER_INVALID',
            f === 'du' || f === 'au'
              ? 'Saisissez une date valide, par exemple 27/11/2026.'
              : f === 'reference'
                ? 'Saisissez une référence de la forme MC-2026-K3QX-9PMA (lettres, chiffres et tirets).'
                : undefined,
          ),
        );
    const filters = parsed.success ? parsed.data : {};
    // The exact reference of a sent démarche: straight to it.
    if (filters.reference && REFERENCE_PATTERN.test(filters.reference)) {
      const id = await findByReference(ctx.database.db, filters.reference);
      if (id) return reply.redirect(demarchePath(id), 303);
    }
    const { rows, hasMore } = await searchDemarches(ctx.database.db, filters);
    const page = parsed.success ? (parsed.data.page ?? 1) : 1;
    return sendHtml(
      reply,
      agentPage(
        req,
        { title: 'Démarches à traiter', width: 'full', hasErrors: errors.length > 0 },
        html`${errorSummary(errors)}
<h1 class="govuk-heading-l">Démarches</h1>
<form method="get" action="${LIST_PATH}" class="mc-filters" role="search" aria-label="Chercher une démarche par sa référence" novalidate>
  ${referenceField(raw.reference, errors)}
  <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Chercher</button>
</form>
<form method="get" action="${LIST_PATH}" class="mc-filters" novalidate>
  <fieldset class="govuk-fieldset">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Filtrer</legend>
    <div class="mc-filters__row">
      ${select(
        'statut',
        'Statut',
        AGENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
        raw.statut,
      )}
      ${select(
        'prestation',
        'Prestation',
        prestations.filter((p) => p.online).map((p) => ({ value: p.slug, label: p.title })),
        raw.prestation,
      )}
      ${select('pieces', 'Pièces', [{ value: 'recues', label: 'Pièces reçues, à examiner' }], raw.pieces)}
      ${dateField('du', 'Envoyée à partir du', raw.du, errors)}
      ${dateField('au', 'Envoyée jusqu’au', raw.au, errors)}
    </div>
    <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Appliquer les filtres</button>
    <a class="govuk-link mc-filters__reset" href="${LIST_PATH}">Effacer les filtres</a>
  </fieldset>
</form>
${table(rows, parsed.success ? filters.reference : undefined)}
<nav class="govuk-pagination" aria-label="Pagination">
  ${page > 1 ? html`<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" href="${pageHref(raw, page - 1)}" rel="prev"><span class="govuk-pagination__link-title">Page précédente</span></a></div>` : ''}
  ${hasMore ? html`<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" href="${pageHref(raw, page + 1)}" rel="next"><span class="govuk-pagination__link-title">Page suivante</span></a></div>` : ''}
</nav>`,
      ),
      errors.length ? 400 : 200,
    );
  });
}
