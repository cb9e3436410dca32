import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync, type RouteOptions } from 'fastify';
import { registerSessions, SESSION_COOKIE, type SignInHook } from './session';
import { AppError } from '../errors/app-error';
import type { SessionService } from '../auth/sessions';
import type { Config } from '../config/config';
import type { DatabaseHandle } from '../db/database';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { registerOpenApi } from './api/openapi';
import { checkApiAnswers } from './api/route';
import { registerErrorHandling, sendError } from './errors';
import { healthRoutes, type HealthDeps } from './health';
import { registerCsrf } from './security/csrf';
import { securityHeaders } from './security/headers';
import { IMMUTABLE_CACHE, isFingerprinted, publicDir } from './assets';
import { registerPageCache } from './cache';
import { FRANCECONNECT_ABOUT_PATH } from './views/franceconnect';
import { registerInputLimits } from './security/input-limits';
import { LEGAL_PAGES } from '../legal/pages';

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

/** What the server itself takes from the composition root (src/context.ts builds them). */
export interface ServerDeps extends HealthDeps {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  clock: Clock;
  sessions: SessionService;
}

export interface ServerRoutes {
  /** every journey's pages and JSON routes, registered in this order (src/routes.ts) */
  routes: readonly FastifyPluginAsync[];
  /** what every sign-in does once the session is open (see SignInHook) */
  signInHooks?: readonly SignInHook[];
  /** sees every route as it is registered (Fastify's onRoute hook) */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * The HTTP layer shared by every journey: headers, assets, CSRF, errors, sessions, health and the
 * OpenAPI document; the journeys' routes come from the top (src/routes.ts), in order.
 */
export async function buildServer(ctx: ServerDeps, o: ServerRoutes): Promise<FastifyInstance> {
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
  registerSessions(app, ctx, { signInHooks: o.signInHooks ?? [] });

  await app.register(healthRoutes(ctx));
  checkApiAnswers(app, { strict: !config.isProduction });
  registerOpenApi(app, { title: 'Mon Compte — API JSON', version: '1' });
  for (const routes of o.routes) await app.register(routes);

  return app;
}

/** Forms that post to FranceConnect (its own origin) must be allowed by the CSP. */
function formTargets(ctx: { config: Config }): string[] {
  try {
    return [new URL(ctx.config.franceConnect.issuerUrl).origin];
  } catch {
    return [];
  }
}
