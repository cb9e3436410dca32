import type { FastifyReply } from 'fastify';
import { describe, expect, it } from 'vitest';
import { retryAfter } from '../../src/http/api/answers';

/** Retry-After is written in one place, for pages and JSON routes alike: whole seconds, never 0. */
describe('Retry-After', () => {
  const written = (ms: number) => {
    const headers: Record<string, string> = {};
    const reply = {
      header(k: string, v: string) {
        headers[k] = v;
        return reply;
      },
    } as unknown as FastifyReply;
    retryAfter(reply, ms);
    return headers['Retry-After'];
  };

  it('rounds a wait up to whole seconds, and says at least one second', () => {
    expect(written(2500)).toBe('3');
    expect(written(60_000)).toBe('60');
    expect(written(200)).toBe('1');
    expect(written(0)).toBe('1');
  });
});
