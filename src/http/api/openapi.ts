import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import { SESSION_COOKIE } from '../session';
import { apiRoute, type ApiDoc } from './route';

/**
 * The OpenAPI 3.1 document of the JSON API, generated from the routes declared with apiRoute
 * (their zod schemas, through `z.toJSONSchema`), served at GET /api/openapi.json.
 * `registerOpenApi` must run before the areas register their routes: it listens to Fastify's
 * onRoute hook and keeps every route that carries `config.api`.
 */
export const ERROR_STATUS_TEXT: Record<number, string> = {
  400: 'Demande à corriger (champs refusés dans `error.fields`)',
  401: 'Connexion nécessaire (pas de session)',
  403: 'Refusé (CSRF : Content-Type ou Origin, ou action non permise)',
  404: 'Introuvable',
  409: 'Étape pas encore accessible ou déjà faite, ou réponses modifiées ailleurs (conflit)',
  410: 'Parcours expiré',
  413: 'Corps de requête trop gros (64 Kio au plus)',
  429: 'Trop de tentatives (en-tête Retry-After le cas échéant)',
};

const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().describe('code stable du catalogue des erreurs'),
      message: z.string().describe('message en français pour la personne'),
      fields: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
      nextPage: z
        .string()
        .nullable()
        .optional()
        .describe(
          'DEMARCHE_PAGE_NOT_APPLICABLE seulement : la page où en est la demande, à enregistrer à la place (null : toutes les pages sont remplies, la demande peut être vérifiée et envoyée)',
        ),
    }),
  })
  .meta({ description: 'Toute erreur de l’API' });

export function registerOpenApi(app: FastifyInstance, o: { title: string; version: string }): void {
  const routes: ApiDoc[] = [];
  app.addHook('onRoute', (r: RouteOptions) => {
    const api = (r.config as { api?: ApiDoc } | undefined)?.api;
    if (api) routes.push(api);
  });
  let cached: object | undefined;
  apiRoute(app, {
    method: 'GET',
    url: '/api/openapi.json',
    summary: 'Ce document : la description OpenAPI 3.1 de l’API JSON',
    tags: ['API'],
    handler: async ({ reply }) => {
      cached ??= openApiDocument(routes, o);
      reply.header('Cache-Control', 'no-cache');
      return reply.send(cached);
    },
  });
}

export function openApiDocument(routes: readonly ApiDoc[], o: { title: string; version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = operation(r);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: o.title,
      version: o.version,
      description:
        'Les parcours de Mon Compte (création de compte, connexion avec code, mot de passe oublié, changement de coordonnées) en JSON, servis par les mêmes cas d’usage que les pages. ' +
        'Session : le même cookie de session que les pages (`mc_session`, HttpOnly), posé par la connexion. ' +
        'Toute requête qui modifie quelque chose doit être envoyée en `Content-Type: application/json` (une page d’un autre site ne le peut pas sans CORS, que ce serveur n’accorde pas) ' +
        'et, si le navigateur les envoie, avec `Origin` et `Sec-Fetch-Site` de ce site. Corps limités à 64 Kio ; chaque champ texte a une longueur maximale.',
    },
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      schemas: { Error: jsonSchema(ErrorBody) },
    },
  };
}

function operation(r: ApiDoc): Record<string, unknown> {
  const body = r.body ?? r.documentedBody;
  const errorStatuses = [
    ...new Set([...(body || r.query || r.params ? [400] : []), ...(r.session ? [401] : []), ...(r.errors ?? [])]),
  ].sort();
  const responses: Record<string, unknown> = {
    [String(r.status ?? 200)]: {
      description: r.status === 204 ? 'Fait (pas de contenu)' : 'Succès',
      ...(r.response ? { content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } } : {}),
    },
  };
  for (const s of errorStatuses) {
    responses[String(s)] = {
      description: ERROR_STATUS_TEXT[s] ?? 'Erreur',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return {
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    ...(r.tags ? { tags: r.tags } : {}),
    parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(body) } } } } : {}),
    responses,
    security: r.session ? [{ session: [] }] : [],
  };
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): object[] {
  if (!schema) return [];
  const s = jsonSchema(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || !!s.required?.includes(name),
    schema: p,
  }));
}

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of what a client sends (`input`) or receives (`output`). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}
