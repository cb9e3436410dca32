import type { FastifyPluginAsync } from 'fastify';
import { displayName } from '../../accounts/repository';
import { MESSAGES_PATH } from '../../caf-messages/messages';
import { unreadForPerson } from '../../caf-messages/threads';
import type { AppContext } from '../../context';
import { listDemarches } from '../../demarches/repository';
import { sendHtml } from '../../http/errors';
import { button, form } from '../../http/views/components';
import { html } from '../../http/views/html';
import { requirePermission } from '../../http/require-permission';
import { accountPage } from '../../http/views/account-page';
import { householdSection } from '../household/info';
import { DEMARCHES_PATH, continueLabel, demarcheTitle, resumePath } from '../demarches/pages';

/** /mon-espace: the personal home page after login, with the démarches à compléter (src/demarches). */
export function personalSpacePages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/mon-espace', { preHandler: requirePermission(ctx, 'consult_personal_data') }, async (req, reply) => {
      const account = req.account!;
      const household = await householdSection(ctx, req);
      const unread = await unreadForPerson(ctx.database.db, account.id);
      const toComplete = (await listDemarches(ctx.database.db, account.id, ctx.clock.now())).filter((d) => d.status === 'brouillon');
      return sendHtml(
        reply,
        accountPage(
          req,
          { title: 'Mon espace', width: 'full' },
          html`<h1 class="govuk-heading-xl">Bonjour ${displayName(account)}</h1>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    ${
      toComplete.length > 0
        ? html`<div class="govuk-inset-text">
      <h2 class="govuk-heading-m">${toComplete.length === 1 ? 'Votre demande en cours' : 'Vos demandes en cours'}</h2>
      <ul class="govuk-list">
        ${toComplete.map((d) => {
          const { title, summary } = demarcheTitle(d);
          return html`<li><a class="govuk-link govuk-!-font-weight-bold" href="${resumePath(d.id)}">${continueLabel(title)}</a>${summary ? html`<br><span class="govuk-body-s">${summary}</span>` : ''}</li>`;
        })}
      </ul>
    </div>`
        : html`<p class="govuk-body-l">Bienvenue dans votre espace personnel Mon Compte.</p>`
    }
    <h2 class="govuk-heading-m">Mon espace</h2>
    <ul class="govuk-list">
      <li><a class="govuk-link" href="${DEMARCHES_PATH}">Mes démarches</a></li>
      <li><a class="govuk-link" href="${MESSAGES_PATH}">Mes messages${unread ? html` <strong class="govuk-tag govuk-tag--blue">${unread === 1 ? '1 nouvelle réponse' : `${unread} nouvelles réponses`}</strong>` : ''}</a></li>
      <li><a class="govuk-link" href="${MESSAGES_PATH}/nouveau">Contacter ma Caf</a></li>
      <li><a class="govuk-link" href="/aides-et-demarches">Faire une demande de prestation</a></li>
      <li><a class="govuk-link" href="/mon-espace/attestations">Mes attestations</a></li>
      <li><a class="govuk-link" href="/mon-espace/securite">Sécurité du compte</a></li>
      <li><a class="govuk-link" href="/mon-espace/mes-donnees">Mes données</a></li>
      <li><a class="govuk-link" href="/mon-espace/fermer-mon-compte">Fermer mon compte</a></li>
    </ul>
    ${household}
    ${form({ action: '/deconnexion', csrfToken: req.csrfToken }, button('Se déconnecter', { secondary: true }))}
    <p class="govuk-body-s">Pour protéger vos informations, vous serez déconnecté après 30 minutes sans activité (<a class="govuk-link" href="/session/expiration">en savoir plus</a>).</p>
  </div>
</div>`,
        ),
      );
    });
  };
}
