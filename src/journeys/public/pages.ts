import type { FastifyPluginAsync } from 'fastify';
import { pageUser } from '../../http/session';
import { sendHtml } from '../../http/errors';
import { linkButton } from '../../http/views/components';
import { html } from '../../http/views/html';
import { layout } from '../../http/views/layout';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type PublicPagesDeps = Pick<JourneyDeps, 'config'>;

/** Pages anyone can read: home, help (the legal pages: ./legal/routes.ts). */
export function publicPages(ctx: PublicPagesDeps): FastifyPluginAsync {
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
  };
}
