import type { FastifyPluginAsync } from 'fastify';
import { pageUser } from '../../auth/http-session';
import type { AppContext } from '../../context';
import { sendHtml } from '../errors';
import { linkButton } from '../views/components';
import { html } from '../views/html';
import { layout } from '../views/layout';

/** Pages anyone can read: home, help, accessibility, personal data. */
export function publicPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/', async (req, reply) =>
      sendHtml(
        reply,
        layout(
          { title: 'Accueil', user: pageUser(req) },
          html`<h1 class="govuk-heading-xl">Mon Compte, votre espace personnel Caf</h1>
<p class="govuk-body-l">Faites une demande de prestation en ligne, suivez vos démarches et gérez votre dossier.</p>
${linkButton('Aides et démarches', '/aides-et-demarches', { start: true })}
<h2 class="govuk-heading-m">Vous faites déjà partie d’un foyer allocataire ?</h2>
<p class="govuk-body">Utilisez le lien <a class="govuk-link" href="/mon-compte">Mon Compte</a> en haut de chaque page pour vous connecter ou créer votre espace personnel.</p>`,
        ),
      ),
    );

    app.get('/aide', async (req, reply) =>
      sendHtml(
        reply,
        layout(
          { title: 'Aide et contact', user: pageUser(req) },
          html`<h1 class="govuk-heading-l">Aide et contact</h1>
<p class="govuk-body">Une question sur la création de votre compte ou sur votre dossier ? Appelez votre Caf au <strong>${ctx.config.agencyPhone}</strong> (service gratuit + prix d’un appel), du lundi au vendredi de 9 h à 16 h 30.</p>`,
        ),
      ),
    );

    app.get('/accessibilite', async (req, reply) =>
      sendHtml(
        reply,
        layout(
          { title: 'Accessibilité', user: pageUser(req) },
          html`<h1 class="govuk-heading-l">Déclaration d’accessibilité</h1>
<p class="govuk-body">Mon Compte vise la conformité au référentiel général d’amélioration de l’accessibilité (RGAA 4.1, équivalent WCAG 2.1 niveau AA). Chaque page est vérifiée automatiquement (axe-core) ; un audit complet reste à réaliser : le site est donc déclaré <strong>partiellement conforme</strong>.</p>
<p class="govuk-body">Toutes les pages fonctionnent sans JavaScript. Si vous rencontrez une difficulté, appelez le ${ctx.config.agencyPhone}.</p>`,
        ),
      ),
    );

    app.get('/donnees-personnelles', async (req, reply) =>
      sendHtml(
        reply,
        layout(
          { title: 'Données personnelles', user: pageUser(req) },
          html`<h1 class="govuk-heading-l">Données personnelles</h1>
<p class="govuk-body">Les informations que vous saisissez servent à créer votre espace personnel et à traiter vos demandes. Votre numéro de téléphone portable et votre adresse e-mail ne sont jamais transmis à des tiers ni utilisés à des fins commerciales.</p>`,
        ),
      ),
    );
  };
}
