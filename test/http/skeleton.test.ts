import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendHtml } from '../../src/http/errors';
import { button, form } from '../../src/http/views/components';
import { layout } from '../../src/http/views/layout';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';

describe('the HTTP frame', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      extraRoutes: (app) => {
        app.post('/test-only/echo', async () => ({ ok: true }));
        app.post('/test-only/no-referrer-echo', { config: { formOfNoReferrerPage: true } }, async () => ({ ok: true }));
        app.get('/test-only/form', async (req, reply) =>
          sendHtml(reply, layout({ title: 'Test' }, form({ action: '/test-only/echo', csrfToken: req.csrfToken }, button('Envoyer')))),
        );
        app.post('/api/test-only', async () => ({ ok: true }));
        app.get('/test-only/boom', async () => {
          throw new Error('secret internal detail at /srv/app.ts:42');
        });
      },
    });
  });
  afterAll(() => t.close());

  it('serves the home page in French with the « Mon Compte » link and security headers', async () => {
    const res = await t.app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="fr"');
    expect(res.body).toContain('href="/mon-compte"');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers an unknown page with a French 404, as HTML or JSON', async () => {
    const page = await t.app.inject({ url: '/nulle-part' });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Page introuvable');
    const api = await t.app.inject({ url: '/api/nulle-part' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('n’existe pas') } });
  });

  it('never shows a stack trace or internal detail', async () => {
    const res = await t.app.inject({ url: '/test-only/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('Désolé, le service rencontre un problème');
    expect(res.body).not.toContain('secret internal detail');
    expect(res.body).not.toContain('.ts:');
  });

  it('refuses a form post without the CSRF token, from another site, or with a forged token', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/test-only/form');
    expect((await b.post('/test-only/echo', {}, { csrf: false })).statusCode).toBe(403);
    expect((await b.post('/test-only/echo', { _csrf: 'forged' }, { csrf: false })).statusCode).toBe(403);
    expect((await b.post('/test-only/echo', {}, { headers: { 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(403);
    expect((await b.post('/test-only/echo', {}, { headers: { origin: 'https://evil.example' } })).statusCode).toBe(403);
    const ok = await b.post('/test-only/echo', {});
    expect(ok.statusCode).toBe(200);
  });

  it('counts « Origin: null » as another site, even said same-origin with the right token — but on the route of a no-referrer page', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/test-only/form');
    const opaque = (url: string, site?: string, token = b.csrfToken()) =>
      b.request({
        method: 'POST',
        url,
        payload: new URLSearchParams({ _csrf: token }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', ...(site ? { 'sec-fetch-site': site } : {}) },
      });
    // A sandboxed frame, a redirect through another site: an opaque origin could be anyone's.
    for (const site of ['same-origin', 'none', 'cross-site', undefined]) {
      const res = await opaque('/test-only/echo', site);
      expect(res.statusCode, String(site)).toBe(403);
      expect(res.body).toContain('Votre formulaire a expiré');
    }
    // A page sent with `Referrer-Policy: no-referrer` posts its own form with « Origin: null »: its route
    // takes it when the browser says same-origin (which a page cannot forge), never otherwise.
    expect((await opaque('/test-only/no-referrer-echo', 'same-origin')).statusCode).toBe(200);
    for (const site of ['none', 'same-site', 'cross-site', undefined])
      expect((await opaque('/test-only/no-referrer-echo', site)).statusCode, String(site)).toBe(403);
    expect((await opaque('/test-only/no-referrer-echo', 'same-origin', 'forged')).statusCode).toBe(403);
    // Our own origin is still taken everywhere.
    expect(
      (await b.post('/test-only/echo', {}, { headers: { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' } })).statusCode,
    ).toBe(200);
  });

  it('takes a CSRF token only with the browser secret it was made for', async () => {
    const a = new TestBrowser(t.app);
    const other = new TestBrowser(t.app);
    await a.get('/test-only/form');
    await other.get('/test-only/form');
    const res = await other.post('/test-only/echo', { _csrf: a.csrfToken() }, { csrf: false });
    expect(res.statusCode).toBe(403);
  });

  it('accepts JSON API posts only as application/json', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/test-only',
      payload: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(403);
    expect(form.json().error.code).toBe('CSRF_INVALID');
  });
});
