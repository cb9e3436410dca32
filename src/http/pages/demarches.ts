import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context';
import { listDemarches, onlinePrestation, startDemarche, type Demarche, type DemarcheStatus } from '../../demarches/repository';
import { AppError } from '../../errors/app-error';
import { findPrestation } from '../../prestations/catalogue';
import { sendHtml } from '../errors';
import { forgetPrestation } from '../intent';
import { html, type SafeHtml } from '../views/html';
import { requirePermission } from '../require-permission';
import { requestAction } from '../../household/requests';
import { accountPage } from './account-page';

/**
 * « Mes démarches » (/mon-espace/demarches): the prestations the person has set out to ask for,
 * kept on their account (src/demarches). The request forms come later: until then each démarche
 * says so, plainly, with the Caf's phone number.
 *
 *   GET  /mon-espace/demarches  → the list (or « Vous n’avez pas de démarche en cours. »)
 *   POST /mon-espace/demarches  → `prestation`: a signed-in person's « Faire la demande »
 */
export const DEMARCHES_PATH = '/mon-espace/demarches';

const STATUS_TAGS: Record<DemarcheStatus, SafeHtml> = {
  a_completer: html`<strong class="govuk-tag govuk-tag--yellow">À compléter</strong>`,
  envoyee: html`<strong class="govuk-tag govuk-tag--blue">Envoyée</strong>`,
};

/** The title of a declaration once sent (status 'envoyee'), when it differs from the catalogue's. */
const SENT_TITLES: Record<string, string> = { 'declaration-separation': 'Séparation déclarée' };

/** Title and summary of a démarche's prestation (its slug, should the catalogue no longer have it). */
export function demarcheTitle(d: Demarche): { title: string; summary: string } {
  const p = findPrestation(d.prestation);
  const title = (d.status === 'envoyee' ? SENT_TITLES[d.prestation] : undefined) ?? p?.title ?? d.prestation;
  return { title, summary: p?.summary ?? '' };
}

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

export function demarchesPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get(DEMARCHES_PATH, { preHandler: requirePermission(ctx, 'consult_personal_data') }, async (req, reply) => {
      const demarches = await listDemarches(ctx.database.db, req.account!.id);
      return sendHtml(
        reply,
        accountPage(
          req,
          {
            title: 'Mes démarches',
            backLink: html`<nav class="govuk-breadcrumbs" aria-label="Fil d’Ariane"><ol class="govuk-breadcrumbs__list"><li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/mon-espace">Mon espace</a></li></ol></nav>`,
          },
          html`<h1 class="govuk-heading-xl">Mes démarches</h1>
${demarches.length === 0
  ? html`<p class="govuk-body">Vous n’avez pas de démarche en cours.</p>
<p class="govuk-body"><a class="govuk-link" href="/aides-et-demarches">Faire une demande de prestation</a></p>`
  : html`${demarches.map((d) => {
      const { title, summary } = demarcheTitle(d);
      return html`<h2 class="govuk-heading-m">${title}</h2>
<p class="govuk-body">${STATUS_TAGS[d.status]}</p>
${summary ? html`<p class="govuk-body">${summary}</p>` : ''}
${d.status === 'envoyee'
  ? html`<p class="govuk-body">Déclaration envoyée à la Caf le ${frenchDate(d.created_at)}. La Caf l’étudie et vous écrira si elle a besoin d’autres informations.</p>`
  : html`<p class="govuk-body">Demande commencée le ${frenchDate(d.created_at)}.</p>
<p class="govuk-body">Le formulaire en ligne de cette demande sera bientôt disponible ici. En attendant, vous pouvez appeler votre Caf au ${ctx.config.agencyPhone} ou vous rendre à l’accueil de votre Caf.</p>`}
<hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible">`;
    })}
<p class="govuk-body"><a class="govuk-link" href="/aides-et-demarches">Faire une autre demande de prestation</a></p>`}`,
        ),
      );
    });

    app.post(DEMARCHES_PATH, { preHandler: requirePermission(ctx, (req) => requestAction((req.body as Record<string, unknown> | undefined)?.prestation)) }, async (req, reply) => {
      const slug = (req.body as Record<string, unknown> | undefined)?.prestation;
      const p = onlinePrestation(typeof slug === 'string' ? slug : undefined);
      if (!p) throw new AppError('NOT_FOUND');
      await startDemarche(ctx.database.db, req.account!.id, p.slug, ctx.clock.now());
      forgetPrestation(reply);
      return reply.redirect(DEMARCHES_PATH, 303);
    });
  };
}
