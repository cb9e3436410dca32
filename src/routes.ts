import type { FastifyInstance, RouteOptions } from 'fastify';
import './app-errors';
import type { AppContext } from './context';
import { recordChosenPrestation } from './http/intent';
import { buildServer } from './http/server';
import { securityPages } from './journeys/account-settings/pages';
import { assistantRoutes } from './journeys/assistant/pages';
import { contactChangeApi } from './journeys/contact-change/api';
import { demarchesApi } from './journeys/demarches/api';
import { droitsApi } from './journeys/droits/api';
import { droitsPages } from './journeys/droits/pages';
import { demarchesPages } from './journeys/demarches/pages';
import { requestFormPages } from './journeys/demarches/request-form';
import { devMessagesPage } from './journeys/dev-messages/pages';
import { franceConnectLogoutRedirect, franceConnectPages } from './journeys/franceconnect/pages';
import { gestionPages } from './journeys/gestion';
import { householdPages } from './journeys/household/pages';
import { justificatifsApi } from './journeys/justificatifs/api';
import { justificatifPages } from './journeys/justificatifs/pages';
import { legalPages } from './journeys/legal/pages';
import { loginApi } from './journeys/login/api';
import { loginPages } from './journeys/login/pages';
import { passwordResetApi } from './journeys/password-reset/api';
import { passwordResetPages } from './journeys/password-reset/pages';
import { personalDataApi } from './journeys/personal-data/api';
import { personalDataPages } from './journeys/personal-data/pages';
import { personalSpacePages } from './journeys/personal-space/pages';
import { entryPages } from './journeys/public/entry';
import { publicPages } from './journeys/public/pages';
import { recoveryPages } from './journeys/recovery/pages';
import { registrationApi } from './journeys/registration/api';
import { registrationPages } from './journeys/registration/pages';
import { contactCafApi } from './journeys/contact-caf/api';
import { contactCafPages } from './journeys/contact-caf/pages';
import { attestationsApi } from './journeys/attestations/api';
import { attestationsPages } from './journeys/attestations/pages';
import { verificationApi } from './journeys/verification/api';
import { verificationPages } from './journeys/verification/pages';
import { noticeNewDevice } from './http/new-device';

/**
 * The one assembly of the routes: every journey's pages and JSON routes, in the order they are
 * registered, over the shared HTTP layer (src/http/server.ts), which imports no journey.
 */
export function appRoutes(ctx: AppContext) {
  return {
    routes: [
      publicPages(ctx),
      legalPages(ctx),
      loginPages(ctx, { logoutRedirect: franceConnectLogoutRedirect(ctx) }),
      passwordResetPages(ctx),
      recoveryPages(ctx),
      personalSpacePages(ctx),
      householdPages(ctx),
      demarchesPages(ctx),
      requestFormPages(ctx),
      securityPages(ctx),
      entryPages(ctx),
      registrationPages(ctx),
      registrationApi(ctx),
      franceConnectPages(ctx),
      justificatifPages(ctx),
      gestionPages(ctx),
      loginApi(ctx),
      passwordResetApi(ctx),
      contactChangeApi(ctx),
      demarchesApi(ctx),
      droitsApi(ctx),
      droitsPages(ctx),
      justificatifsApi(ctx),
      personalDataApi(ctx),
      personalDataPages(ctx),
      contactCafApi(ctx, ctx.cafMessages),
      contactCafPages(ctx, ctx.cafMessages),
      attestationsPages(ctx),
      attestationsApi(ctx),
      verificationPages(ctx),
      verificationApi(ctx),
      assistantRoutes(ctx),
      ...(ctx.config.isProduction ? [] : [devMessagesPage(ctx)]),
    ],
    // Every login then keeps the prestation the person came for (« Faire la demande ») on the account,
    // and a login from a new device is told to the verified contact.
    signInHooks: [recordChosenPrestation(ctx), noticeNewDevice(ctx)],
  };
}

/** Mon Compte over HTTP: the shared server with every journey's routes (src/main.ts, tests, benches). */
export function buildApp(ctx: AppContext, o: { onRoute?: (route: RouteOptions) => void } = {}): Promise<FastifyInstance> {
  return buildServer(ctx, { ...appRoutes(ctx), ...o });
}
