import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenIssued } from './security/csrf';

/** How long a shared cache (CDN) or a browser may keep a public page before revalidating it. */
export const PUBLIC_PAGE_MAX_AGE_S = 300;

/**
 * The caching of a page, decided once it is rendered (onSend):
 * - a public page (one of `publicRoutes`) shown to somebody who is not signed in, holding no form
 *   (no CSRF token was asked for) and setting no cookie, is `public` for a few minutes, with an
 *   ETag: a CDN can serve it, and a browser revalidates it for a 304 without the body;
 *   `Vary: Cookie`, because the same address shows the signed-in person's name in the header;
 * - everything else that did not choose (personal pages, forms, JSON) is `no-store`.
 */
export function cachePolicy(publicRoutes: ReadonlySet<string>) {
  return async (req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    if (reply.hasHeader('cache-control')) return payload;
    if (!isPublic(req, reply, publicRoutes) || typeof payload !== 'string') {
      reply.header('cache-control', 'no-store');
      return payload;
    }
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
    reply.header('cache-control', `public, max-age=${PUBLIC_PAGE_MAX_AGE_S}`);
    reply.header('vary', 'Cookie');
    reply.header('etag', etag);
    if (req.headers['if-none-match'] === etag) {
      reply.code(304);
      return '';
    }
    return payload;
  };
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
