/**
 * Reading requests and answering them the same way on every endpoint of the stand-in:
 * parameters (repeated and unknown ones refused), secret comparison, security headers,
 * French error pages for the browser and OAuth errors (JSON) for the client.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderErrorPage } from './pages';

/** Every value of every parameter, in the order received: a repeated parameter has several. */
export type Params = Map<string, string[]>;

export function queryParams(request: FastifyRequest): Params {
  const params: Params = new Map();
  for (const [k, v] of new URL(request.url, 'http://standin.invalid').searchParams) params.set(k, [...(params.get(k) ?? []), v]);
  return params;
}

/** Parameters of a form body (parsed by @fastify/formbody). */
export function formParams(body: unknown): Params {
  const params: Params = new Map();
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      const values = Array.isArray(v) ? v : [v];
      params.set(
        k,
        values.map((x) => (typeof x === 'string' ? x : String(x))),
      );
    }
  }
  return params;
}

export function isForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** The single value of a parameter, `undefined` when absent or repeated. */
export function single(params: Params, name: string): string | undefined {
  const values = params.get(name);
  return values && values.length === 1 ? values[0] : undefined;
}

/** Why `params` are refused (a repeated, too long or unknown parameter, in that order), or `undefined`. */
export function paramsProblem(params: Params, allowed: ReadonlySet<string>, maxLength = Infinity): string | undefined {
  for (const [name, values] of params) {
    if (values.length > 1) return `Paramètre répété : ${name}`;
    if ((values[0] ?? '').length > maxLength) return `Paramètre trop long : ${name}`;
  }
  const unknown = [...params.keys()].filter((k) => !allowed.has(k));
  return unknown.length > 0 ? `Paramètre(s) non autorisé(s) : ${unknown.join(', ')}` : undefined;
}

export function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.append(k, v);
  return url.href;
}

/** Constant-time comparison of a received secret (CSRF token, client secret). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

/** Nothing the stand-in answers may be cached, sniffed or leak a referrer. */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('pragma', 'no-cache');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
}

export const htmlHeaders = (reply: FastifyReply) =>
  reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
    .header('x-frame-options', 'DENY');

/** A French error page, for a browser that cannot be sent back to the client. */
export const errorPage = (reply: FastifyReply, status: number, code: string, message: string) =>
  htmlHeaders(reply)
    .code(status)
    .send(renderErrorPage({ title: 'Connexion impossible', message, code }));

/** An OAuth error in JSON, for the client's back-end calls (token, userinfo). */
export const oauthError = (reply: FastifyReply, status: number, error: string, description: string) =>
  reply.code(status).send({ error, error_description: description });
