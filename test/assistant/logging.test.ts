import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { assistantRoutes } from '../../src/journeys/assistant/pages';
import type { AppContext } from '../../src/context';
import { MemoryRateLimiter } from '../support/rate-limiter';
import { Assistant } from '../../src/assistant/assistant';

describe('what the assistant logs', () => {
  it('logs the topic and the question masked, never a NIR, a password, a code or an address', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({ logger: { level: 'info', stream } });
    const ctx = {
      config: { agencyPhone: '3230' },
      rateLimiter: new MemoryRateLimiter(),
      assistantRateLimiter: new MemoryRateLimiter(),
      assistant: new Assistant({ agencyPhone: '3230' }),
    } as unknown as AppContext;
    await app.register(assistantRoutes(ctx));
    const secrets = ['2 84 12 75 056 123 45', 'Soleil2024x', '482913', 'lea.moreau@example.fr', '06 98 76 54 32'];
    const res = await app.inject({
      method: 'POST',
      url: '/api/chatbot',
      headers: { 'content-type': 'application/json' },
      payload: {
        question: `NIR ${secrets[0]}, mdp ${secrets[1]}, code ${secrets[2]}, mail ${secrets[3]}, tel ${secrets[4]} : ça ne marche pas`,
        step: 'connexion',
      },
    });
    expect(res.statusCode).toBe(200);
    const logged = lines.join('');
    expect(logged).toContain('"topic":');
    expect(logged).toContain('[masqué]');
    for (const s of secrets) expect(logged).not.toContain(s);
    for (const s of secrets) expect(res.body).not.toContain(s);
    await app.close();
  });
});
