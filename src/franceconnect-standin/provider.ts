/**
 * Stand-in OpenID provider behaving like FranceConnect v2 (fcp-low), for development and tests.
 *
 * Flow: GET|POST {prefix}/authorize → 303 {prefix}/interaction/:id (citizen chooser, no JS)
 *   → POST {prefix}/interaction/:id/login → 303 redirect_uri?code&state
 *   → POST {prefix}/token (client_secret_post) → { access_token (60 s), id_token, … }
 *   → GET {prefix}/userinfo → signed JWT (application/jwt)
 *   → GET {prefix}/session/end?id_token_hint&state&post_logout_redirect_uri → 303 back with state.
 *
 * This file builds the Fastify app and starts it; each endpoint lives in its own file (README.md).
 * Everything is kept in memory: one instance only, made for a developer machine and tests.
 */
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAuthorize } from './authorize';
import { createContext, type StandinProviderOptions } from './context';
import { registerDiscovery } from './discovery';
import { registerEndSession } from './end-session';
import { addSecurityHeaders } from './http';
import { registerLoginPage } from './login-page';
import { registerToken } from './token';
import { registerUserinfo } from './userinfo';

export type { StandinClient, StandinProviderOptions } from './context';
export { MIN_STATE_NONCE_LENGTH } from './authorize';
export { SUPPORTED_ACR_VALUES, pairwiseSubject } from './claims';
export { ID_TOKEN_TTL_SECONDS } from './signing';
export { ACCESS_TOKEN_TTL_SECONDS, AUTHORIZATION_CODE_TTL_SECONDS, INTERACTION_TTL_SECONDS } from './stores';

/** Builds the stand-in as a Fastify app whose issuer is known in advance. */
export async function buildStandinProvider(opts: StandinProviderOptions): Promise<FastifyInstance> {
  const ref = { issuer: opts.issuerUrl.replace(/\/+$/, '') };
  return createApp(opts, ref, new URL(ref.issuer).pathname.replace(/\/+$/, ''));
}

export interface RunningStandin {
  app: FastifyInstance;
  issuerUrl: string;
  close: () => Promise<void>;
}

/**
 * Starts the stand-in on `host:port` (port 0 = any free port) under `/api/v2`,
 * the issuer being derived from the address actually bound. Convenient for tests.
 */
export async function startStandinProvider(
  opts: Omit<StandinProviderOptions, 'issuerUrl'> & { host?: string; port?: number },
): Promise<RunningStandin> {
  const host = opts.host ?? '127.0.0.1';
  const ref = { issuer: '' };
  const app = await createApp({ ...opts, issuerUrl: 'http://placeholder/api/v2' }, ref, '/api/v2');
  await app.listen({ host, port: opts.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('stand-in: unexpected listen address');
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  ref.issuer = `http://${hostPart}:${address.port}/api/v2`;
  return { app, issuerUrl: ref.issuer, close: () => app.close() };
}

async function createApp(opts: StandinProviderOptions, ref: { issuer: string }, prefix: string): Promise<FastifyInstance> {
  const ctx = await createContext(opts, ref, prefix);
  const app = Fastify({ logger: opts.logger ?? false, trustProxy: false });
  await app.register(formbody);
  addSecurityHeaders(app);
  app.addHook('onRequest', async () => ctx.stores.sweep());

  registerDiscovery(app, ctx);
  registerAuthorize(app, ctx);
  registerLoginPage(app, ctx);
  registerToken(app, ctx);
  registerUserinfo(app, ctx);
  registerEndSession(app, ctx);
  return app;
}
