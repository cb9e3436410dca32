import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isDatabaseUnavailable } from '../../src/db/unavailable';
import { FallbackRateLimiter } from '../../src/security/fallback-rate-limit';
import { MemoryRateLimiter } from '../support/rate-limiter';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { text } from '../support/http';

/**
 * Issue 20, point 8. While another process held SQLite's write lock, the assistant answered 503:
 * its rate limit wrote to the database. It answers from its knowledge base in memory, and its limit
 * falls back on memory meanwhile — still 20 questions a minute per IP, never unlimited.
 */
describe('the assistant while the database is locked', () => {
  let dir: string;
  let t: TestApp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mc-assistant-lock-'));
    t = await buildTestApp({ env: { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}` } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the widget and the page, and still refuses the 21st question of the minute', { timeout: 60_000 }, async () => {
    const b = new TestBrowser(t.app);
    await b.get('/aide/assistant');
    const other = new SQLite(join(dir, 'db.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const ask = (question: string) => b.postJson('/api/chatbot', { question, step: 'mot-de-passe' });
      const first = await ask('quelles sont les règles du mot de passe ?');
      expect(first.statusCode, first.body.slice(0, 200)).toBe(200);
      expect(first.json().answer).toMatch(/caractères/);

      const page = await b.post('/aide/assistant', { question: 'je n’ai pas reçu le code' });
      expect(page.statusCode).toBe(200);
      expect(text(page.body)).toContain('Réponse');

      // 2 asked; 18 more allowed, then refused — counted in memory while the lock lasts.
      const more = await Promise.all(Array.from({ length: 19 }, (_, i) => ask(`mot de passe oublié ${i}`)));
      expect(more.map((r) => r.statusCode).sort()).toEqual([...Array(18).fill(200), 429]);
      expect(more.find((r) => r.statusCode === 429)!.json().error.code).toBe('ASSISTANT_RATE_LIMITED');
      expect(other.inTransaction).toBe(true);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  });
});

describe('a fallback that probes its primary now and then', () => {
  it('while the database is unavailable, tries it at most once per interval, and returns to it once it answers', async () => {
    let calls = 0;
    let down = true;
    const shared = new MemoryRateLimiter();
    const primary = new Proxy(shared, {
      get(target, prop, receiver) {
        if (prop !== 'hit') return Reflect.get(target, prop, receiver);
        return async (...args: Parameters<MemoryRateLimiter['hit']>) => {
          calls++;
          if (down) throw new DatabaseUnavailableError('locked');
          return target.hit(...args);
        };
      },
    });
    const lines: string[] = [];
    const l = new FallbackRateLimiter(primary, new MemoryRateLimiter(), (line) => lines.push(line), {
      isUnavailable: isDatabaseUnavailable,
      messages: { down: 'down', up: 'up' },
      probeEveryMs: 200,
    });
    for (let i = 0; i < 10; i++) expect((await l.hit('k', 3, 60_000)).allowed).toBe(i < 3);
    expect(calls).toBe(1);
    expect(l.degraded).toBeDefined();
    down = false;
    await new Promise((r) => setTimeout(r, 250));
    expect((await l.hit('k', 3, 60_000)).count).toBe(1);
    expect(calls).toBe(2);
    expect(l.degraded).toBeUndefined();
    expect(lines).toEqual(['down', 'up']);
    // Any other error of the primary is not hidden.
    const broken = new FallbackRateLimiter(
      new Proxy(shared, { get: (t, p, r) => (p === 'hit' ? async () => Promise.reject(new Error('bug')) : Reflect.get(t, p, r)) }),
      new MemoryRateLimiter(),
      () => {},
      { isUnavailable: isDatabaseUnavailable, messages: { down: '', up: '' }, probeEveryMs: 200 },
    );
    await expect(broken.hit('k', 3, 60_000)).rejects.toThrow('bug');
  });
});
