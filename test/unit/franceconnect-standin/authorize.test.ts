import { describe, expect, it } from 'vitest';
import { STANDIN_TITLE } from '../../../src/franceconnect-standin/pages';
import { ALGS, CLIENT_A, CLIENT_B, rnd, useStandin } from './provider.testkit';

describe.each(ALGS)('FranceConnect stand-in (%s)', (alg) => {
  const { fx, authorizeUrl, authorizeRedirect } = useStandin(alg);

  describe('authorize', () => {
    it('sends the browser to an accessible French login page listing the test citizens', async () => {
      const { status, location } = await authorizeRedirect(authorizeUrl());
      expect(status).toBe(303);
      expect(location.pathname).toMatch(/^\/api\/v2\/interaction\/[\w-]+$/);
      const page = await fetch(location);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('<html lang="fr">');
      expect(html).toContain(STANDIN_TITLE.replace("'", '&#39;'));
      expect(html).toContain('name="csrfToken"');
      expect(html).toContain('name="interactionId"');
      expect(html).toContain('<legend>');
      expect(html).toContain('Annuler');
      expect(html).toContain('Application A');
      expect(html).toContain('DUBOIS');
      expect(html).not.toMatch(/<script/i);
    });

    it('also accepts POST /authorize', async () => {
      const url = authorizeUrl();
      const res = await fetch(`${fx.issuerUrl}/authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: url.searchParams,
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/\/interaction\//);
    });

    const refusals: Array<[string, Record<string, string | undefined>, string]> = [
      [
        'PKCE code_challenge',
        { code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' },
        'invalid_request',
      ],
      ['an unknown parameter', { ui_locales: 'fr' }, 'invalid_request'],
      ['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
      ['response_type missing', { response_type: undefined }, 'invalid_request'],
      ['a nonce of 31 characters', { nonce: 'n'.repeat(31) }, 'invalid_request'],
      ['no nonce', { nonce: undefined }, 'invalid_request'],
      ['a state of 31 characters', { state: 's'.repeat(31) }, 'invalid_request'],
      ['no acr_values', { acr_values: undefined }, 'invalid_request'],
      ['acr_values=eidas0', { acr_values: 'eidas0' }, 'invalid_request'],
      ['acr_values=loa1', { acr_values: 'loa1' }, 'invalid_request'],
      ['a scope without openid', { scope: 'given_name family_name' }, 'invalid_scope'],
      ['an unknown scope', { scope: 'openid profile address' }, 'invalid_scope'],
      ['prompt=none', { prompt: 'none' }, 'invalid_request'],
      ['a claims parameter that is not JSON', { claims: '{oops' }, 'invalid_request'],
    ];
    it.each(refusals)('refuses %s and says so to the client with its state', async (_name, overrides, error) => {
      const url = authorizeUrl(overrides);
      const { status, location } = await authorizeRedirect(url);
      expect(status).toBe(303);
      expect(location.origin + location.pathname).toBe(CLIENT_A.redirectUris[0]);
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('error_description')).toBeTruthy();
      expect(location.searchParams.get('code')).toBeNull();
      const state = url.searchParams.get('state');
      if (state) expect(location.searchParams.get('state')).toBe(state);
    });

    it('refuses a missing state (error sent without state)', async () => {
      const { location } = await authorizeRedirect(authorizeUrl({ state: undefined }));
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.has('state')).toBe(false);
    });

    it('refuses a repeated parameter', async () => {
      const url = authorizeUrl();
      url.searchParams.append('nonce', rnd());
      const { location } = await authorizeRedirect(url);
      expect(location.searchParams.get('error')).toBe('invalid_request');
    });

    it('accepts eidas2/eidas3 requests, prompt=login consent, idp_hint and claims', async () => {
      for (const overrides of [
        { acr_values: 'eidas2' },
        { acr_values: 'eidas1 eidas3' },
        { prompt: 'login consent', idp_hint: 'fi-demonstration', claims: '{"id_token":{"amr":{"essential":true}}}' },
      ]) {
        const { location } = await authorizeRedirect(authorizeUrl(overrides));
        expect(location.pathname).toMatch(/\/interaction\//);
      }
    });

    it.each<[string, Record<string, string | undefined>]>([
      ['an unknown client_id', { client_id: 'client-z' }],
      ['no client_id', { client_id: undefined }],
      ['an unregistered redirect_uri', { redirect_uri: 'http://evil.test/callback' }],
      ['a redirect_uri of another client', { redirect_uri: CLIENT_B.redirectUris[0] }],
      ['no redirect_uri', { redirect_uri: undefined }],
    ])('shows a French error page (no redirect) for %s', async (_name, overrides) => {
      const res = await fetch(authorizeUrl(overrides), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      const html = await res.text();
      expect(html).toContain('lang="fr"');
      expect(html).toContain('Connexion impossible');
    });
  });
});
