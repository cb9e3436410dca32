import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRoutes } from '../../src/http/api/route';
import { buildTestApp, type TestApp } from '../support/app';

/** The routes of one area declared with apiRoutes: what they share said once, what one route says for itself wins. */
describe('apiRoutes', () => {
  let t: TestApp;
  const guardOf = (name: string) => async (_req: FastifyRequest, reply: FastifyReply) => {
    reply
      .status(403)
      .header('x-guard', name)
      .send({ error: { code: 'FORBIDDEN', message: name } });
  };
  beforeAll(async () => {
    t = await buildTestApp({
      extraRoutes: (app) => {
        const route = apiRoutes(app, { tags: ['Essai'], session: true, guard: guardOf('shared') });
        route({
          method: 'GET',
          url: '/api/test-only/shared',
          summary: 'Route de test (options communes)',
          response: z.object({ ok: z.boolean() }),
          handler: async () => ({ ok: true }),
        });
        route({
          method: 'GET',
          url: '/api/test-only/own',
          summary: 'Route de test (options propres)',
          tags: ['Autre'],
          guard: guardOf('own'),
          response: z.object({ ok: z.boolean() }),
          handler: async () => ({ ok: true }),
        });
      },
    });
  });
  afterAll(() => t.close());

  it('gives every route the shared guard, unless the route has its own', async () => {
    const shared = await t.app.inject({ url: '/api/test-only/shared', headers: { accept: 'application/json' } });
    expect(shared.statusCode).toBe(403);
    expect(shared.headers['x-guard']).toBe('shared');
    const own = await t.app.inject({ url: '/api/test-only/own', headers: { accept: 'application/json' } });
    expect(own.statusCode).toBe(403);
    expect(own.headers['x-guard']).toBe('own');
  });

  it('documents the shared tags and session, and a route’s own tags instead', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const shared = doc.paths['/api/test-only/shared'].get;
    expect(shared.tags).toEqual(['Essai']);
    expect(shared.security).toEqual([{ session: [] }]);
    expect(Object.keys(shared.responses)).toContain('401');
    const own = doc.paths['/api/test-only/own'].get;
    expect(own.tags).toEqual(['Autre']);
    expect(own.security).toEqual([{ session: [] }]);
  });
});
