import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE_CACHE, assetUrl, publicDir } from '../../src/http/assets';
import { buildTestApp, TestBrowser, type TestApp } from '../support/app';
import { createTestAccount, logIn } from '../support/accounts';

describe('caching: public pages, forms, assets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('a public page without a form sets no cookie and is public with a validator (304 when unchanged)', async () => {
    for (const url of ['/', '/aides-et-demarches', '/aides-et-demarches/mes-demarches']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['set-cookie'], url).toBeUndefined();
      expect(res.headers['cache-control'], url).toMatch(/^public, max-age=\d+$/);
      expect(res.headers.vary, url).toBe('Cookie');
      const etag = String(res.headers.etag);
      expect(etag).toMatch(/^W\/".+"$/);
      const again = await t.app.inject({ url, headers: { 'if-none-match': etag } });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
    }
  });

  it('the server keeps a public page it rendered: the next visitors without a session get its bytes, the route does not run again', async () => {
    let renders = 0;
    const counted = await buildTestApp({
      onRoute: (r) => {
        if (r.url !== '/aide' || r.method !== 'GET') return;
        const handler = r.handler;
        r.handler = function (this: unknown, ...args: Parameters<typeof handler>) {
          renders++;
          return handler.apply(this as never, args);
        } as typeof handler;
      },
    });
    try {
      const first = await counted.app.inject({ url: '/aide' });
      const second = await counted.app.inject({ url: '/aide', headers: { cookie: 'mc_csrf=abcdefghijklmnopqrstuvwxyz0123456789ABCDEF' } });
      const revalidated = await counted.app.inject({ url: '/aide', headers: { 'if-none-match': String(first.headers.etag) } });
      expect(renders).toBe(1);
      expect(second.statusCode).toBe(200);
      expect(second.body).toBe(first.body);
      expect(second.headers['content-type']).toBe('text/html; charset=utf-8');
      for (const h of ['etag', 'cache-control', 'vary', 'content-security-policy', 'x-frame-options'])
        expect(second.headers[h], h).toBe(first.headers[h]);
      expect(revalidated.statusCode).toBe(304);
      // An address with a query string is rendered each time (it could be any of infinitely many).
      await counted.app.inject({ url: '/aide?source=lettre' });
      await counted.app.inject({ url: '/aide?source=lettre' });
      expect(renders).toBe(3);
      // A browser with a session cookie (valid or not) never gets the kept page.
      await counted.app.inject({ url: '/aide', headers: { cookie: 'mc_session=inconnue' } });
      expect(renders).toBe(4);
    } finally {
      await counted.close();
    }
  });

  it('a page with a form gets its CSRF cookie and is never stored', async () => {
    const res = await t.app.inject({ url: '/connexion' });
    expect(res.cookies.map((c) => c.name)).toContain('mc_csrf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
  });

  it('a public page shown to a signed-in person is not public (the header names them)', async () => {
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, await createTestAccount(t.ctx));
    const home = await b.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.headers['cache-control']).toBe('no-store');
    expect(home.body).toContain('href="/mon-espace"');
  });

  it('the same CSRF cookie serves every form of a browser: a token is made only once per browser', async () => {
    const b = new TestBrowser(t.app);
    await b.get('/connexion');
    const first = b.cookie('mc_csrf');
    const token = b.csrfToken();
    const res = await b.get('/mot-de-passe-oublie');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(b.cookie('mc_csrf')).toBe(first);
    expect(b.csrfToken()).toBe(token);
  });

  it('pages name assets by their content hash, served for a year as immutable', async () => {
    const home = await t.app.inject({ url: '/' });
    const css = assetUrl('/assets/app.css');
    expect(css).toMatch(/^\/assets\/app\.[0-9a-f]{12}\.css$/);
    expect(home.body).toContain(`href="${css}"`);
    const res = await t.app.inject({ url: css });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe(IMMUTABLE_CACHE);
    // the stylesheet's fonts are hashed too
    expect(res.body).toContain(assetUrl('/assets/fonts/source-sans-3-latin-400-normal.woff2'));
    const manifest = JSON.parse(readFileSync(`${publicDir}/manifest.json`, 'utf8')) as Record<string, string>;
    expect(manifest['/assets/js/app.js']).toBe(assetUrl('/assets/js/app.js'));
  });
});
