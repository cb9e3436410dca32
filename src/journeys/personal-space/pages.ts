import type { FastifyPluginAsync } from 'fastify';
import { displayName } from '../../accounts/repository';
import { MESSAGES_PATH } from '../../caf-messages/messages';
import { unreadForPerson } from '../../caf-messages/threads';
import { demarcheActivity } from '../../demarches/activity';
import { decisionLabel, isDecided } from '../../demarches/decision';
import { demarchesOf } from '../../demarches/service';
import { sendHtml } from '../../http/errors';
import { button, form } from '../../http/views/components';
import { html } from '../../http/views/html';
import { requirePermission } from '../../http/require-permission';
import { accountPage } from '../../http/views/account-page';
import { householdSection } from '../household/info';
import { DEMARCHES_PATH, awaitingOf, deps } from '../demarches/pages';
import { waitingItems, waitingList } from './waiting';
import { paymentsView } from '../droits/use-cases';
import { heldPaymentText, PAYMENTS_PATH, paymentsBox } from '../droits/views';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type PersonalSpacePagesDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'resources'>;

/**
 * /mon-espace: the personal home page after login. First what waits for the person (./waiting.ts):
 * a piece to send, files added but not sent, a brouillon to finish, a decision to read — each with
 * its action one click away; then the links, the household and the recent activity (which lists
 * the démarches' requests, files and decisions).
 */
export function personalSpacePages(ctx: PersonalSpacePagesDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/mon-espace', { preHandler: requirePermission(ctx, 'consult_personal_data') }, async (req, reply) => {
      const account = req.account!;
      const unread = await unreadForPerson(ctx.database.db, account.id);
      const { own, household } = await demarchesOf(deps(ctx), req.actor!);
      const paymentsNow = await paymentsView({ db: ctx.database.db, clock: ctx.clock }, req.actor!);
      const waiting = waitingItems({
        own,
        household,
        awaiting: await awaitingOf(ctx, [...own, ...household]),
        decisionLabel: (d) => (isDecided(d.status) ? decisionLabel(d.status, d.prestation === 'declaration-separation') : ''),
      });
      const householdPart = await householdSection(ctx, req, await demarcheActivity(ctx.database.db, account.id, 5));
      if (paymentsNow.held)
        waiting.push({
          kind: 'held',
          text: heldPaymentText(paymentsNow.held),
          link: { href: PAYMENTS_PATH, text: 'Voir mes paiements' },
        });
      const payments = paymentsBox(paymentsNow);
      return sendHtml(
        reply,
        accountPage(
          req,
          { title: 'Mon espace', width: 'full' },
          html`<h1 class="govuk-heading-xl">Bonjour ${displayName(account)}</h1>
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    ${waiting.length > 0 ? waitingList(waiting) : html`<p class="govuk-body-l">Bienvenue dans votre espace personnel Mon Compte. Rien ne vous attend pour le moment.</p>`}
    <h2 class="govuk-heading-m">Mon espace</h2>
    <ul class="govuk-list">
      <li><a class="govuk-link" href="${DEMARCHES_PATH}">Mes démarches</a></li>
      <li><a class="govuk-link" href="${MESSAGES_PATH}">Mes messages${unread ? html` <strong class="govuk-tag govuk-tag--blue">${unread === 1 ? '1 nouvelle réponse' : `${unread} nouvelles réponses`}</strong>` : ''}</a></li>
      <li><a class="govuk-link" href="/mon-espace/droits">Mes droits</a></li>
      <li><a class="govuk-link" href="/mon-espace/paiements">Mes paiements</a></li>
      <li><a class="govuk-link" href="${MESSAGES_PATH}/nouveau">Contacter ma Caf</a></li>
      <li><a class="govuk-link" href="/aides-et-demarches">Faire une demande de prestation</a></li>
      <li><a class="govuk-link" href="/mon-espace/attestations">Mes attestations</a></li>
      <li><a class="govuk-link" href="/mon-espace/securite">Sécurité du compte</a></li>
      <li><a class="govuk-link" href="/mon-espace/mes-donnees">Mes données</a></li>
      <li><a class="govuk-link" href="/mon-espace/fermer-mon-compte">Fermer mon compte</a></li>
    </ul>
    ${payments}
    ${householdPart}
    ${form({ action: '/deconnexion', csrfToken: req.csrfToken }, button('Se déconnecter', { secondary: true }))}
    <p class="govuk-body-s">Pour protéger vos informations, vous serez déconnecté après 30 minutes sans activité (<a class="govuk-link" href="/session/expiration">en savoir plus</a>).</p>
  </div>
</div>`,
        ),
      );
    });
  };
}
