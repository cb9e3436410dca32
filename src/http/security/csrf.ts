import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error';
import { hmac, randomToken, safeEqual } from '../../shared/crypto';

declare module 'fastify' {
  interface FastifyRequest {
    /** The token to put in every form of the page (hidden field `_csrf`). */
    csrfToken: string;
  }
  interface FastifyContextConfig {
    /**
     * This route takes the form of a page served with `Referrer-Policy: no-referrer` (the public
     * verification page): a browser posts such a form, even to its own origin, with `Origin: null`.
     * Only such a route takes `Origin: null`, and only when Sec-Fetch-Site says same-origin.
     */
    formOfNoReferrerPage?: true;
  }
}

const COOKIE = 'mc_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REPLY = 'csrfReply';
const TOKEN = 'csrfTokenValue';
type CsrfRequest = FastifyRequest & { [REPLY]: FastifyReply | null; [TOKEN]: string | null };

/** True when this request's page holds a form (it asked for a CSRF token): it must not be cached. */
export function csrfTokenIssued(req: FastifyRequest): boolean {
  return (req as CsrfRequest)[TOKEN] !== null;
}

/**
 * CSRF protection on every state-changing request:
 * 1. the browser's own signals: `Sec-Fetch-Site` must be same-origin or none, and `Origin`, when
 *    present, must be ours — `Origin: null` (an opaque origin: a sandboxed frame, a redirect through
 *    another site, a `data:` page) is not ours, except on a route marked `formOfNoReferrerPage`;
 * 2. a token: a random per-browser secret in an HttpOnly cookie, and its HMAC in each form
 *    (`_csrf` field, also in multipart forms, or an `X-CSRF-Token` header) — an attacker can
 *    neither read the cookie nor compute the HMAC.
 * JSON API routes (`/api/`) take no cookie-borne credentials and require `Content-Type:
 * application/json`, which a cross-site form cannot send.
 */
export function registerCsrf(app: FastifyInstance, o: { secret: string; baseUrl: string; secureCookies: boolean }): void {
  const ourOrigin = new URL(o.baseUrl).origin;
  const tokens = new TokenMemo((browserSecret) => hmac(o.secret, 'csrf', browserSecret));
  // The token is made when a page first asks for it (a form), not for every request: a page
  // without a form sets no cookie and stays cacheable, and a request pays no HMAC it does not use.
  app.decorateRequest(REPLY, null);
  app.decorateRequest(TOKEN, null);
  app.decorateRequest('csrfToken', {
    getter(this: FastifyRequest): string {
      const self = this as CsrfRequest;
      if (self[TOKEN] === null) {
        let browserSecret = self.cookies[COOKIE];
        if (!browserSecret || browserSecret.length < 32) {
          browserSecret = randomToken();
          self[REPLY]?.setCookie(COOKIE, browserSecret, { path: '/', httpOnly: true, sameSite: 'lax', secure: o.secureCookies });
          self.cookies[COOKIE] = browserSecret;
        }
        self[TOKEN] = tokens.of(browserSecret);
      }
      return self[TOKEN];
    },
  });

  app.addHook('onRequest', (req, reply, done) => {
    (req as CsrfRequest)[REPLY] = reply;
    done();
  });

  // A callback hook: reading a page (GET, most requests) costs no promise.
  app.addHook('preHandler', (req: FastifyRequest, _reply, done) => {
    if (SAFE_METHODS.has(req.method)) return done();
    done(refusal(req) ? new AppError('CSRF_INVALID') : undefined);
  });

  /** Why a state-changing request is refused (true), or false when it may go on. */
  function refusal(req: FastifyRequest): boolean {
    const site = req.headers['sec-fetch-site'];
    if (site && site !== 'same-origin' && site !== 'none') return true;
    const origin = req.headers.origin;
    // « null »: an opaque origin, which could be anyone's — refused, with one exception: a page sent
    // with `Referrer-Policy: no-referrer` (the public verification page) posts its own form with
    // `Origin: null` (Fetch, « serializing a request origin »), so its route (and it alone) takes it
    // when the browser itself says the request is same-origin — Sec-Fetch-Site cannot be set by a
    // page, and an opaque origin is never same-origin for it. The token is still checked.
    if (origin === 'null') {
      if (site !== 'same-origin' || !req.routeOptions.config?.formOfNoReferrerPage) return true;
    } else if (origin && origin !== ourOrigin && !isSameHost(origin, req)) return true;
    if (req.url.startsWith('/api/')) return !String(req.headers['content-type'] ?? '').startsWith('application/json');
    const sent = sentToken(req);
    return typeof sent !== 'string' || !safeEqual(sent, req.csrfToken);
  }
}

/**
 * The token a form sent: the `_csrf` field (a plain value, or a multipart field `{ value }` — see
 * @fastify/multipart's attachFieldsToBody), or the `X-CSRF-Token` header a script may send instead.
 */
function sentToken(req: FastifyRequest): unknown {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const field = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (field && typeof field === 'object' && 'value' in field && (field as { type?: unknown }).type === 'field')
    return (field as { value: unknown }).value;
  return field;
}

/** In development and tests the server is reached as localhost or 127.0.0.1 on its own port. */
function isSameHost(origin: string, req: FastifyRequest): boolean {
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * The tokens of the browsers seen lately: a browser shows several forms in a visit, and each needs
 * the HMAC of its cookie — computed once. At most `max` kept; when full, it starts again empty.
 */
class TokenMemo {
  private readonly known = new Map<string, string>();
  constructor(
    private readonly compute: (browserSecret: string) => string,
    private readonly max = 10_000,
  ) {}

  of(browserSecret: string): string {
    let token = this.known.get(browserSecret);
    if (token === undefined) {
      token = this.compute(browserSecret);
      if (this.known.size >= this.max) this.known.clear();
      this.known.set(browserSecret, token);
    }
    return token;
  }
}
