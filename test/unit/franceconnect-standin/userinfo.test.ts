import { decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { findCitizen } from '../../../src/franceconnect-standin/citizens';
import { ALGS, CLIENT_A, FULL_SCOPE, useStandin } from './provider.testkit';

describe.each(ALGS)('FranceConnect stand-in (%s)', (alg) => {
  const { fx, login, token, tokenBody, jwks } = useStandin(alg);

  describe('userinfo', () => {
    const userinfo = async (citizenId: string, scope = FULL_SCOPE) => {
      const { code } = await login(citizenId, { scope });
      const { access_token, id_token } = await (await token(tokenBody(code))).json();
      const res = await fetch(`${fx.issuerUrl}/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
      return { res, access_token, id_token };
    };

    it('returns a signed JWT (application/jwt) with the pivot identity', async () => {
      const { res, id_token } = await userinfo('sophie-martin-nom-usage');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/jwt/);
      const { payload } = await jwtVerify(await res.text(), jwks(), {
        issuer: fx.issuerUrl,
        audience: CLIENT_A.clientId,
        algorithms: [alg],
      });
      // Every claim of the citizen's record (usage name and e-mail included), exactly as recorded.
      const { id: _id, description: _description, nir: _nir, ...recorded } = findCitizen('sophie-martin-nom-usage')!;
      expect(Object.keys(recorded).sort()).toEqual([
        'birthcountry',
        'birthdate',
        'birthplace',
        'email',
        'family_name',
        'gender',
        'given_name',
        'preferred_username',
      ]);
      expect(recorded).toMatchObject({ given_name: 'Sophie Anne', preferred_username: 'LEROY', birthcountry: '99100' });
      expect(payload).toMatchObject({ sub: decodeJwt(id_token).sub, ...recorded });
    });

    it('releases only the claims of the requested scopes, and omits a missing e-mail', async () => {
      const few = decodeJwt(await (await userinfo('angela-dubois-paris', 'openid given_name')).res.text());
      expect(few.given_name).toBe('Angela Claire Louise');
      expect(few.family_name).toBeUndefined();
      expect(few.birthdate).toBeUndefined();
      const noMail = decodeJwt(await (await userinfo('amandine-dufour-sans-email')).res.text());
      expect(noMail.email).toBeUndefined();
      expect(noMail.preferred_username).toBeUndefined();
      const unknownMonth = decodeJwt(await (await userinfo('youssef-benali-mois-inconnu')).res.text());
      expect(unknownMonth).toMatchObject({ birthdate: '1975-00-00', birthplace: '', birthcountry: '99350' });
    });

    it('refuses an access token after 60 s, and one passed in the query string', async () => {
      const { access_token } = await userinfo('angela-dubois-paris');
      const query = await fetch(`${fx.issuerUrl}/userinfo?access_token=${access_token}`);
      expect(query.status).toBe(401);
      fx.offsetMs = 59_000;
      expect((await fetch(`${fx.issuerUrl}/userinfo`, { headers: { authorization: `Bearer ${access_token}` } })).status).toBe(200);
      fx.offsetMs = 61_000;
      const late = await fetch(`${fx.issuerUrl}/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
      expect(late.status).toBe(401);
      expect(late.headers.get('www-authenticate')).toContain('invalid_token');
    });
  });
});
