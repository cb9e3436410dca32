import type { FastifyPluginAsync } from 'fastify';
import { franceConnectLoginPages, type FranceconnectLoginPagesDeps } from './login-pages';
import { franceConnectSignupPages, type FranceconnectSignupPagesDeps } from './signup-pages';

/** What these routes take from the composition root (src/context.ts builds them). */
export type FranceconnectPagesDeps = FranceconnectLoginPagesDeps & FranceconnectSignupPagesDeps;

/**
 * The FranceConnect pages:
 * - ./login.ts: « Qu’est-ce que FranceConnect ? », the login (start, callback) and the logout through FranceConnect;
 * - ./signup.ts (views in ./signup-views.ts): the account created with the certified identity, or an
 *   existing account linked after its password is proven;
 * - ./common.ts: cookies, paths, page frame and error pages they share.
 */
export function franceConnectPages(ctx: FranceconnectPagesDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(franceConnectLoginPages(ctx));
    await app.register(franceConnectSignupPages(ctx));
  };
}

export { franceConnectLogoutRedirect, redirectToFranceConnectLogout } from './login-pages';
