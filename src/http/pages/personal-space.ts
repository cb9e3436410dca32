import type { FastifyPluginAsync } from 'fastify';
import { displayName } from '../../accounts/repository';
import { requireAccount } from '../../auth/http-session';
import type { AppContext } from '../../context';
import { sendHtml } from '../errors';
import { chosenPrestation } from '../intent';
import { button, form } from '../views/components';
import { html } from '../views/html';
import { accountPage } from './account-page';

/** /mon-espace: the personal home page after login. */
export function personalSpacePages(_ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/mon-espace', { preHandler: requireAccount }, async (req, reply) => {
      const account = req.account!;
      const prestation = chosenPrestation(req);
      return sendHtml(
        reply,
        accountPage(
          req,
          { title: 'Mon espace', width: 'full' },
          html`<h1 class="govuk-heading-xl">Bonjour ${displayName(account)}</h1>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    ${prestation
      ? html`<div class="govuk-inset-text">
      <h2 class="govuk-heading-m">Votre demande en cours : ${prestation.title}</h2>
      <p class="govuk-body">${prestation.summary}</p>
      <p class="govuk-body"><a class="govuk-link" href="/mon-espace/demarches">Continuer ma demande de ${prestation.title}</a></p>
    </div>`
      : html`<p class="govuk-body-l">Bienvenue dans votre espace personnel Mon Compte.</p>`}
    <h2 class="govuk-heading-m">Mon espace</h2>
    <ul class="govuk-list">
      <li><a class="govuk-link" href="/mon-espace/demarches">Mes démarches</a></li>
      <li><a class="govuk-link" href="/aides-et-demarches">Faire une demande de prestation</a></li>
      <li><a class="govuk-link" href="/mon-espace/securite">Sécurité du compte</a></li>
    </ul>
    ${form({ action: '/deconnexion', csrfToken: req.csrfToken }, button('Se déconnecter', { secondary: true }))}
    <p class="govuk-body-s">Pour protéger vos informations, vous serez déconnecté après 30 minutes sans activité (<a class="govuk-link" href="/session/expiration">en savoir plus</a>).</p>
  </div>
</div>`,
        ),
      );
    });
  };
}
