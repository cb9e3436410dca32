import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context';
import { registerHouseholdApi } from './api';
import { registerBankChangePages } from './bank-change-pages';
import { registerChangePages } from './changes';
import { registerInformationPages } from './info';
import { registerProcurationPages } from './procuration';
import { registerSeparationPages } from './separation';

/**
 * The household's pages and JSON routes (src/household): « Mes informations », the autorisation de
 * gestion, « Déclarer un changement », « Déclarer une séparation », the household's démarches.
 * Every route is guarded by requirePermission (src/http/require-permission.ts).
 */
export function householdPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    registerInformationPages(app, ctx);
    registerProcurationPages(app, ctx);
    registerChangePages(app, ctx);
    registerBankChangePages(app, ctx);
    registerSeparationPages(app, ctx);
    registerHouseholdApi(app, ctx);
  };
}
