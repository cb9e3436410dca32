import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import { registerSessions, SESSION_COOKIE } from './session';
import { AppError } from '../errors/app-error';
import type { AppContext } from '../context';
import { contactChangeApi } from '../journeys/contact-change/api';
import { demarchesApi } from '../journeys/demarches/api';
import { droitsApi } from '../journeys/droits/api';
import { droitsPages } from '../journeys/droits/pages';
import { loginApi } from '../journeys/login/api';
import { registerOpenApi } from './api/openapi';
import { passwordResetApi } from '../journeys/password-reset/api';
import { registerErrorHandling, sendError } from './errors';
import { healthRoutes } from './health';
import { recordChosenPrestation } from './intent';
import { registerCsrf } from './security/csrf';
import { securityHeaders } from './security/headers';
import { IMMUTABLE_CACHE, isFingerprinted, publicDir } from './assets';
import { registerPageCache } from './cache';
import { FRANCECONNECT_ABOUT_PATH } from './views/franceconnect';
import { registerInputLimits } from './security/input-limits';
import { publicPages } from '../journeys/public/pages';
import { loginPages } from '../journeys/login/pages';
import { passwordResetPages } from '../journeys/password-reset/pages';
import { recoveryPages } from '../journeys/recovery/pages';
import { noticeNewDevice } from '../recovery/devices';
import { personalSpacePages } from '../journeys/personal-space/pages';
import { householdPages } from '../journeys/household/pages';
import { demarchesPages } from '../journeys/demarches/pages';
import { requestFormPages } from '../journeys/demarches/request-form';
import { securityPages } from '../journeys/account-settings/pages';
import { entryPages } from '../journeys/public/entry';
import { registrationApi } from '../journeys/registration/api';
import { registrationPages, registrationService } from '../journeys/registration/pages';
import { devMessagesPage } from '../journeys/dev-messages/pages';
import { gestionPages } from '../journeys/gestion';
import { justificatifsApi } from '../journeys/justificatifs/api';
import { justificatifPages } from '../journeys/justificatifs/pages';
import { franceConnectLogoutRedirect, franceConnectPages } from '../journeys/franceconnect/pages';
import { assistantRoutes } from '../assistant/http/routes';
import { LEGAL_PAGES } from '../legal/pages';
import { legalPages } from '../journeys/legal/pages';
import { personalDataApi } from '../journeys/personal-data/api';
import { personalDataPages } from '../journeys/personal-data/pages';

/**
 * Pages that are the same for every visitor who is not signed in: cacheable by a CDN when they
 * hold no form (see cache.ts). Route patterns, as Fastify names them.
 */
const PUBLIC_ROUTES = new Set([
  '/',
  '/aide',
  ...LEGAL_PAGES.map((p) => p.path),
  '/mon-compte',
  '/aides-et-demarches',
  '/aides-et-demarches/mes-demarches',
  '/aides-et-demarches/mes-demarches/:theme',
  '/aides-et-demarches/prestations/:slug',
  FRANCECONNECT_ABOUT_PATH,
]);

/** The largest request body, form or JSON: 64 KiB. */
export const BODY_LIMIT = 64 * 1024;

/**
 * The HTTP layer: pages (server-rendered HTML) and the JSON API, from the same core.
 * Each area registers its routes as a plugin below.
 */
export async function buildServer(ctx: AppContext, o: { onRoute?: (route: RouteOptions) => void } = {}): Promise<FastifyInstance> {
  const { config } = ctx;
  const app = Fastify({
    // JSON bodies are capped like forms (a text field has its own, much smaller, maximum).
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    // The router's own refusals (malformed URL, parameter over 100 characters) answer from the
    // catalogue too, as a French page or JSON — not Fastify's raw JSON.
    frameworkErrors: (_err, req, reply) => sendError(new AppError('NOT_FOUND'), req, reply, config.agencyPhone),
    // The context's logger (src/shared/logger.ts: redacts cookies, passwords, codes…); none in tests.
    ...(config.env === 'test' ? { logger: false } : { loggerInstance: ctx.logger as FastifyBaseLogger }),
  });

  if (o.onRoute) app.addHook('onRoute', o.onRoute);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  const headers = securityHeaders(
    {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'", ...formTargets(ctx)],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          upgradeInsecureRequests: config.isProduction ? [] : null,
        },
      },
      strictTransportSecurity: config.isProduction ? { maxAge: 63072000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'same-origin' },
      crossOriginEmbedderPolicy: false,
    },
    { 'permissions-policy': 'camera=(), microphone=(), geolocation=()' },
  );
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  registerPageCache(app, { publicRoutes: PUBLIC_ROUTES, sessionCookie: SESSION_COOKIE });
  // Asset names carry their content hash (scripts/build-assets.ts): a year, immutable.
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/assets/',
    decorateReply: false,
    cacheControl: false,
    setHeaders: (res, path) => res.setHeader('Cache-Control', isFingerprinted(path) ? IMMUTABLE_CACHE : 'no-cache'),
  });

  registerInputLimits(app);
  registerCsrf(app, { secret: config.secretKey, baseUrl: config.baseUrl, secureCookies: config.isProduction });
  registerErrorHandling(app, { agencyPhone: config.agencyPhone });
  // Every login then keeps the prestation the person came for (« Faire la demande ») on the account,
  // and a login from a new device is told to the verified contact.
  registerSessions(app, ctx, { signInHooks: [recordChosenPrestation(ctx), noticeNewDevice(ctx)] });

  await app.register(healthRoutes(ctx));
  registerOpenApi(app, { title: 'Mon Compte — API JSON', version: '1' });
  await app.register(publicPages(ctx));
  await app.register(legalPages(ctx));
  await app.register(loginPages(ctx, { logoutRedirect: franceConnectLogoutRedirect(ctx) }));
  await app.register(passwordResetPages(ctx));
  await app.register(recoveryPages(ctx));
  await app.register(personalSpacePages(ctx));
  await app.register(householdPages(ctx));
  await app.register(demarchesPages(ctx));
  await app.register(requestFormPages(ctx));
  await app.register(securityPages(ctx));
  await app.register(entryPages(ctx));
  const registration = registrationService(ctx);
  await app.register(registrationPages(ctx, registration));
  await app.register(registrationApi(ctx, registration));
  await app.register(franceConnectPages(ctx));
  await app.register(justificatifPages(ctx));
  await app.register(gestionPages(ctx));
  await app.register(loginApi(ctx));
  await app.register(passwordResetApi(ctx));
  await app.register(contactChangeApi(ctx));
  await app.register(demarchesApi(ctx));
  await app.register(droitsApi(ctx));
  await app.register(droitsPages(ctx));
  await app.register(justificatifsApi(ctx));
  await app.register(personalDataApi(ctx));
  await app.register(personalDataPages(ctx));
  await app.register(assistantRoutes(ctx));
  if (!config.isProduction) await app.register(devMessagesPage(ctx));

  return app;
}

/** Forms that post to FranceConnect (its own origin) must be allowed by the CSP. */
function formTargets(ctx: AppContext): string[] {
  try {
    return [new URL(ctx.config.franceConnect.issuerUrl).origin];
  } catch {
    return [];
  }
}
