import type { FastifyPluginAsync } from 'fastify';
import { registerHouseholdApi, type HouseholdApiDeps } from './api';
import { registerBankChangePages, type HouseholdBankChangePagesDeps } from './bank-change-pages';
import { registerChangePages, type HouseholdChangesDeps } from './changes';
import { registerInformationPages, type HouseholdInfoDeps } from './info';
import { registerProcurationPages, type HouseholdProcurationDeps } from './procuration';
import { registerSeparationPages, type HouseholdSeparationDeps } from './separation';

/** What the household's routes take from the composition root: what each of their files takes. */
export type HouseholdPagesDeps = HouseholdInfoDeps &
  HouseholdProcurationDeps &
  HouseholdChangesDeps &
  HouseholdBankChangePagesDeps &
  HouseholdSeparationDeps &
  HouseholdApiDeps;

/**
 * The household's pages and JSON routes (src/household): « Mes informations », the autorisation de
 * gestion, « Déclarer un changement », « Déclarer une séparation », the household's démarches.
 * Every route is guarded by requirePermission (src/http/require-permission.ts).
 */
export function householdPages(ctx: HouseholdPagesDeps): FastifyPluginAsync {
  return async (app) => {
    registerInformationPages(app, ctx);
    registerProcurationPages(app, ctx);
    registerChangePages(app, ctx);
    registerBankChangePages(app, ctx);
    registerSeparationPages(app, ctx);
    registerHouseholdApi(app, ctx);
  };
}
