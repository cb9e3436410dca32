import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { findAccountByLoginId, type Account } from '../../src/accounts/repository';
import { DEMO_PASSWORD, seedDemoData } from '../../src/demo/seed';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { logIn } from '../support/accounts';

/** The household's HTTP tests: an application with the demo households, people signed in by their NIR. */
export async function demoApp(o: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const t = await buildTestApp({ env: { LOGIN_SECOND_FACTOR: 'false', ...o.env } });
  await seedDemoData(t.ctx);
  return t;
}

export async function accountOf(t: TestApp, loginId: string): Promise<Account> {
  const a = await findAccountByLoginId(t.ctx.database.db, loginId);
  if (!a) throw new Error(`no demo account ${loginId}`);
  return a;
}

/** A browser signed in as this demo person (password login through the pages). */
export async function signedIn(t: TestApp, loginId: string, password = DEMO_PASSWORD): Promise<TestBrowser> {
  const b = new TestBrowser(t.app);
  await logIn(t.ctx, b, await accountOf(t, loginId), password);
  return b;
}

/** A JSON request of the API with this browser's cookies. */
export function api(b: TestBrowser, method: 'GET' | 'POST', url: string, body?: unknown): Promise<LightMyRequestResponse> {
  return b.request(
    method === 'GET'
      ? { method, url }
      : {
          method,
          url,
          payload: JSON.stringify(body ?? {}),
          headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        },
  );
}

/** Whether a response is the refusal of can(): the 403 page or `{ error: { code: 'FORBIDDEN' } }`, saying who can. */
export function refusedByCan(res: LightMyRequestResponse): boolean {
  if (res.statusCode !== 403) return false;
  if (String(res.headers['content-type']).includes('json')) {
    const e = res.json().error;
    expect(e.message).toMatch(/peut/);
    return e.code === 'FORBIDDEN';
  }
  // requirePermission's page, or the démarches' own refusal (src/demarches/service.ts): both say who can.
  return /peut/.test(res.body);
}
