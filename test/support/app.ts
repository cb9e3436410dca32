import type { FastifyInstance, InjectOptions, LightMyRequestResponse, RouteOptions } from 'fastify';
import { testConfig, type Config } from '../../src/config/config';
import { createContext, type AppContext } from '../../src/context';
import type { DatabaseHandle } from '../../src/db/database';
import { buildApp } from '../../src/routes';
import { TestClock } from './clock';
import type { Logger } from '../../src/shared/logger';

/**
 * A whole application for HTTP tests through Fastify's `inject` (no socket): its own in-memory
 * database unless one is given, a test clock, and a tiny browser (cookie jar + CSRF token reader).
 */
export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: TestClock;
  close(): Promise<void>;
}

export async function buildTestApp(
  o: {
    env?: Record<string, string>;
    database?: DatabaseHandle;
    config?: Config;
    extraRoutes?: (app: FastifyInstance) => void;
    /** sees every route as it is registered (Fastify's onRoute hook) */
    onRoute?: (route: RouteOptions) => void;
    /** the application's logger (default: silent in tests) */
    logger?: Logger;
  } = {},
): Promise<TestApp> {
  const config = o.config ?? testConfig(o.env);
  const clock = new TestClock();
  const ctx = await createContext(config, {
    clock,
    ...(o.database ? { database: o.database } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
  });
  const app = await buildApp(ctx, o.onRoute ? { onRoute: o.onRoute } : {});
  o.extraRoutes?.(app);
  await app.ready();
  return {
    app,
    ctx,
    clock,
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}

/** A browser-like client: keeps cookies, reads the CSRF token from the last page, follows nothing by itself. */
export class TestBrowser {
  private cookies = new Map<string, string>();
  lastHtml = '';
  constructor(private readonly app: FastifyInstance) {}

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.request({ method: 'GET', url, headers });
  }

  /** Posts a form like a browser would, adding the `_csrf` token of the last page seen. */
  async post(
    url: string,
    fields: Record<string, string | string[]>,
    o: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    const params = new URLSearchParams();
    if (o.csrf !== false) params.append('_csrf', this.csrfToken());
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    return this.request({
      method: 'POST',
      url,
      payload: params.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...o.headers },
    });
  }

  /** A JSON API call from a script of our own pages: `Content-Type: application/json`, the cookies of this browser. */
  async postJson(url: string, payload: unknown = {}, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.request({
      method: 'POST',
      url,
      payload: payload as object,
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...headers },
    });
  }

  /** The CSRF token of the last page that had a form. */
  csrfToken(): string {
    if (!this.lastCsrf) throw new Error('no page with a form seen yet');
    return this.lastCsrf;
  }
  private lastCsrf: string | undefined;

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const cookieHeader = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(cookieHeader ? { cookie: cookieHeader } : {}) } });
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) {
      this.lastHtml = res.body;
      const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
      if (m) this.lastCsrf = m[1];
    }
    return res;
  }
}
