import type { FastifyPluginAsync } from 'fastify';
import { displayName } from '../../accounts/repository';
import type { AppContext } from '../../context';
import { listDemarches } from '../../demarches/repository';
import { sendHtml } from '../../http/errors';
import { button, form } from '../../http/views/components';
import { html } from '../../http/views/html';
import { requirePermission } from '../../http/require-permission';
import { accountPage } from '../../http/views/account-page';
import { householdSection } from '../household/info';
import { paymentsView } from '../droits/use-cases';
import { paymentsBox } from '../droits/views';
import { DEMARCHES_PATH, continueLabel, demarcheTitle, resumePath } from '../demarches/pages';

/** /mon-espace: the personal home page after login, with the démarches à compléter (src/demarches). */
export function personalSpacePages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/mon-espace', { preHandler: requirePermission(ctx, 'consult_personal_data') }, async (req, reply) => {
      const account = req.account!;
      const household = await householdSection(ctx, req);
      const payments = paymentsBox(await paymentsView({ db: ctx.database.db, clock: ctx.clock }, req.actor!));
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
      <li><a class="govuk-link" href="/mon-espace/droits">Mes droits</a></li>
      <li><a class="govuk-link" href="/mon-espace/paiements">Mes paiements</a></li>
      <li><a class="govuk-link" href="/aides-et-demarches">Faire une demande de prestation</a></li>
      <li><a class="govuk-link" href="/mon-espace/securite">Sécurité du compte</a></li>
      <li><a class="govuk-link" href="/mon-espace/mes-donnees">Mes données</a></li>
      <li><a class="govuk-link" href="/mon-espace/fermer-mon-compte">Fermer mon compte</a></li>
    </ul>
    ${payments}
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
