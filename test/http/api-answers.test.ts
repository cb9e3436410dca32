import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Config, testConfig } from '../../src/config/config';
import { apiRoute } from '../../src/http/api/route';
import { createLogger } from '../../src/shared/logger';
import { buildTestApp, type TestApp } from '../support/app';

/** An answer that does not match its documented schema: a bug that fails loudly, except in production (logged). */
describe('a JSON answer that does not match its schema', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const wrongAnswer = (app: Parameters<typeof apiRoute>[0]) =>
    apiRoute(app, {
      method: 'GET',
      url: '/api/test-only/wrong-answer',
      summary: 'Réponse de test',
      response: z.object({ n: z.number() }),
      handler: async () => ({ n: 'pas un nombre' }) as never,
    });

  it('fails outside production (the configuration says so, not the process’s environment)', async () => {
    t = await buildTestApp({ extraRoutes: wrongAnswer });
    const res = await t.app.inject({ url: '/api/test-only/wrong-answer', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('pas un nombre');
  });

  it('is sent in production, with a warning in the log', async () => {
    const lines: string[] = [];
    const logger = createLogger({ env: 'production', destination: { write: (json: string) => void lines.push(json) } });
    const config: Config = { ...testConfig(), env: 'production', isProduction: true, baseUrl: 'https://mon-compte.caf.example' };
    t = await buildTestApp({ config, logger, extraRoutes: wrongAnswer });
    const res = await t.app.inject({ url: '/api/test-only/wrong-answer', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ n: 'pas un nombre' });
    expect(lines.some((l) => l.includes('API answer does not match its schema'))).toBe(true);
  });
});
