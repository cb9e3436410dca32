import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Account } from '../../accounts/repository';
import { STATUS_LABELS } from '../../demarches/machine';
import { listDemarches } from '../../demarches/repository';
import { recentActivity, type ActivityItem } from '../../household/activity';
import { agencyDay } from '../../shared/french-time';
import { ACTIONS, can, offered, type Action } from '../../household/permissions';
import {
  findFormerMemberships,
  findMemberWithRole,
  listMembers,
  type FormerMembership,
  type HouseholdActor,
} from '../../household/repository';
import { mySpouse } from '../../household/names';
import { formatNir, formatProvisionalId } from '../../identity';
import { requestActor, requirePermission } from '../../http/require-permission';
import { sendHtml } from '../../http/errors';
import { summaryList } from '../../http/views/components';
import { html, type SafeHtml } from '../../http/views/html';
import { accountPage, formatDateTime } from '../../http/views/account-page';
import { demarcheTitle, frenchDate } from '../demarches/pages';
import { PATHS, actorOf, dossierOf, leftDossierText, memberName, roleLabel, toSpace, visibleTo } from './common';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type HouseholdInfoDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database'>;

/**
 * « Mes informations » (civil status, identity status, contact, role, numéro allocataire), the
 * household part of /mon-espace (what the person may do, their recent activity), and the démarches
 * of the whole household for those who manage the dossier.
 */
const IDENTITY: Record<Account['identity_status'], string> = {
  confirmed: 'Confirmée',
  certified: 'Confirmée (FranceConnect)',
  to_confirm: 'À confirmer : un justificatif pourra vous être demandé',
};

export function rightsOf(actor: HouseholdActor, now: number): Record<Action, boolean> {
  const today = agencyDay(now);
  return Object.fromEntries(ACTIONS.map((a) => [a, can(actor, a, today).allowed])) as Record<Action, boolean>;
}

/** Where a person without a dossier stands: never part of one, or gone from one (the most recent). */
function noDossierText(a: Account, left: FormerMembership | undefined): string {
  return left ? leftDossierText(left, a.civility) : 'Vous n’êtes rattaché à aucun dossier allocataire.';
}

export function informationRows(a: Account, actor: HouseholdActor, left?: FormerMembership) {
  const m = actor.membership;
  return [
    { key: 'Civilité', value: a.civility === 'M' ? 'Monsieur' : 'Madame' },
    { key: 'Nom de naissance', value: a.birth_name },
    ...(a.usage_name ? [{ key: 'Nom d’usage', value: a.usage_name }] : []),
    { key: 'Prénoms', value: a.given_names },
    { key: 'Date de naissance', value: frenchDate(Date.parse(`${a.birth_date}T12:00:00Z`)) },
    { key: 'Lieu de naissance', value: a.birth_place_name },
    a.nir
      ? { key: 'Numéro de sécurité sociale', value: formatNir(a.nir) }
      : { key: 'Identifiant provisoire', value: formatProvisionalId(a.provisional_id ?? a.login_id) },
    { key: 'Identité', value: IDENTITY[a.identity_status] },
    {
      key: a.contact_kind === 'email' ? 'Adresse mail' : 'Téléphone portable',
      value: a.contact_value,
      change: { href: PATHS.contact, hiddenText: 'mes coordonnées' },
    },
    {
      key: 'Numéro allocataire',
      value: actor.dossier?.dossierNumber ?? (left ? noDossierText(a, left) : 'Vous n’êtes rattaché à aucun dossier allocataire'),
    },
    ...(m ? [{ key: 'Rôle dans le dossier', value: roleLabel(m, a.civility) }] : []),
  ];
}

function activityList(items: ActivityItem[]): SafeHtml {
  if (!items.length) return html`<p class="govuk-body">Aucune activité récente.</p>`;
  return html`<ul class="govuk-list govuk-list--spaced">${items.map((i) => html`<li><span class="govuk-body-s govuk-!-display-block">${formatDateTime(i.at)}</span>${i.text}</li>`)}</ul>`;
}

/** What to offer the person: the actions can() allows that have something to act on in their dossier (`offered`). */
function offeredTo(actor: HouseholdActor, now: number): Record<Action, boolean> {
  const today = agencyDay(now);
  return Object.fromEntries(ACTIONS.map((a) => [a, offered(actor, a, today)])) as Record<Action, boolean>;
}

/**
 * Links of /mon-espace: one per action offered to the person (each page asks can() again), and the
 * recent activity (with `more`: what happened to the person's démarches, src/demarches/activity.ts).
 */
export async function householdSection(ctx: HouseholdInfoDeps, req: FastifyRequest, more: readonly ActivityItem[] = []): Promise<SafeHtml> {
  const actor = await requestActor(ctx, req);
  const r = offeredTo(actor, ctx.clock.now());
  // The label names the conjoint as the responsable speaks of them: « mon conjoint » or « ma conjointe ».
  const conjoint =
    r.manage_procuration && actor.dossier ? await findMemberWithRole(ctx.database.db, actor.dossier.householdId, 'conjoint') : undefined;
  const links: [boolean, string, string][] = [
    [r.consult_personal_data, PATHS.info, 'Mes informations'],
    [r.modify_contact, PATHS.contact, 'Modifier mes coordonnées'],
    [r.manage_dossier, PATHS.changes, 'Déclarer un changement (adresse, compte bancaire)'],
    [r.view_household_demarches, PATHS.householdDemarches, 'Les démarches de mon foyer'],
    [r.manage_procuration, PATHS.procuration, `Autorisation de gestion de ${mySpouse(conjoint?.civility ?? 'M')}`],
    [r.declare_separation, PATHS.separation, 'Déclarer une séparation'],
  ];
  const activity = [...(await recentActivity(ctx.database.db, req.account!.id, 5)), ...more].sort((a, b) => b.at - a.at).slice(0, 5);
  const left = actor.membership ? undefined : (await findFormerMemberships(ctx.database.db, req.account!.id))[0];
  return html`<h2 class="govuk-heading-m">Mon foyer</h2>
<p class="govuk-body">${actor.membership ? html`Dossier allocataire n° ${actor.dossier!.dossierNumber} — ${roleLabel(actor.membership, req.account!.civility)}.` : noDossierText(req.account!, left)}</p>
<ul class="govuk-list">${links.filter(([ok]) => ok).map(([, href, text]) => html`<li><a class="govuk-link" href="${href}">${text}</a></li>`)}</ul>
<h2 class="govuk-heading-m">Mon activité récente</h2>
${activityList(activity)}`;
}

export function registerInformationPages(app: FastifyInstance, ctx: HouseholdInfoDeps): void {
  app.get(PATHS.info, { preHandler: requirePermission(ctx, 'consult_personal_data') }, async (req, reply) => {
    const a = req.account!;
    const activity = await recentActivity(ctx.database.db, a.id);
    const left = actorOf(req).membership ? undefined : (await findFormerMemberships(ctx.database.db, a.id))[0];
    return sendHtml(
      reply,
      accountPage(
        req,
        { title: 'Mes informations', backLink: toSpace() },
        html`<h1 class="govuk-heading-l">Mes informations</h1>
${summaryList(informationRows(a, actorOf(req), left))}
<p class="govuk-body">Une erreur dans votre état civil ? Appelez votre Caf au ${ctx.config.agencyPhone} : elle peut être corrigée avec un justificatif.</p>
<h2 class="govuk-heading-m">Mon activité récente</h2>
${activityList(activity)}`,
      ),
    );
  });

  app.get(PATHS.householdDemarches, { preHandler: requirePermission(ctx, 'view_household_demarches') }, async (req, reply) => {
    const members = (await listMembers(ctx.database.db, dossierOf(req).householdId)).filter((m) => m.account_id);
    const lists = await Promise.all(
      members.map(async (m) => ({
        m,
        demarches: visibleTo(req.account!.id, m.account_id!, await listDemarches(ctx.database.db, m.account_id!)),
      })),
    );
    return sendHtml(
      reply,
      accountPage(
        req,
        { title: 'Les démarches de mon foyer', backLink: toSpace() },
        html`<h1 class="govuk-heading-l">Les démarches de mon foyer</h1>
${lists.map(
  ({
    m,
    demarches,
  }) => html`<h2 class="govuk-heading-m">${memberName(m)} <span class="govuk-caption-m">${roleLabel({ role: m.role, hasProcuration: m.has_procuration === 1 }, m.civility)}</span></h2>
${
  demarches.length
    ? html`<ul class="govuk-list govuk-list--bullet">${demarches.map((d) => html`<li>${demarcheTitle(d).title} — ${STATUS_LABELS[d.status]} (commencée le ${frenchDate(d.created_at)})</li>`)}</ul>`
    : html`<p class="govuk-body">Aucune démarche.</p>`
}`,
)}`,
      ),
    );
  });
}
