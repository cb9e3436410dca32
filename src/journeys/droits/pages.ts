import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { sendHtml } from '../../http/errors';
import { requirePermission } from '../../http/require-permission';
import { accountPage } from '../../http/views/account-page';
import { formerDossiers, paymentsView, visibleDroits } from './use-cases';
import { DROITS_PATH, PAYMENTS_PATH, droitsContent, paymentsContent, type Reader } from './views';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type DroitsPagesDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database'>;

/**
 * « Mes droits » and « Mes paiements »: every member sees what concerns them, those who manage the
 * dossier see all of it (`view_household_payments`); « Paiements du foyer » is the whole dossier's
 * view, for those who manage it only.
 */
export function droitsPages(ctx: DroitsPagesDeps): FastifyPluginAsync {
  const deps = { db: ctx.database.db, clock: ctx.clock };
  /** The person's own pages also keep what concerned them on a dossier they left (a separation). */
  const reader = async (req: FastifyRequest, own: boolean): Promise<Reader> => ({
    civility: req.account!.civility,
    former: own ? await formerDossiers(deps, req.account!.id) : [],
  });
  return async (app) => {
    app.get(DROITS_PATH, { preHandler: requirePermission(ctx, 'consult_personal_data') }, async (req, reply) =>
      sendHtml(
        reply,
        accountPage(req, { title: 'Mes droits' }, droitsContent(await visibleDroits(deps, req.actor!), await reader(req, true))),
      ),
    );
    app.get(PAYMENTS_PATH, { preHandler: requirePermission(ctx, 'consult_personal_data') }, async (req, reply) =>
      sendHtml(
        reply,
        accountPage(req, { title: 'Mes paiements' }, paymentsContent(await paymentsView(deps, req.actor!), await reader(req, true))),
      ),
    );
    app.get('/mon-espace/foyer/paiements', { preHandler: requirePermission(ctx, 'view_household_payments') }, async (req, reply) =>
      sendHtml(
        reply,
        accountPage(req, { title: 'Mes paiements' }, paymentsContent(await paymentsView(deps, req.actor!), await reader(req, false))),
      ),
    );
  };
}
