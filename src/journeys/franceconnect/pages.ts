import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context';
import { franceConnectLoginPages } from './login-pages';
import { franceConnectSignupPages } from './signup-pages';

/**
 * The FranceConnect pages:
 * - ./login.ts: « Qu’est-ce que FranceConnect ? », the login (start, callback) and the logout through FranceConnect;
 * - ./signup.ts (views in ./signup-views.ts): the account created with the certified identity, or an
 *   existing account linked after its password is proven;
 * - ./common.ts: cookies, paths, page frame and error pages they share.
 */
export function franceConnectPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(franceConnectLoginPages(ctx));
    await app.register(franceConnectSignupPages(ctx));
  };
}

export { franceConnectLogoutRedirect, redirectToFranceConnectLogout } from './login-pages';
