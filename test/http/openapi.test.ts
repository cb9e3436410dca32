import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';

describe('the OpenAPI document of the JSON API', () => {
  let t: TestApp;
  const routes: { method: string; url: string }[] = [];
  beforeAll(async () => {
    t = await buildTestApp({
      onRoute: (r: RouteOptions) => {
        for (const method of [r.method].flat()) routes.push({ method, url: r.url });
      },
    });
  });
  afterAll(() => t.close());

  it('is OpenAPI 3.1, served at /api/openapi.json', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.session).toEqual({ type: 'apiKey', in: 'cookie', name: 'mc_session' });
  });

  it('describes every route registered under /api/', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const api = routes.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    expect(api.length).toBeGreaterThan(15);
    const missing = api.filter((r) => !doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()]);
    expect(missing).toEqual([]);
  });

  it('gives each body its schema from zod, with a maximum length on every text field', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const civil = doc.paths['/api/registration/flows/{id}/civil-status'].post;
    const body = civil.requestBody.content['application/json'].schema;
    expect(body.properties.communeQuery).toMatchObject({ type: 'string', maxLength: 100 });
    expect(civil.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect(civil.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    const strings: { path: string; schema: Record<string, unknown> }[] = [];
    const walk = (s: unknown, path: string) => {
      if (!s || typeof s !== 'object') return;
      const o = s as Record<string, unknown>;
      if (o.type === 'string' && !o.enum && !o.pattern) strings.push({ path, schema: o });
      for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
    };
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { requestBody?: unknown; parameters?: unknown }>>,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        walk(op.requestBody, `${method} ${path} body`);
        walk(op.parameters, `${method} ${path} parameters`);
      }
    }
    expect(strings.length).toBeGreaterThan(20);
    expect(strings.filter((s) => typeof s.schema.maxLength !== 'number').map((s) => s.path)).toEqual([]);
  });

  it('documents the error body, with the page a démarche stands at when the page sent does not apply', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const error = doc.components.schemas.Error.properties.error;
    expect(Object.keys(error.properties)).toEqual(['code', 'message', 'fields', 'nextPage']);
    expect(error.required).toEqual(['code', 'message']);
    expect(error.properties.nextPage).toMatchObject({ type: ['string', 'null'] });
    const put = doc.paths['/api/demarches/{id}/pages/{page}'].put;
    expect(Object.keys(put.responses).sort()).toEqual(['200', '400', '401', '404', '409', '410']);
    expect(put.description).toMatch(/409 `DEMARCHE_PAGE_NOT_APPLICABLE`.*`error\.nextPage`/);
  });

  it('says which routes need the session', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/account/contact'].post.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/account/contact'].post.responses['401']).toBeDefined();
    expect(doc.paths['/api/login'].post.security).toEqual([]);
  });
});
