import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { pageUser } from '../../http/session';
import { AppError } from '../../errors/app-error';
import { mayRequest } from '../../demarches/service';
import { offered } from '../../household/permissions';
import type { HouseholdActor } from '../../household/repository';
import { requestActor } from '../../http/require-permission';
import { dossierManagers, whoCan } from '../../household/who';
import { memberName } from '../household/common';
import { findPrestation, findTheme, prestations, prestationsOf, requestAction, themes, type Prestation } from '../../prestations/catalogue';
import { agencyDay } from '../../shared/french-time';
import { sendHtml } from '../../http/errors';
import { rememberPrestation } from '../../http/intent';
import { DEMARCHES_PATH } from '../demarches/pages';
import { existingFor } from '../demarches/existing';
import { button, form, insetText, linkButton } from '../../http/views/components';
import { html, type SafeHtml } from '../../http/views/html';
import { layout } from '../../http/views/layout';
import { franceConnectButton } from '../../http/views/franceconnect';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type PublicEntryDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database'>;

/**
 * The ways in (steps ① to ③ of the public page): « Aides et démarches » → « Mes démarches » → a
 * theme of the banner « Faites une demande de prestation en ligne » → a prestation → « Faire la
 * demande » → « Créer un compte » or « Se connecter »; and « Mon Compte » at the top of every page.
 */
const AIDES = '/aides-et-demarches';
const DEMARCHES = `${AIDES}/mes-demarches`;
const themePath = (slug: string) => `${DEMARCHES}/${slug}`;
const prestationPath = (slug: string) => `${AIDES}/prestations/${slug}`;

const breadcrumbs = (items: { href: string; text: string }[]) =>
  html`<nav class="govuk-breadcrumbs" aria-label="Fil d’Ariane"><ol class="govuk-breadcrumbs__list">${items.map(
    (i) => html`<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="${i.href}">${i.text}</a></li>`,
  )}</ol></nav>`;

/** The catalogue's title (the link to it from « Aides et démarches » keeps the seed's words, « Mes démarches »). */
const CATALOGUE_TITLE = 'Faire une demande en ligne';

/** The breadcrumbs of a page under the catalogue: « Aides et démarches », the catalogue, then `more`. */
const underCatalogue = (...more: { href: string; text: string }[]) =>
  breadcrumbs([{ href: AIDES, text: 'Aides et démarches' }, { href: DEMARCHES, text: CATALOGUE_TITLE }, ...more]);

/**
 * For a signed-in person who may not ask for a prestation (a household request, for a member who
 * does not manage the dossier): who can, by name, and what they can do instead — said BEFORE they
 * start, so that no « Faire la demande » leads to a refusal. Undefined: they may ask (or are not
 * signed in: the request starts after the account is created or the person is signed in).
 */
async function notForThem(
  ctx: PublicEntryDeps,
  actor: HouseholdActor | undefined,
  p: Prestation,
): Promise<{ who: string; instead: SafeHtml } | undefined> {
  if (!actor || !p.online) return undefined;
  const now = ctx.clock.now();
  if (mayRequest(actor, p, now).allowed) return undefined;
  const who = await whoCan(ctx.database.db, actor, requestAction(p));
  const managers = actor.dossier ? (await dossierManagers(ctx.database.db, actor.dossier.householdId)).map(memberName) : [];
  const individual = prestations.filter((x) => x.online && !x.declaredAt && mayRequest(actor, x, now).allowed);
  const today = agencyDay(now);
  const instead = html`<h2 class="govuk-heading-m">Ce que vous pouvez faire</h2>
<ul class="govuk-list govuk-list--bullet">
  ${managers.length ? html`<li>Demander à ${managers.join(' ou à ')} de faire cette demande depuis son espace Mon Compte.</li>` : ''}
  ${individual.map((x) => html`<li>Faire une demande personnelle : <a class="govuk-link" href="${prestationPath(x.slug)}">${x.title}</a></li>`)}
  ${offered(actor, 'declare_separation', today) ? html`<li><a class="govuk-link" href="/mon-espace/foyer/separation">Déclarer une séparation</a></li>` : ''}
  <li><a class="govuk-link" href="/mon-espace/mes-informations">Consulter mes informations</a> ou <a class="govuk-link" href="/mon-espace/securite/contact">modifier mes coordonnées</a></li>
</ul>`;
  return { who, instead };
}

/** The banner « Faites une demande de prestation en ligne »: the themes, on « Aides et démarches » and on the catalogue. */
function themesBanner(): SafeHtml {
  return html`<section class="govuk-!-margin-bottom-6" aria-labelledby="bandeau-demande">
  <h2 class="govuk-heading-l" id="bandeau-demande">Faites une demande de prestation en ligne</h2>
  <p class="govuk-body">Choisissez le thème qui vous intéresse.</p>
  <ul class="govuk-list">
    ${themes.map((t) => html`<li class="govuk-!-margin-bottom-4"><a class="govuk-link govuk-!-font-size-24 govuk-!-font-weight-bold" href="${themePath(t.slug)}">${t.title}</a><br><span class="govuk-body">${t.description}</span></li>`)}
  </ul>
</section>`;
}

export function entryPages(ctx: PublicEntryDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(AIDES, async (req, reply) =>
      sendHtml(
        reply,
        layout(
          { title: 'Aides et démarches', user: pageUser(req) },
          html`<h1 class="govuk-heading-xl">Aides et démarches</h1>
${
  req.account
    ? html`<div class="govuk-inset-text"><p class="govuk-body">Cette page présente toutes les prestations que l’on peut demander en ligne : ce ne sont pas vos démarches. Vos demandes en cours, vos brouillons et leur suivi sont dans <a class="govuk-link" href="${DEMARCHES_PATH}">Mes démarches</a>, dans votre espace.</p></div>`
    : html`<p class="govuk-body-l">Faites vos demandes de prestation en ligne et suivez vos démarches.</p>`
}
${themesBanner()}
<h2 class="govuk-heading-m"><a class="govuk-link" href="${DEMARCHES}">${req.account ? 'Toutes les prestations à demander en ligne' : 'Mes démarches'}</a></h2>
<p class="govuk-body">Choisissez la prestation qui correspond à votre situation et faites votre demande en ligne.</p>
${
  req.account
    ? ''
    : html`<h2 class="govuk-heading-m">Vous faites déjà partie d’un foyer allocataire ?</h2>
<p class="govuk-body">Passez directement par <a class="govuk-link" href="/mon-compte">Mon Compte</a> pour vous connecter ou créer votre espace personnel.</p>`
}`,
        ),
      ),
    );

    /** The signed-in person's household actor, read once for the request (undefined: nobody is signed in). */
    const actorOf = (req: FastifyRequest) => (req.account ? requestActor(ctx, req) : Promise.resolve(undefined));

    app.get(DEMARCHES, async (req, reply) =>
      sendHtml(
        reply,
        layout(
          // Its own title and h1: « Mes démarches » is the person's list (/mon-espace/demarches); this is the catalogue.
          { title: CATALOGUE_TITLE, user: pageUser(req), backLink: breadcrumbs([{ href: AIDES, text: 'Aides et démarches' }]) },
          html`<h1 class="govuk-heading-xl">${CATALOGUE_TITLE}</h1>
${req.account ? html`<p class="govuk-body">Ce sont toutes les prestations que l’on peut demander en ligne. Vos demandes en cours sont dans <a class="govuk-link" href="${DEMARCHES_PATH}">Mes démarches</a>, dans votre espace.</p>` : ''}
${themesBanner()}`,
        ),
      ),
    );

    app.get(`${DEMARCHES}/:theme`, async (req, reply) => {
      const theme = findTheme((req.params as { theme: string }).theme);
      if (!theme) throw new AppError('NOT_FOUND');
      const actor = await actorOf(req);
      return sendHtml(
        reply,
        layout(
          { title: theme.title, backLink: underCatalogue() },
          html`<span class="govuk-caption-l">Faites une demande de prestation en ligne</span>
<h1 class="govuk-heading-xl">${theme.title}</h1>
<p class="govuk-body-l">${theme.description}</p>
<ul class="govuk-list">
  ${await Promise.all(
    prestationsOf(theme.slug).map(async (p) => {
      const other = await notForThem(ctx, actor, p);
      return html`<li class="govuk-!-margin-bottom-4"><a class="govuk-link govuk-!-font-weight-bold" href="${prestationPath(p.slug)}">${p.title}</a><br><span class="govuk-body">${p.summary}</span>${other ? html`<br><span class="govuk-body-s">${other.who}</span>` : ''}</li>`;
    }),
  )}
</ul>`,
        ),
      );
    });

    app.get(`${AIDES}/prestations/:slug`, async (req, reply) => {
      const p = findPrestation((req.params as { slug: string }).slug);
      if (!p) throw new AppError('NOT_FOUND');
      const theme = findTheme(p.theme);
      const other = await notForThem(ctx, await actorOf(req), p);
      const existing = other ? html`` : await existingFor(ctx, req, p);
      return sendHtml(
        reply,
        layout(
          { title: p.title, backLink: underCatalogue(...(theme ? [{ href: themePath(theme.slug), text: theme.title }] : [])) },
          html`<h1 class="govuk-heading-xl">${p.title}</h1>
<p class="govuk-body-l">${p.summary}</p>
<p class="govuk-body">${p.description}</p>
${p.online && p.requester === 'individual' ? html`<p class="govuk-body">C’est une demande personnelle : chaque membre du foyer qui a son espace Mon Compte peut la faire pour lui-même.</p>` : ''}
${p.online && p.requester === 'household' ? html`<p class="govuk-body">C’est une demande pour tout le foyer : si vous faites déjà partie d’un foyer allocataire, elle est faite par le responsable du dossier ou par son conjoint s’il a une autorisation de gestion.</p>` : ''}
${
  other
    ? html`${insetText(html`<strong>${other.who}</strong><br>Vous ne pouvez pas la faire vous-même depuis votre espace : elle concerne tout le foyer.`)}${other.instead}`
    : p.online
      ? html`${existing}<p class="govuk-body">La demande se fait en ligne, depuis votre espace personnel Mon Compte.</p>${linkButton('Faire la demande', `${prestationPath(p.slug)}/faire-la-demande`, { start: true })}`
      : html`${insetText(html`<strong>${p.elsewhere?.label ?? 'Demande auprès d’un autre organisme'}</strong><br>${p.elsewhere?.text ?? ''}`)}
<p class="govuk-body"><a class="govuk-link" href="https://www.mdph.fr/">Trouver la MDPH de mon département (site mdph.fr)</a></p>`
}`,
        ),
      );
    });

    app.get(`${AIDES}/prestations/:slug/faire-la-demande`, async (req, reply) => {
      const p = findPrestation((req.params as { slug: string }).slug);
      if (!p) throw new AppError('NOT_FOUND');
      if (!p.online) return reply.redirect(prestationPath(p.slug), 303);
      const other = await notForThem(ctx, await actorOf(req), p);
      if (other) return reply.redirect(prestationPath(p.slug), 303);
      rememberPrestation(reply, p.slug, ctx.config.isProduction);
      if (req.account) {
        // Already signed in: the démarche is started on the account with a button (a POST: a link cannot change an account).
        return sendHtml(
          reply,
          layout(
            {
              title: `Faire la demande : ${p.title}`,
              user: pageUser(req),
              backLink: html`<nav aria-label="Page précédente"><a href="${prestationPath(p.slug)}" class="govuk-back-link">Retour</a></nav>`,
            },
            html`<span class="govuk-caption-l">Faire la demande</span>
<h1 class="govuk-heading-xl">${p.title}</h1>
${await existingFor(ctx, req, p)}
<p class="govuk-body-l">Vous êtes connecté(e) à votre espace personnel Mon Compte. Votre demande y sera gardée dans « Mes démarches ».</p>
${form({ action: DEMARCHES_PATH, csrfToken: req.csrfToken }, html`<input type="hidden" name="prestation" value="${p.slug}">${button('Commencer ma demande')}`)}`,
          ),
        );
      }
      return sendHtml(
        reply,
        layout(
          {
            title: `Faire la demande : ${p.title}`,
            backLink: html`<nav aria-label="Page précédente"><a href="${prestationPath(p.slug)}" class="govuk-back-link">Retour</a></nav>`,
          },
          html`<span class="govuk-caption-l">Faire la demande</span>
<h1 class="govuk-heading-xl">${p.title}</h1>
<p class="govuk-body-l">Pour faire cette demande en ligne, vous avez besoin de votre espace personnel Mon Compte.</p>
<h2 class="govuk-heading-m">Vous n’avez pas encore de compte</h2>
<p class="govuk-body">Créez-le en quelques minutes : vous reviendrez ensuite à votre demande.</p>
${linkButton('Créer un compte', '/creer-mon-compte')}
<h2 class="govuk-heading-m">Vous avez déjà un compte</h2>
<p class="govuk-body">Connectez-vous avec votre numéro de sécurité sociale (ou votre identifiant provisoire) et votre mot de passe.</p>
${linkButton('Se connecter', '/connexion', { secondary: true })}`,
        ),
      );
    });

    app.get('/mon-compte', async (_req, reply) =>
      sendHtml(
        reply,
        layout(
          { title: 'Mon Compte' },
          html`<h1 class="govuk-heading-xl">Mon Compte</h1>
<h2 class="govuk-heading-m">Vous avez déjà un compte</h2>
<p class="govuk-body">Connectez-vous avec votre numéro de sécurité sociale (ou votre identifiant provisoire) et votre mot de passe.</p>
${linkButton('Se connecter', '/connexion')}
<h2 class="govuk-heading-m">Vous n’avez pas encore de compte</h2>
<p class="govuk-body">Vous faites partie d’un foyer allocataire (conjoint, enfant de plus de 15 ans, personne à charge) ? Créez votre espace personnel pour consulter vos données personnelles, modifier vos coordonnées de contact ou déclarer une séparation.</p>
${linkButton('Créer mon compte', '/creer-mon-compte/nouveau?depuis=mon-compte', { secondary: true })}
${franceConnectButton({ heading: 'Ou avec FranceConnect' })}
<p class="govuk-body">Vous souhaitez faire une demande de prestation ? Passez par <a class="govuk-link" href="${DEMARCHES}">Mes démarches</a>.</p>`,
        ),
      ),
    );
  };
}
