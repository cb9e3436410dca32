import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import type { z } from 'zod';
import { requireAccount } from '../session';
import { parseOrThrow } from './input';

/**
 * One declaration per JSON route: its zod schemas validate the request, type the handler and feed
 * the OpenAPI document (GET /api/openapi.json, src/http/api/openapi.ts). Every route under /api/ is
 * declared this way (a test walks Fastify's routes to check it):
 *
 *   apiRoute(app, {
 *     method: 'POST', url: '/api/login', summary: 'Identifiant et mot de passe', tags: ['Connexion'],
 *     body: LoginBody, response: LoginAnswer, errors: [400, 429],
 *     handler: async ({ body, req, reply }) => …,   // body: z.output<typeof LoginBody>
 *   });
 *
 * A refused body is a 400 `{ error: { code: 'VALIDATION_FAILED', message, fields: [{ field, code, message }] } }`;
 * `session: true` puts the session guard first (401 AUTH_REQUIRED without the cookie session).
 */
export interface ApiDoc {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: `/api/${string}`;
  /** one line, in French (the API's readers are the agency's partners) */
  summary: string;
  description?: string;
  tags?: string[];
  body?: z.ZodType;
  /** a body the handler reads itself (refusals with codes of their own): documented, not parsed */
  documentedBody?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  /** the success body; none for 204 */
  response?: z.ZodType;
  /** success status; 200 by default */
  status?: number;
  /** the error statuses a client should expect besides 400 for a refused body (e.g. [409, 410, 429]) */
  errors?: number[];
  /** needs the signed-in person's session (the `mc_session` cookie) */
  session?: boolean;
  /** a larger body than the server's 64 KiB (a justificatif in base64): this route only */
  bodyLimit?: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** set by apiRoute: what the OpenAPI document says of the route */
    api?: ApiDoc;
  }
  interface FastifyInstance {
    /** set by checkApiAnswers: false in production, where an answer that does not match its schema is only logged */
    strictApiAnswers?: boolean;
  }
}

/**
 * What becomes of an answer that does not match its documented schema: outside production it is a
 * bug and fails loudly (the default, when this is not called); in production it is sent, with a
 * warning in the log. The server calls it with its configuration (src/http/server.ts).
 */
export function checkApiAnswers(app: FastifyInstance, o: { strict: boolean }): void {
  app.decorate('strictApiAnswers', o.strict);
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiInput<B, Q, P> {
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  req: FastifyRequest;
  reply: FastifyReply;
}

/** What one route says: its document, its guards and its handler. */
export type ApiRouteDef<B, Q, P, R extends z.ZodType> = ApiDoc & {
  body?: B;
  query?: Q;
  params?: P;
  response?: R;
  /** a guard run instead of the plain session guard, before the body is read (e.g. requirePermission) */
  guard?: preHandlerAsyncHookHandler;
  /** checks run as soon as the headers arrive, before the body is read (an upload: refuseBeforeBody) */
  beforeBody?: onRequestAsyncHookHandler;
  handler: (input: ApiInput<NoInfer<B>, NoInfer<Q>, NoInfer<P>>) => Promise<z.input<NoInfer<R>>>;
};

/** What the routes of one area usually share: their tags, the session, the guard. */
export type SharedApiOptions = Pick<ApiDoc, 'tags' | 'session'> & { guard?: preHandlerAsyncHookHandler };

/**
 * The routes of one area, with what they share said once; a route may still say otherwise (another
 * guard, its own tags):
 *
 *   const route = apiRoutes(app, { tags: ['Droits et paiements'], session: true, guard: requirePermission(ctx, 'consult_personal_data') });
 *   route({ method: 'GET', url: '/api/droits', summary: '…', response: DroitsAnswer, handler: … });
 */
export function apiRoutes(app: FastifyInstance, shared: SharedApiOptions) {
  return <
    B extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    P extends z.ZodType | undefined = undefined,
    R extends z.ZodType = z.ZodUnknown,
  >(
    def: ApiRouteDef<B, Q, P, R>,
  ): void => apiRoute<B, Q, P, R>(app, { ...shared, ...def });
}

export function apiRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodUnknown,
>(app: FastifyInstance, def: ApiRouteDef<B, Q, P, R>): void {
  const { handler, guard, beforeBody, ...doc } = def;
  app.route({
    method: def.method,
    url: def.url,
    config: { api: doc },
    ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
    ...(beforeBody ? { onRequest: beforeBody } : {}),
    ...(guard ? { preHandler: guard } : def.session ? { preHandler: requireAccount } : {}),
    handler: async (req, reply) => {
      const input = {
        body: (def.body ? parseOrThrow(def.body, req.body) : undefined) as Out<B>,
        query: (def.query ? parseOrThrow(def.query, req.query) : undefined) as Out<Q>,
        params: (def.params ? parseOrThrow(def.params, req.params) : undefined) as Out<P>,
        req,
        reply,
      };
      const out = await handler(input);
      if (reply.sent) return reply;
      if (def.status && reply.statusCode === 200) reply.status(def.status);
      if (def.status === 204) return reply.send();
      if (def.response) checkAnswer(def.response, out, req);
      return out;
    },
  });
}

/** Outside production a response that does not match its documented schema is a bug: it fails loudly (see checkApiAnswers). */
function checkAnswer(schema: z.ZodType, out: unknown, req: FastifyRequest): void {
  const r = schema.safeParse(out);
  if (r.success) return;
  if (req.server.strictApiAnswers === false) req.log.warn({ issues: r.error.issues, url: req.url }, 'API answer does not match its schema');
  else throw new Error(`API answer of ${req.method} ${req.url} does not match its schema: ${JSON.stringify(r.error.issues)}`);
}
