import type { FastifyPluginAsync } from 'fastify';
import { amountPeriods } from '../../payments/amounts';
import { apiRoutes } from '../../http/api/route';
import { requirePermission } from '../../http/require-permission';
import type { Action } from '../../household/permissions';
import { DroitsAnswer, PaymentsAnswer } from './schemas';
import { paymentsView, visibleDroits } from './use-cases';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type DroitsApiDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database'>;

/**
 * The payments in JSON: the same answer (paymentsView reads the actor's scope), two doors — the
 * person's own, and the whole dossier's for those the dossier allows to see it.
 */
const PAYMENTS_ROUTES = [
  {
    url: '/api/paiements',
    summary: 'Mes paiements : les 24 derniers mois, mois par mois, le prochain paiement (IBAN masqué)',
    permission: 'consult_personal_data',
  },
  {
    url: '/api/household/paiements',
    summary: 'Les paiements de tout le dossier (responsable, conjoint avec autorisation de gestion)',
    permission: 'view_household_payments',
  },
] as const satisfies readonly { url: `/api/${string}`; summary: string; permission: Action }[];

/** « Mes droits » and « Mes paiements » in JSON, from the same use cases as the pages. */
export function droitsApi(ctx: DroitsApiDeps): FastifyPluginAsync {
  const deps = { db: ctx.database.db, clock: ctx.clock };
  return async (app) => {
    const route = apiRoutes(app, { tags: ['Droits et paiements'], session: true });
    route({
      method: 'GET',
      url: '/api/droits',
      summary: 'Mes droits : ceux du dossier (qui le gère) ou ceux qui concernent la personne, avec leur historique',
      guard: requirePermission(ctx, 'consult_personal_data'),
      response: DroitsAnswer,
      errors: [401, 403],
      handler: async ({ req }) => {
        const v = await visibleDroits(deps, req.actor!);
        return {
          scope: v.scope,
          droits: v.droits.map((d) => ({
            id: d.id,
            prestation: d.prestation,
            memberId: d.member_id,
            monthlyAmountCents: d.monthly_amount_cents,
            firstMonth: d.first_month,
            lastMonth: d.last_month,
            amountPeriods: amountPeriods(d, d.history),
            history: d.history.map((c) => ({
              at: c.at,
              kind: c.kind,
              fromMonth: c.from_month,
              amountCents: c.amount_cents,
              previousAmountCents: c.previous_amount_cents,
              lastMonth: c.last_month,
              motif: c.motif,
            })),
          })),
        };
      },
    });
    for (const p of PAYMENTS_ROUTES) {
      route({
        method: 'GET',
        url: p.url,
        summary: p.summary,
        guard: requirePermission(ctx, p.permission),
        response: PaymentsAnswer,
        errors: [401, 403],
        handler: async ({ req }) => paymentsView(deps, req.actor!),
      });
    }
  };
}
