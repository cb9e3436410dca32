import type { FastifyPluginAsync } from 'fastify';
import { pageUser } from '../../http/session';
import { COOKIES } from './cookies';
import { LEGAL_PAGES, PUBLISHER } from '../../legal/pages';
import { sendHtml } from '../../http/errors';
import { html, type SafeHtml } from '../../http/views/html';
import { layout } from '../../http/views/layout';
import { accessibilityStatement } from './accessibility';
import { personalDataNotice } from './personal-data-notice';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type LegalPagesDeps = Pick<JourneyDeps, 'config'>;

/** The pages the law asks for (src/legal/pages.ts), linked from every page's footer; public and cacheable. */
export function legalPages(ctx: LegalPagesDeps): FastifyPluginAsync {
  const { config } = ctx;
  const bodies: Record<(typeof LEGAL_PAGES)[number]['path'], () => SafeHtml> = {
    '/accessibilite': () => accessibilityStatement({ baseUrl: config.baseUrl, agencyPhone: config.agencyPhone }),
    '/donnees-personnelles': () =>
      personalDataNotice({ settings: { outboxRetentionDays: config.outbox.retentionDays }, agencyPhone: config.agencyPhone }),
    '/mentions-legales': legalNotice,
    '/conditions-generales-d-utilisation': () => termsOfUse(config.agencyPhone),
    '/cookies': cookiesStatement,
  };
  return async (app) => {
    for (const p of LEGAL_PAGES)
      app.get(p.path, async (req, reply) => sendHtml(reply, layout({ title: p.title, user: pageUser(req) }, bodies[p.path]())));
  };
}

function legalNotice(): SafeHtml {
  return html`<h1 class="govuk-heading-l">Mentions légales</h1>
<h2 class="govuk-heading-m">Éditeur</h2>
<p class="govuk-body">${PUBLISHER.name}<br>${PUBLISHER.address}</p>
<p class="govuk-body">Directeur de la publication : ${PUBLISHER.director}.</p>
<h2 class="govuk-heading-m">Hébergement</h2>
<p class="govuk-body">${PUBLISHER.host}<br>${PUBLISHER.hostAddress}</p>
<h2 class="govuk-heading-m">Données personnelles et cookies</h2>
<p class="govuk-body">Voir <a class="govuk-link" href="/donnees-personnelles">Données personnelles</a> et <a class="govuk-link" href="/cookies">Cookies</a>.</p>
<h2 class="govuk-heading-m">Accessibilité</h2>
<p class="govuk-body">Voir la <a class="govuk-link" href="/accessibilite">déclaration d’accessibilité</a>.</p>`;
}

function termsOfUse(agencyPhone: string): SafeHtml {
  return html`<h1 class="govuk-heading-l">Conditions générales d’utilisation</h1>
<h2 class="govuk-heading-m">Objet</h2>
<p class="govuk-body">Mon Compte est l’espace personnel en ligne de la Caf : créer un compte, faire une demande de prestation, suivre ses démarches, déclarer un changement, gérer son dossier. Son utilisation est gratuite et facultative : tout ce qu’il permet peut aussi se faire au guichet de votre Caf ou par courrier.</p>
<h2 class="govuk-heading-m">Votre compte</h2>
<p class="govuk-body">Votre compte est personnel. Gardez votre mot de passe secret ; la Caf ne vous le demandera jamais, ni les codes qu’elle vous envoie. Si vous pensez qu’une autre personne utilise votre compte, changez votre mot de passe et appelez le ${agencyPhone}.</p>
<h2 class="govuk-heading-m">Vos déclarations</h2>
<p class="govuk-body">Vous vous engagez à fournir des informations exactes. Une fausse déclaration peut entraîner le remboursement des sommes versées à tort et des sanctions (articles L. 114-13 et L. 114-17 du code de la sécurité sociale).</p>
<h2 class="govuk-heading-m">Disponibilité</h2>
<p class="govuk-body">Le service peut être interrompu pour maintenance ou en cas d’incident. Ce que vous avez déjà saisi dans un formulaire est enregistré à chaque étape.</p>
<h2 class="govuk-heading-m">Fermer votre compte</h2>
<p class="govuk-body">Vous pouvez fermer votre compte en ligne à tout moment depuis votre espace. Votre dossier à la Caf n’est pas modifié.</p>
<h2 class="govuk-heading-m">Données personnelles</h2>
<p class="govuk-body">Voir <a class="govuk-link" href="/donnees-personnelles">Données personnelles</a>.</p>`;
}

function cookiesStatement(): SafeHtml {
  return html`<h1 class="govuk-heading-l">Cookies</h1>
<p class="govuk-body">Mon Compte n’utilise que des cookies strictement nécessaires à son fonctionnement : la sécurité, la connexion et la suite d’un formulaire en cours. Aucun ne mesure l’audience, ne sert à la publicité ni ne vous suit sur d’autres sites. Ils sont dispensés de consentement : aucun bandeau ne vous est donc demandé.</p>
<div class="mc-table-scroll" role="region" aria-label="Les cookies déposés par Mon Compte" tabindex="0"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-table__caption--s">Les cookies déposés par Mon Compte</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Nom</th><th scope="col" class="govuk-table__header">À quoi il sert</th><th scope="col" class="govuk-table__header">Durée</th></tr></thead>
  <tbody class="govuk-table__body">
  ${COOKIES.map((c) => html`<tr class="govuk-table__row"><th scope="row" class="govuk-table__header"><code>${c.name}</code></th><td class="govuk-table__cell">${c.purpose}</td><td class="govuk-table__cell">${c.lifetime}</td></tr>`)}
  </tbody>
</table></div>
<p class="govuk-body">Le bouton FranceConnect mène au site de FranceConnect, qui dépose ses propres cookies : voir ses conditions sur franceconnect.gouv.fr.</p>`;
}
