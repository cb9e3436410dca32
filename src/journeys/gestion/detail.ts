import type { FastifyRequest } from 'fastify';
import { displayName, findAccountById } from '../../accounts/repository';
import { agentNames } from '../../agents/repository';
import { EVENT_LABELS, STATUS_LABELS, demarcheMachine, type DemarcheEvent, type DemarcheStatus } from '../../demarches/machine';
import { demarcheHistory, type Demarche } from '../../demarches/repository';
import type { FieldError } from '../../errors/app-error';
import { recap } from '../../forms/engine';
import { formOf } from '../../forms/definitions';
import { allRequests, listJustificatifs } from '../../justificatifs/repository';
import type { HouseholdSeparation } from '../../db/tables/household.table';
import { findSeparationOfDemarche } from '../../household/repository';
import { findPrestation } from '../../prestations/catalogue';
import { button, errorFor, errorSummary, form, radios, summaryList, textInput, type Errors } from '../../http/views/components';
import { formatEuros } from '../../payments/inputs';
import { monthlyAmountLimit } from '../../prestations/amount-limits';
import { html, type SafeHtml } from '../../http/views/html';
import { formatDateTime, successBanner } from '../../http/views/account-page';
import { STATUS_TAGS } from '../demarches/pages';
import { fileList } from '../justificatifs/pages';
import { agentPage } from './frame';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type GestionDetailDeps = Pick<JourneyDeps, 'database'>;

/**
 * One démarche on the Caf side: who asks, the answers of the form, the history (who did what and
 * why), the pieces asked and the files sent, and one form per action its status allows.
 */
export const statusTag = (s: DemarcheStatus): SafeHtml => STATUS_TAGS[s];
export const agentDownloadPath = (id: string) => `/gestion/justificatifs/${encodeURIComponent(id)}`;
export const actionPath = (id: string, action: string) => `/gestion/demarches/${encodeURIComponent(id)}/${action}`;
export const MAX_REASON = 1000;

/** What the banner says after an action (the person has been told through the outbox). */
export const DONE: Partial<Record<DemarcheEvent, string>> = {
  start_instruction: 'L’instruction est commencée. La personne en est informée.',
  request_documents: 'Le justificatif est demandé. La personne en est informée et peut le transmettre depuis « Mes démarches ».',
  resume_instruction: 'L’instruction est reprise.',
  accept: 'La demande est acceptée. La personne en est informée.',
  refuse: 'La demande est refusée. La personne en est informée.',
  close: 'La demande est classée sans suite. La personne en est informée.',
};

function textarea(o: { name: string; label: string; hint: string; value?: string | undefined; errors: Errors }): SafeHtml {
  const e = errorFor(o.errors, o.name);
  return html`<div class="govuk-form-group${e ? ' govuk-form-group--error' : ''}">
  <label class="govuk-label govuk-label--s" for="${o.name}">${o.label}</label>
  <div id="${o.name}-hint" class="govuk-hint">${o.hint}</div>
  ${e ? html`<p id="${o.name}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Erreur :</span> ${e.message}</p>` : ''}
  <textarea class="govuk-textarea${e ? ' govuk-textarea--error' : ''}" id="${o.name}" name="${o.name}" rows="4" maxlength="${MAX_REASON}" aria-describedby="${o.name}-hint${e ? ` ${o.name}-error` : ''}">${o.value ?? ''}</textarea>
</div>`;
}

export interface DetailValues {
  errors?: FieldError[];
  message?: string;
  motif?: string;
  decision?: string;
  /** what was typed for the droit of an acceptance */
  droit?: { montant: string; premierMois: string; dernierMois: string };
  done?: DemarcheEvent;
}

function actions(req: FastifyRequest, d: Demarche, v: DetailValues): SafeHtml {
  const allowed = new Set(demarcheMachine.events(d.status));
  const version = html`<input type="hidden" name="version" value="${d.version}">`;
  const e = v.errors;
  const parts: SafeHtml[] = [];
  if (allowed.has('start_instruction'))
    parts.push(
      form({ action: actionPath(d.id, 'instruction'), csrfToken: req.csrfToken }, html`${version}${button('Commencer l’instruction')}`),
    );
  if (allowed.has('request_documents')) {
    parts.push(html`<h3 class="govuk-heading-s">Demander un justificatif</h3>
${form(
  { action: actionPath(d.id, 'justificatif'), csrfToken: req.csrfToken },
  html`${version}${textarea({ name: 'message', label: 'Pièce demandée', hint: 'Ce message est envoyé à la personne, qui transmet la pièce depuis « Mes démarches ». Par exemple : « Votre dernier avis d’imposition ».', value: v.message, errors: e })}
${button('Demander le justificatif', { secondary: true })}`,
)}`);
  }
  if (allowed.has('resume_instruction')) {
    parts.push(
      form(
        { action: actionPath(d.id, 'reprise'), csrfToken: req.csrfToken },
        html`${version}<p class="govuk-body">Si la pièce est arrivée autrement (courrier, accueil) :</p>${button('Reprendre l’instruction sans attendre', { secondary: true })}`,
      ),
    );
  }
  const decisions = (['accept', 'refuse', 'close'] as const).filter((ev) => allowed.has(ev));
  if (decisions.length) {
    const labels =
      d.prestation === 'declaration-separation'
        ? { accept: 'Confirmer la séparation', refuse: 'Ne pas confirmer la séparation', close: 'Classer sans suite' }
        : { accept: 'Accepter la demande', refuse: 'Refuser la demande', close: 'Classer sans suite' };
    parts.push(
      html`${form(
        { action: actionPath(d.id, 'decision'), csrfToken: req.csrfToken },
        html`${version}${radios({ name: 'decision', legend: 'Décider', legendSize: 's', value: v.decision, errors: e, choices: decisions.map((ev) => ({ value: ev, label: labels[ev] })) })}
${allowed.has('accept') ? droitFields(d.prestation, v, typeof d.answers.iban === 'string') : ''}
${textarea({ name: 'motif', label: 'Motif', hint: 'Obligatoire pour un refus ou un classement sans suite ; la personne le lira dans « Mes démarches ».', value: v.motif, errors: e })}
${button('Enregistrer la décision')}`,
      )}`,
    );
  }
  if (parts.length === 0) return html`<p class="govuk-body">Cette démarche est terminée : aucune action n’est possible.</p>`;
  return html`${parts}`;
}

/**
 * The droit an acceptance opens: monthly amount, first and last month (src/payments/inputs.ts reads
 * them). A request that gives an IBAN: it becomes the dossier's account if the dossier has none
 * (src/payments/acceptance.ts), so the agent is asked to check it.
 */
function droitFields(prestation: string, v: DetailValues, givesIban: boolean): SafeHtml {
  const limit = monthlyAmountLimit(prestation);
  if (limit === undefined) return html``;
  const e = v.errors;
  return html`<fieldset class="govuk-fieldset" aria-describedby="droit-hint">
  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Droit ouvert si vous acceptez la demande</legend>
  <div id="droit-hint" class="govuk-hint">À remplir pour une acceptation : la personne verra ce droit dans « Mes droits », et ses paiements dans « Mes paiements ».${
    givesIban
      ? ' Si le dossier n’a pas encore de compte bancaire, le compte indiqué dans la demande (IBAN et titulaire, section « Versement ») deviendra le sien dès votre acceptation, sans délai de vérification : vérifiez-le avant d’accepter.'
      : ''
  }</div>
  ${textInput({ name: 'montant', label: 'Montant mensuel', hint: `En euros, par exemple 245,50 (${formatEuros(limit)} au plus).`, value: v.droit?.montant, inputmode: 'text', widthClass: 'govuk-input--width-10', suffix: '€', errors: e, maxlength: 20 })}
  ${textInput({ name: 'premierMois', label: 'Premier mois du droit', hint: 'Mois et année, par exemple 03/2027.', value: v.droit?.premierMois, widthClass: 'govuk-input--width-10', errors: e, maxlength: 10 })}
  ${textInput({ name: 'dernierMois', label: 'Dernier mois du droit', hint: 'Seulement si le droit est limité dans le temps, par exemple 08/2027.', value: v.droit?.dernierMois, widthClass: 'govuk-input--width-10', errors: e, optional: true, maxlength: 10 })}
</fieldset>`;
}

const LEAVERS: Record<HouseholdSeparation['leaver'], string> = {
  declarer: 'La personne qui déclare',
  partner: 'Son ancien conjoint ou son ancienne conjointe',
  responsable: 'Le responsable du dossier',
  conjoint: 'Le conjoint du responsable',
};
const CHILDREN: Record<HouseholdSeparation['children'], string> = {
  none: 'Pas d’enfant',
  declarer: 'Avec la personne qui déclare',
  partner: 'Avec son ancien conjoint ou son ancienne conjointe',
  alternate: 'En résidence alternée',
  responsable: 'Avec le responsable du dossier',
  conjoint: 'Avec le conjoint du responsable',
};
const SEPARATION_STATUS: Record<HouseholdSeparation['status'], string> = {
  effective: 'Déclarée par un membre du couple : appliquée dès l’envoi',
  pending: 'Déclarée par un autre membre du foyer : le conjoint quittera le dossier quand vous la confirmerez',
  confirmed: 'Confirmée par la Caf : appliquée',
  dismissed: 'Non confirmée : rien n’a changé sur le dossier',
};

/** What « Déclarer une séparation » recorded, for the agent who checks it (the new address is for the Caf alone). */
function separationSummary(s: HouseholdSeparation): SafeHtml {
  const a = s.new_address ? (JSON.parse(s.new_address) as { line1: string; line2: string | null; postalCode: string; city: string }) : null;
  return summaryList([
    { key: 'Effet sur le dossier', value: SEPARATION_STATUS[s.status] },
    { key: 'Date de la séparation', value: s.separation_date.split('-').reverse().join('/') },
    { key: 'Qui quitte le logement', value: LEAVERS[s.leaver] },
    { key: 'Où vivent les enfants', value: CHILDREN[s.children] },
    {
      key: 'Nouvelle adresse de la personne qui déclare (jamais communiquée au foyer)',
      value: a ? [a.line1, a.line2, `${a.postalCode} ${a.city}`].filter(Boolean).join(', ') : 'Aucune',
    },
  ]);
}

export async function detailPage(ctx: GestionDetailDeps, req: FastifyRequest, d: Demarche, v: DetailValues = {}): Promise<SafeHtml> {
  const { db } = ctx.database;
  const [person, history, requests, files, separation] = await Promise.all([
    findAccountById(db, d.account_id),
    demarcheHistory(db, d.id),
    allRequests(db, d.id),
    listJustificatifs(db, d.id),
    d.prestation === 'declaration-separation' ? findSeparationOfDemarche(db, d.id) : undefined,
  ]);
  const droit = await db.selectFrom('droits').select('id').where('demarche_id', '=', d.id).executeTakeFirst();
  const names = await agentNames(
    db,
    history.filter((h) => h.actor_kind === 'agent').map((h) => h.actor_id),
  );
  const who = (kind: string, id: string) => (kind === 'agent' ? `${names.get(id) ?? 'Agent'} (Caf)` : 'La personne');
  const form = formOf(d.prestation);
  const title = findPrestation(d.prestation)?.title ?? d.prestation;
  return agentPage(
    req,
    {
      title: `Démarche ${d.reference ?? ''}`,
      width: 'full',
      hasErrors: !!v.errors?.length,
      backLink: html`<a href="/gestion/demarches" class="govuk-back-link">Retour à la liste</a>`,
    },
    html`${errorSummary(v.errors)}
${v.done && DONE[v.done] ? successBanner(DONE[v.done]!, '') : ''}
<span class="govuk-caption-l">${title}</span>
<h1 class="govuk-heading-l">Démarche ${d.reference ?? ''}</h1>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    ${summaryList([
      { key: 'Statut', value: statusTag(d.status) },
      {
        key: 'Demandeur',
        value: person
          ? `${displayName(person)} (né${person.civility === 'MME' ? 'e' : ''} le ${person.birth_date.split('-').reverse().join('/')})`
          : '—',
      },
      { key: 'Envoyée le', value: d.submitted_at ? formatDateTime(d.submitted_at) : '—' },
    ])}
    ${droit ? html`<p class="govuk-body"><a class="govuk-link" href="/gestion/droits/${droit.id}">Voir le droit ouvert : montant, paiements, changements</a></p>` : ''}
    <h2 class="govuk-heading-m">Actions</h2>
    ${actions(req, d, v)}
    <h2 class="govuk-heading-m">Justificatifs</h2>
    ${requests.length ? html`<ul class="govuk-list govuk-list--bullet">${requests.map((r) => html`<li>${formatDateTime(r.requested_at)} : « ${r.message} » — ${r.closed_at ? `clos le ${formatDateTime(r.closed_at)}` : html`<strong>en attente</strong>`}</li>`)}</ul>` : html`<p class="govuk-body">Aucune pièce demandée.</p>`}
    ${files.length ? fileList(files, (f) => agentDownloadPath(f.id)) : html`<p class="govuk-body">Aucun fichier reçu.</p>`}
    <h2 class="govuk-heading-m">Réponses du formulaire</h2>
    ${
      separation
        ? separationSummary(separation)
        : form
          ? recap(form, d.answers, { maskIban: false }).map(
              (s) => html`<h3 class="govuk-heading-s">${s.title}</h3>${summaryList(s.rows.map((r) => ({ key: r.label, value: r.value })))}`,
            )
          : html`<p class="govuk-body">Pas de formulaire en ligne pour cette prestation.</p>`
    }
  </div>
  <div class="govuk-grid-column-one-third">
    <h2 class="govuk-heading-m">Historique</h2>
    <ol class="govuk-list mc-timeline">
      ${history.map(
        (
          h,
        ) => html`<li class="mc-timeline__item"><p class="govuk-body govuk-!-margin-bottom-1"><strong>${EVENT_LABELS[h.event as DemarcheEvent | 'create'] ?? h.event}</strong> → ${STATUS_LABELS[h.to_status]}</p>
        <p class="govuk-body-s govuk-!-margin-bottom-1">${formatDateTime(h.at)}, ${who(h.actor_kind, h.actor_id)}</p>
        ${h.reason ? html`<p class="govuk-body-s">« ${h.reason} »</p>` : ''}</li>`,
      )}
    </ol>
  </div>
</div>`,
  );
}
