import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { displayName, findAccountById } from '../../accounts/repository';
import { requireAccount } from '../../http/session';
import { requestActor } from '../../http/require-permission';
import { DEMARCHE_STATUSES, EVENT_LABELS, STATUS_LABELS, type DemarcheEvent } from '../../demarches/machine';
import { DRAFT_TTL_MS, demarcheHistory, markDecisionRead, type Demarche, type DemarcheStatus } from '../../demarches/repository';
import { accessDemarche, demarchesOf, draftWithFacts, resumeAt, startRequest, type Deps, type Refusal } from '../../demarches/service';
import { AppError } from '../../errors/app-error';
import { recap } from '../../forms/engine';
import { appealRouteOf, appealSentence } from '../../prestations/appeals';
import { findPrestation } from '../../prestations/catalogue';
import { sendHtml } from '../../http/errors';
import { forgetPrestation } from '../../http/intent';
import { linkButton, summaryList } from '../../http/views/components';
import { recapLists } from '../../http/views/form-page';
import { listJustificatifs, openRequestsOf, unsentFilesOf } from '../../justificatifs/repository';
import type { Justificatif, JustificatifRequest } from '../../db/tables/justificatifs.table';
import { decisionLabel, decisionOf, type Decision } from '../../demarches/decision';
import { decisionPdf } from '../../demarches/decision-pdf';
import { html, type SafeHtml } from '../../http/views/html';
import { readForm } from '../../http/api/input';
import { StartBody } from '../registration/schemas';
import { accountPage, formatDateTime } from '../../http/views/account-page';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type DemarchesPagesDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'resources'>;

/**
 * « Mes démarches » (/mon-espace/demarches): the person's démarches — brouillons with their expiry
 * and « Reprendre », sent ones with their status — and, for those who manage the dossier, the
 * household's; each opens on its status and timeline.
 *
 *   GET  /mon-espace/demarches      → the list
 *   POST /mon-espace/demarches      → `prestation`: « Faire la demande » of a signed-in person → the form
 *   GET  /mon-espace/demarches/:id  → one démarche: status, decision, timeline, answers
 *   GET  /mon-espace/demarches/:id/notification-de-decision.pdf → the decision (tagged PDF)
 */
export const DEMARCHES_PATH = '/mon-espace/demarches';
export const demarchePath = (id: string) => `${DEMARCHES_PATH}/${id}`;
export const resumePath = (id: string) => `${demarchePath(id)}/reprendre`;

const TAG_COLOURS: Record<DemarcheStatus, string> = {
  brouillon: 'yellow',
  envoyee: 'blue',
  en_instruction: 'light-blue',
  en_attente_de_pieces: 'orange',
  acceptee: 'green',
  refusee: 'red',
  classee_sans_suite: 'grey',
};
export const STATUS_TAGS = Object.fromEntries(
  DEMARCHE_STATUSES.map((s) => [s, html`<strong class="govuk-tag govuk-tag--${TAG_COLOURS[s]}">${STATUS_LABELS[s]}</strong>`]),
) as Record<DemarcheStatus, SafeHtml>;

/** Title and summary of a démarche's prestation (its slug, should the catalogue no longer have it). */
export function demarcheTitle(d: Pick<Demarche, 'prestation'>): { title: string; summary: string } {
  const p = findPrestation(d.prestation);
  return { title: DECLARED_TITLES[d.prestation] ?? p?.title ?? d.prestation, summary: p?.summary ?? '' };
}

/** A declaration is only ever sent (never a brouillon): its démarche says what was done (src/demarches/separation.ts). */
const DECLARED_TITLES: Record<string, string> = { 'declaration-separation': 'Séparation déclarée' };

/** « Continuer ma demande de Prime d’activité », « … d’Aide au logement ». */
export function continueLabel(title: string): string {
  return `Continuer ma demande ${/^[aeiouyàâäéèêëîïôöùûüœ]/i.test(title) ? 'd’' : 'de '}${title}`;
}

const DAY_MONTH_YEAR = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/** « 27 novembre 2026 », « 1er décembre 2026 » (the date in France). */
export function frenchDate(ms: number): string {
  return DAY_MONTH_YEAR.formatToParts(ms)
    .map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('');
}

const breadcrumbs = (items: { href: string; text: string }[]) =>
  html`<nav class="govuk-breadcrumbs" aria-label="Fil d’Ariane"><ol class="govuk-breadcrumbs__list">${items.map(
    (i) => html`<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="${i.href}">${i.text}</a></li>`,
  )}</ol></nav>`;
export const toMyDemarches = breadcrumbs([
  { href: '/mon-espace', text: 'Mon espace' },
  { href: DEMARCHES_PATH, text: 'Mes démarches' },
]);

/** How long a brouillon is kept after the person's last saved page, in days (« 30 jours »). */
export const DRAFT_DAYS = Math.round(DRAFT_TTL_MS / 86_400_000);

/**
 * « Demande introuvable ou expirée »: a démarche's address that leads to nothing the person may see
 * (an old link, the back button after a brouillon expired, a mistyped address). The same page and
 * status whether the démarche never existed, expired, was swept, or is someone else's: it never
 * tells whether another person's démarche exists.
 */
export function demarcheNotFound(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const title = 'Demande introuvable ou expirée';
  return sendHtml(
    reply,
    accountPage(
      req,
      { title, backLink: toMyDemarches },
      html`<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">Nous ne trouvons pas cette demande : elle n’existe pas, ou elle n’existe plus.</p>
<p class="govuk-body">Une demande commencée mais pas envoyée (un brouillon) est conservée ${DRAFT_DAYS} jours après la dernière étape enregistrée. Passé ce délai, elle est effacée avec ses réponses, pour protéger vos informations : il faut alors la recommencer.</p>
<p class="govuk-body">Une demande envoyée à la Caf, elle, reste dans « Mes démarches ».</p>
${linkButton('Voir mes démarches', DEMARCHES_PATH)}
<p class="govuk-body"><a class="govuk-link" href="/aides-et-demarches">Recommencer une demande de prestation</a></p>`,
    ),
    404,
  );
}

/** A refusal of the démarche service as the error a person sees. */
export function refusalError(r: Refusal): AppError {
  if (r.kind === 'forbidden') return new AppError('DEMARCHE_FORBIDDEN', undefined, r.who);
  if (r.kind === 'gone') return new AppError('DEMARCHE_GONE');
  return new AppError('NOT_FOUND');
}

export const deps = (ctx: DemarchesPagesDeps): Deps => ({ db: ctx.database.db, now: () => ctx.clock.now(), resources: ctx.resources });

export const decisionPdfPath = (id: string) => `${demarchePath(id)}/notification-de-decision.pdf`;

/**
 * The decision, at the top of the démarche's page: what was decided and when, its motif, for a
 * refusal how, before whom and within what delay it can be contested (src/prestations/appeals.ts),
 * and the « notification de décision » to download (PDF).
 */
export function decisionBox(d: Pick<Demarche, 'id' | 'prestation'>, decision: Decision | undefined): SafeHtml {
  if (!decision) return html``;
  const route = decision.status === 'refusee' ? appealRouteOf(d.prestation) : undefined;
  return html`<div class="govuk-inset-text">
<h2 class="govuk-heading-m">Décision de la Caf</h2>
<p class="govuk-body"><strong>${decisionLabel(decision.status, isDeclaration(d))}</strong> le ${formatDateTime(decision.at)}.</p>
<p class="govuk-body">${decision.motif ? html`Motif : ${decision.motif}` : 'La Caf n’a pas indiqué de motif.'}</p>
${route ? html`<h3 class="govuk-heading-s">Comment contester cette décision</h3><p class="govuk-body">${appealSentence(route)}</p>` : ''}
<p class="govuk-body govuk-!-margin-bottom-0"><a class="govuk-link" href="${decisionPdfPath(d.id)}" download>Télécharger la notification de décision (PDF)</a></p>
</div>`;
}

export const isDeclaration = (d: Pick<Demarche, 'prestation'>) => d.prestation === 'declaration-separation';

/** « Suivi de la demande », « Suivi de la déclaration ». */
const followTitle = (d: Pick<Demarche, 'prestation'>) => (isDeclaration(d) ? 'Suivi de la déclaration' : 'Suivi de la demande');

/**
 * « À transmettre »: the pieces the Caf asks for, named, with the way to send them
 * (src/journeys/justificatifs/pages.ts); files added but not sent yet are said so.
 */
export function piecesToSend(d: Pick<Demarche, 'id' | 'status'>, w: Awaiting): SafeHtml {
  const asked = d.status === 'en_attente_de_pieces' ? (w.asked.get(d.id) ?? []) : [];
  if (asked.length === 0) return html``;
  const unsent = w.unsent.get(d.id) ?? [];
  return html`<div class="govuk-inset-text"><strong class="govuk-tag govuk-tag--orange">À transmettre</strong>
<p class="govuk-body govuk-!-margin-top-2">La Caf vous demande :</p>
<ul class="govuk-list govuk-list--bullet">${asked.map((r) => html`<li>${r.message}</li>`)}</ul>
${
  unsent.length
    ? html`<p class="govuk-body"><strong>${unsent.length === 1 ? '1 fichier ajouté n’est pas encore envoyé à la Caf.' : `${unsent.length} fichiers ajoutés ne sont pas encore envoyés à la Caf.`}</strong></p>
<p class="govuk-body"><a class="govuk-link govuk-!-font-weight-bold" href="${DEMARCHES_PATH}/${encodeURIComponent(d.id)}/justificatifs">Envoyer mes fichiers à la Caf</a></p>`
    : html`<p class="govuk-body"><a class="govuk-link govuk-!-font-weight-bold" href="${DEMARCHES_PATH}/${encodeURIComponent(d.id)}/justificatifs">Transmettre un justificatif</a></p>`
}</div>`;
}

/** The pieces awaited of a list of démarches, and the files added to them but not sent yet. */
export interface Awaiting {
  asked: ReadonlyMap<string, JustificatifRequest[]>;
  unsent: ReadonlyMap<string, Justificatif[]>;
}

export async function awaitingOf(ctx: DemarchesPagesDeps, list: readonly Demarche[]): Promise<Awaiting> {
  const ids = list.filter((d) => d.status === 'en_attente_de_pieces').map((d) => d.id);
  return { asked: await openRequestsOf(ctx.database.db, ids), unsent: await unsentFilesOf(ctx.database.db, ids) };
}

const NOTHING_AWAITED: Awaiting = { asked: new Map(), unsent: new Map() };

function card(d: Demarche, o: { author?: string; awaiting?: Awaiting }): SafeHtml {
  const { title } = demarcheTitle(d);
  const rows = [
    ...(o.author ? [{ key: 'Demandée par', value: o.author }] : []),
    d.status === 'brouillon'
      ? {
          key: 'Brouillon',
          value: `Commencé le ${frenchDate(d.created_at)}, enregistré jusqu’au ${frenchDate(d.expires_at ?? d.updated_at)}`,
        }
      : { key: 'Envoyée le', value: formatDateTime(d.submitted_at ?? d.updated_at) },
    ...(d.reference ? [{ key: 'Référence', value: d.reference }] : []),
  ];
  return html`<div class="govuk-summary-card">
  <div class="govuk-summary-card__title-wrapper">
    <h3 class="govuk-summary-card__title">${title}</h3>
    <p class="govuk-body govuk-!-margin-0">${STATUS_TAGS[d.status]}</p>
  </div>
  <div class="govuk-summary-card__content">
    ${summaryList(rows)}
    ${piecesToSend(d, o.awaiting ?? NOTHING_AWAITED)}
    ${
      d.status === 'brouillon'
        ? html`<a class="govuk-button govuk-!-margin-bottom-0" href="${resumePath(d.id)}" role="button" draggable="false" data-module="govuk-button">Reprendre<span class="govuk-visually-hidden"> ma demande ${title}</span></a>`
        : html`<p class="govuk-body govuk-!-margin-0"><a class="govuk-link" href="${demarchePath(d.id)}">Voir le suivi<span class="govuk-visually-hidden"> ${isDeclaration(d) ? 'de la déclaration' : 'de la demande'} ${title}</span></a></p>`
    }
  </div>
</div>`;
}

async function authorNames(ctx: DemarchesPagesDeps, list: Demarche[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(list.map((d) => d.account_id))) {
    const a = await findAccountById(ctx.database.db, id);
    if (a) names.set(id, displayName(a));
  }
  return names;
}

const DOCUMENT_EVENTS: ReadonlySet<string> = new Set<DemarcheEvent>(['request_documents', 'refuse', 'close']);

async function timeline(ctx: DemarchesPagesDeps, d: Demarche): Promise<SafeHtml> {
  const events = await demarcheHistory(ctx.database.db, d.id);
  return html`<ol class="govuk-list mc-timeline">
  ${events.map(
    (e) => html`<li class="govuk-!-margin-bottom-4">
    <h3 class="govuk-heading-s govuk-!-margin-bottom-1">${EVENT_LABELS[e.event as DemarcheEvent | 'create'] ?? e.event}</h3>
    <p class="govuk-body-s govuk-!-margin-bottom-1">${formatDateTime(e.at)} · ${e.actor_kind === 'agent' ? 'par la Caf' : 'par le demandeur'}</p>
    ${e.reason && DOCUMENT_EVENTS.has(e.event) ? html`<p class="govuk-body govuk-!-margin-bottom-0">${e.event === 'request_documents' ? 'Message de la Caf : ' : 'Motif : '}${e.reason}</p>` : ''}
  </li>`,
  )}
</ol>`;
}

export function demarchesPages(ctx: DemarchesPagesDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(DEMARCHES_PATH, { preHandler: requireAccount }, async (req, reply) => {
      const { own, household } = await demarchesOf(deps(ctx), await requestActor(ctx, req));
      const names = await authorNames(ctx, household);
      const drafts = own.filter((d) => d.status === 'brouillon');
      const sent = own.filter((d) => d.status !== 'brouillon');
      // A declaration (a separation) is not a request: listed apart, followed as a declaration.
      const requests = sent.filter((d) => !isDeclaration(d));
      const declarations = sent.filter(isDeclaration);
      const awaiting = await awaitingOf(ctx, [...sent, ...household]);
      return sendHtml(
        reply,
        accountPage(
          req,
          { title: 'Mes démarches', backLink: breadcrumbs([{ href: '/mon-espace', text: 'Mon espace' }]) },
          html`<h1 class="govuk-heading-xl">Mes démarches</h1>
${own.length === 0 && household.length === 0 ? html`<p class="govuk-body">Vous n’avez pas de démarche en cours.</p>` : ''}
${drafts.length ? html`<h2 class="govuk-heading-l">Mes brouillons</h2><p class="govuk-body">Vos réponses sont enregistrées à chaque étape : reprenez votre demande quand vous voulez, depuis n’importe quel appareil, avant la date indiquée.</p>${drafts.map((d) => card(d, {}))}` : ''}
${requests.length ? html`<h2 class="govuk-heading-l">Mes demandes envoyées</h2>${requests.map((d) => card(d, { awaiting }))}` : ''}
${declarations.length ? html`<h2 class="govuk-heading-l">Mes déclarations</h2>${declarations.map((d) => card(d, { awaiting }))}` : ''}
${household.length ? html`<h2 class="govuk-heading-l">Les démarches de mon foyer</h2>${household.map((d) => card(d, { author: names.get(d.account_id) ?? 'Un membre du foyer', awaiting }))}` : ''}
<p class="govuk-body"><a class="govuk-link" href="/aides-et-demarches">${drafts.length || requests.length ? 'Faire une autre demande de prestation' : 'Faire une demande de prestation'}</a></p>`,
        ),
      );
    });

    app.post(DEMARCHES_PATH, { preHandler: requireAccount }, async (req, reply) => {
      const read = readForm(StartBody, req);
      const elsewhere = findPrestation(read.ok ? read.data.prestation : undefined)?.declaredAt;
      if (elsewhere) {
        forgetPrestation(reply);
        return reply.redirect(elsewhere, 303);
      }
      const r = await startRequest(deps(ctx), await requestActor(ctx, req), read.ok ? (read.data.prestation ?? '') : '');
      if (!r.ok) throw refusalError(r.refusal);
      forgetPrestation(reply);
      return reply.redirect(resumePath(r.demarche.id), 303);
    });

    app.get(`${DEMARCHES_PATH}/:id`, { preHandler: requireAccount }, async (req, reply) => {
      const a = await accessDemarche(deps(ctx), await requestActor(ctx, req), idOf(req));
      if (!a) return demarcheNotFound(req, reply);
      const d = a.demarche;
      const { title } = demarcheTitle(d);
      if (d.status === 'brouillon') return reply.redirect(resumePath(d.id), 303);
      const decision = decisionOf(d.status, await demarcheHistory(ctx.database.db, d.id));
      if (decision && a.own) await markDecisionRead(ctx.database.db, { id: d.id, accountId: req.account!.id, now: ctx.clock.now() });
      return sendHtml(
        reply,
        accountPage(
          req,
          { title: `${followTitle(d)} : ${title}`, backLink: toMyDemarches },
          html`<span class="govuk-caption-l">${followTitle(d)}</span>
<h1 class="govuk-heading-xl">${title}</h1>
<p class="govuk-body">${STATUS_TAGS[d.status]}</p>
${summaryList([
  { key: 'Référence', value: d.reference ?? '' },
  { key: 'Envoyée le', value: formatDateTime(d.submitted_at ?? d.updated_at) },
])}
${decisionBox(d, decision)}
${piecesToSend(d, await awaitingOf(ctx, [d]))}
${(await listJustificatifs(ctx.database.db, d.id)).length ? html`<p class="govuk-body"><a class="govuk-link" href="${demarchePath(d.id)}/justificatifs">Voir les justificatifs transmis</a></p>` : ''}
${a.own && a.form ? linkButton('Télécharger l’accusé de réception (PDF)', `${demarchePath(d.id)}/accuse-de-reception.pdf`, { secondary: true }) : ''}
<h2 class="govuk-heading-l">Historique</h2>
${await timeline(ctx, d)}
${a.form ? html`<h2 class="govuk-heading-l">Vos réponses</h2>${recapLists(recap(a.form, d.answers, { maskIban: true }))}` : ''}`,
        ),
      );
    });

    app.get(`${DEMARCHES_PATH}/:id/notification-de-decision.pdf`, { preHandler: requireAccount }, async (req, reply) => {
      const a = await accessDemarche(deps(ctx), await requestActor(ctx, req), idOf(req));
      const decision = a && decisionOf(a.demarche.status, await demarcheHistory(ctx.database.db, a.demarche.id));
      if (!a || !decision) throw new AppError('NOT_FOUND');
      const d = a.demarche;
      const author = a.own ? req.account! : await findAccountById(ctx.database.db, d.account_id);
      if (!author) throw new AppError('NOT_FOUND');
      const pdf = await decisionPdf({
        demarche: d,
        title: demarcheTitle(d).title,
        declaration: isDeclaration(d),
        decision,
        appeal: decision.status === 'refusee' ? appealRouteOf(d.prestation) : undefined,
        account: author,
        agencyPhone: ctx.config.agencyPhone,
      });
      if (a.own) await markDecisionRead(ctx.database.db, { id: d.id, accountId: req.account!.id, now: ctx.clock.now() });
      return reply
        .type('application/pdf')
        .header('Content-Disposition', `attachment; filename="notification-de-decision-${d.reference}.pdf"`)
        .send(pdf);
    });

    app.get(`${DEMARCHES_PATH}/:id/reprendre`, { preHandler: requireAccount }, async (req, reply) => {
      const a = await accessDemarche(deps(ctx), await requestActor(ctx, req), idOf(req));
      if (!a) return demarcheNotFound(req, reply);
      if (a.demarche.status !== 'brouillon' || !a.own) return reply.redirect(demarchePath(a.demarche.id), 303);
      if (!a.form) return sendHtml(reply, noFormPage(ctx, req, a.demarche));
      const { draft } = await draftWithFacts(deps(ctx), await requestActor(ctx, req), a);
      const at = resumeAt(a.form, draft.demarche, ctx.clock.now());
      return reply.redirect(at ? `${demarchePath(a.demarche.id)}/etapes/${at.key}` : `${demarchePath(a.demarche.id)}/verifier`, 303);
    });
  };
}

export function idOf(req: FastifyRequest): string {
  const id = (req.params as { id?: string }).id ?? '';
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : '';
}

/** A prestation asked for online whose form is not written yet: said plainly, with the Caf's number. */
function noFormPage(ctx: DemarchesPagesDeps, req: FastifyRequest, d: Demarche): SafeHtml {
  const { title } = demarcheTitle(d);
  return accountPage(
    req,
    { title, backLink: toMyDemarches },
    html`<span class="govuk-caption-l">Faire la demande</span>
<h1 class="govuk-heading-xl">${title}</h1>
<p class="govuk-body">Le formulaire en ligne de cette demande sera bientôt disponible ici. Votre demande est gardée dans « Mes démarches ». En attendant, vous pouvez appeler votre Caf au ${ctx.config.agencyPhone} ou vous rendre à l’accueil de votre Caf.</p>`,
  );
}
