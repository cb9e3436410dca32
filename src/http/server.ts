import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { registerSessions } from '../auth/http-session';
import type { AppContext } from '../context';
import { LOG_REDACT_CENSOR, LOG_REDACT_PATHS } from '../security/log-redaction';
import { contactChangeApi } from './api/contact-change';
import { demarchesApi } from './api/demarches';
import { loginApi } from './api/login';
import { registerOpenApi } from './api/openapi';
import { passwordResetApi } from './api/password-reset';
import { registerErrorHandling } from './errors';
import { recordChosenPrestation } from './intent';
import { registerCsrf } from './security/csrf';
import { publicPages } from './pages/public';
import { loginPages } from './pages/login';
import { passwordResetPages } from './pages/password-reset';
import { personalSpacePages } from './pages/personal-space';
import { householdPages } from './pages/household/routes';
import { demarchesPages } from './pages/demarches';
import { requestFormPages } from './pages/request-form';
import { securityPages } from './pages/security';
import { entryPages } from './pages/entry';
import { registrationApi } from './pages/registration/api';
import { registrationPages, registrationService } from './pages/registration/routes';
import { devMessagesPage } from '../messaging/dev-page';
import { franceConnectLogoutRedirect, franceConnectPages } from './pages/franceconnect/routes';
import { assistantRoutes } from '../assistant/http/routes';

/** The largest request body, form or JSON: 64 KiB. */
export const BODY_LIMIT = 64 * 1024;

const publicDir = fileURLToPath(new URL('../../public/build', import.meta.url));

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
    logger:
      config.env === 'test'
        ? false
        : {
            level: process.env.LOG_LEVEL ?? 'info',
            // Never log secrets: cookies, authorisation headers, form bodies are not logged.
            redact: { paths: LOG_REDACT_PATHS, censor: LOG_REDACT_CENSOR },
          },
  });

  if (o.onRoute) app.addHook('onRoute', o.onRoute);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  await app.register(helmet, {
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
  });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
  });
  await app.register(fastifyStatic, {
    root: join(publicDir),
    prefix: '/assets/',
    decorateReply: false,
    setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=3600'),
  });

  registerCsrf(app, { secret: config.secretKey, baseUrl: config.baseUrl, secureCookies: config.isProduction });
  registerErrorHandling(app, { agencyPhone: config.agencyPhone });
  // Every login then keeps the prestation the person came for (« Faire la demande ») on the account.
  registerSessions(app, ctx, { signInHooks: [recordChosenPrestation(ctx)] });

  registerOpenApi(app, { title: 'Mon Compte — API JSON', version: '1' });
  await app.register(publicPages(ctx));
  await app.register(loginPages(ctx, { logoutRedirect: franceConnectLogoutRedirect(ctx) }));
  await app.register(passwordResetPages(ctx));
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
  await app.register(loginApi(ctx));
  await app.register(passwordResetApi(ctx));
  await app.register(contactChangeApi(ctx));
  await app.register(demarchesApi(ctx));
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
