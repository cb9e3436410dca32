import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenIssued } from './security/csrf';

/** How long a shared cache (CDN) or a browser may keep a public page before revalidating it. */
export const PUBLIC_PAGE_MAX_AGE_S = 300;

const PUBLIC_CACHE_CONTROL = `public, max-age=${PUBLIC_PAGE_MAX_AGE_S}`;

/**
 * The caching of pages:
 * - a public page (one of `publicRoutes`) shown to somebody who is not signed in, holding no form
 *   (no CSRF token was asked for) and setting no cookie, is `public` for a few minutes, with an
 *   ETag: a CDN can serve it, and a browser revalidates it for a 304 without the body;
 *   `Vary: Cookie`, because the same address shows the signed-in person's name in the header;
 * - the server keeps such a page too, rendered, for the same few minutes: the next visitor without
 *   a session gets its bytes (or a 304) from memory, before the route, the session and the form
 *   hooks run — a public page then costs about what a « hello » route costs;
 * - everything else that did not choose (personal pages, forms, JSON) is `no-store`.
 * Register it right after the security headers, before the session hook.
 */
export function registerPageCache(app: FastifyInstance, o: { publicRoutes: ReadonlySet<string>; sessionCookie: string }): void {
  const pages = new PublicPages();
  app.addHook('onRequest', (req, reply, done) => {
    const page = (req.method === 'GET' || req.method === 'HEAD') && !req.cookies[o.sessionCookie] ? pages.get(req.url) : undefined;
    if (!page) return done();
    markPublic(reply, page.etag);
    if (req.headers['if-none-match'] === page.etag) reply.code(304).send();
    else reply.type('text/html; charset=utf-8').send(page.body);
  });
  // A callback hook: deciding costs no promise.
  app.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void) => {
    if (reply.hasHeader('cache-control')) return done(null, payload);
    if (!isPublic(req, reply, o.publicRoutes) || typeof payload !== 'string') {
      reply.header('cache-control', 'no-store');
      return done(null, payload);
    }
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
    markPublic(reply, etag);
    if (!req.cookies[o.sessionCookie]) pages.set(req.url, { body: Buffer.from(payload), etag });
    if (req.headers['if-none-match'] === etag) {
      reply.code(304);
      return done(null, '');
    }
    done(null, payload);
  });
}

/** `Vary: Cookie`: the same address shows a signed-in person's name in the header. */
function markPublic(reply: FastifyReply, etag: string): void {
  reply.header('cache-control', PUBLIC_CACHE_CONTROL).header('vary', 'Cookie').header('etag', etag);
}

function isPublic(req: FastifyRequest, reply: FastifyReply, publicRoutes: ReadonlySet<string>): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    reply.statusCode === 200 &&
    publicRoutes.has(req.routeOptions.url ?? '') &&
    !req.account &&
    !csrfTokenIssued(req) &&
    !reply.hasHeader('set-cookie')
  );
}

interface CachedPage {
  body: Buffer;
  etag: string;
}

/**
 * Rendered public pages by address, each for PUBLIC_PAGE_MAX_AGE_S. Only addresses without a query
 * string (the public pages take none: `/?x=1`, `/?x=2`… would each be a page), at most `max` of them.
 */
class PublicPages {
  private readonly pages = new Map<string, CachedPage & { until: number }>();
  constructor(private readonly max = 500) {}

  get(url: string): CachedPage | undefined {
    const page = this.pages.get(url);
    if (page && page.until <= Date.now()) {
      this.pages.delete(url);
      return undefined;
    }
    return page;
  }

  set(url: string, page: CachedPage): void {
    if (url.includes('?')) return;
    const now = Date.now();
    if (this.pages.size >= this.max && !this.pages.has(url)) for (const [u, p] of this.pages) if (p.until <= now) this.pages.delete(u);
    if (this.pages.size >= this.max && !this.pages.has(url)) return;
    this.pages.set(url, { ...page, until: now + PUBLIC_PAGE_MAX_AGE_S * 1000 });
  }
}
