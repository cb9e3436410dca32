import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestBrowser } from './app';

/**
 * Moving through the pages as a person would, with a TestBrowser (./app.ts): where a redirect
 * leads, visiting a page (redirects followed), submitting a form with its CSRF token then
 * following the Post/Redirect/Get, the visible text of a page. And calling the JSON API.
 */

/** Where a redirect leads; fails the test unless the answer is a 303 (every redirect of ours). */
export function location(res: LightMyRequestResponse): string {
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  return String(res.headers.location);
}

/** GET then follow redirects (as a browser would), returning the last response. */
export async function visit(b: TestBrowser, url: string): Promise<LightMyRequestResponse> {
  let res = await b.get(url);
  for (let i = 0; i < 5 && (res.statusCode === 302 || res.statusCode === 303); i++) res = await b.get(String(res.headers.location));
  return res;
}

/** POST a form (with the CSRF token of the last page) and follow the redirect (PRG); expects a redirect. */
export async function submit(
  b: TestBrowser,
  url: string,
  fields: Record<string, string | string[]>,
): Promise<{ to: string; page: LightMyRequestResponse }> {
  const res = await b.post(url, fields);
  const to = location(res);
  const page = await visit(b, to);
  return { to, page };
}

/**
 * POST a form a person got wrong: the answer must be a 303 back to the form's page (`form`, the path
 * posted to unless said), and that page — followed with the same cookies — shows the errors once.
 * Returns that page (status 200).
 */
export async function submitRefused(
  b: TestBrowser,
  url: string,
  fields: Record<string, string | string[]>,
  form: string = url.split('?')[0] ?? url,
): Promise<LightMyRequestResponse> {
  const page = await postBackToForm(b, url, fields, form);
  expect(page.statusCode, page.body.slice(0, 2000)).toBe(200);
  expect(page.body).toContain('govuk-error-summary');
  expect(page.body).toMatch(/<title>Erreur[\u00a0 ]: /);
  return page;
}

/**
 * A form refused for a wait it imposes, where its page takes the wait too (the login): 303 to the
 * form's page, which answers 429 with Retry-After and shows the wait once. Returns that page.
 */
export async function submitThrottled(
  b: TestBrowser,
  url: string,
  fields: Record<string, string | string[]>,
  form: string = url.split('?')[0] ?? url,
): Promise<LightMyRequestResponse> {
  const page = await postBackToForm(b, url, fields, form);
  expect(page.statusCode, page.body.slice(0, 2000)).toBe(429);
  expect(page.headers['retry-after']).toMatch(/^[1-9]\d*$/);
  expect(page.body).toContain('govuk-error-summary');
  return page;
}

/** Posts a form, checks it is sent back (303) to the form's page, and follows the redirect: that page. */
async function postBackToForm(
  b: TestBrowser,
  url: string,
  fields: Record<string, string | string[]>,
  form: string,
): Promise<LightMyRequestResponse> {
  const res = await b.post(url, fields);
  expect(location(res).split('?')[0]).toBe(form);
  return b.get(String(res.headers.location));
}

/** Path + query of an absolute URL of the application (inject takes paths). */
export function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

/** Visible text of a page, tags removed (inline ones without a space), for assertions on what a person reads. */
export function text(body: string): string {
  return body
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<\/?(strong|a|span|sup|em|b)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** A JSON API call as a same-origin script makes it: `Content-Type: application/json`, body `{}` by default. */
export function postJson(
  app: FastifyInstance,
  url: string,
  payload: unknown = {},
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url, payload: payload as object, headers: { 'content-type': 'application/json', ...headers } });
}
