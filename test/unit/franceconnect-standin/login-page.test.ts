import { describe, expect, it } from 'vitest';
import { ALGS, CLIENT_A, useStandin } from './provider.testkit';
import { simulateCitizenLogin } from '../../../src/franceconnect-standin/simulate';

describe.each(ALGS)('FranceConnect stand-in (%s)', (alg) => {
  const { authorizeUrl, authorizeRedirect, login } = useStandin(alg);

  describe('login page', () => {
    it('« Annuler » returns access_denied with the state', async () => {
      const url = authorizeUrl();
      const { callbackUrl } = await simulateCitizenLogin(url.href, 'cancel');
      const cb = new URL(callbackUrl);
      expect(cb.searchParams.get('error')).toBe('access_denied');
      expect(cb.searchParams.get('error_description')).toBeTruthy();
      expect(cb.searchParams.get('state')).toBe(url.searchParams.get('state'));
      expect(cb.searchParams.get('code')).toBeNull();
    });

    it('refuses a form without the right CSRF token, and a replayed interaction', async () => {
      const { location } = await authorizeRedirect(authorizeUrl());
      const html = await (await fetch(location)).text();
      const interactionId = /name="interactionId" value="([^"]+)"/.exec(html)![1]!;
      const csrfToken = /name="csrfToken" value="([^"]+)"/.exec(html)![1]!;
      const post = (body: Record<string, string>) =>
        fetch(`${location.href}/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(body),
          redirect: 'manual',
        });
      expect((await post({ interactionId, csrfToken: 'x'.repeat(43), citizenId: 'angela-dubois-paris' })).status).toBe(403);
      expect((await post({ interactionId, citizenId: 'angela-dubois-paris' })).status).toBe(403);
      const unknownCitizen = await post({ interactionId, csrfToken, citizenId: 'nobody' });
      expect(unknownCitizen.status).toBe(400);
      expect(await unknownCitizen.text()).toContain('Choisissez un citoyen');
      expect((await post({ interactionId, csrfToken, citizenId: 'angela-dubois-paris' })).status).toBe(303);
      expect((await post({ interactionId, csrfToken, citizenId: 'angela-dubois-paris' })).status).toBe(400);
    });

    it('returns a code and the state to the registered redirect_uri', async () => {
      const { cb, state, code } = await login('angela-dubois-paris');
      expect(cb.origin + cb.pathname).toBe(CLIENT_A.redirectUris[0]);
      expect(cb.searchParams.get('state')).toBe(state);
      expect(code.length).toBeGreaterThanOrEqual(32);
    });
  });
});
