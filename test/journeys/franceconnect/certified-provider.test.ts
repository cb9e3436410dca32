/**
 * The journeys against the stand-in built on oidc-provider (the engine FranceConnect runs on),
 * through HTTP: a key rotation, and the refusals — each a French page, nothing created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByNir } from '../../../src/accounts/repository';
import { testConfig } from '../../../src/config/config';
import { franceConnectSignupFlow } from '../../../src/journeys/kinds';
import {
  findCitizen,
  generateStandinKeys,
  simulateCitizenLogin,
  type RunningStandin,
  type StandinProviderOptions,
} from '../../../src/franceconnect-standin';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { configFor, createLinkedAccount, franceConnectAs, startStandinFor } from '../../support/franceconnect';
import { location, pathOf, text } from '../../support/http';

const baseUrl = testConfig().baseUrl;
const ANGELA = findCitizen('angela-dubois-paris')!;

/** A stand-in (with `over`) and the application pointed at it, for one describe block. */
function setUp(over: Partial<StandinProviderOptions> = {}, env: Record<string, string> = {}) {
  const fx = {} as { standin: RunningStandin; t: TestApp };
  beforeAll(async () => {
    fx.standin = await startStandinFor(baseUrl, over);
    fx.t = await buildTestApp({ config: configFor(fx.standin.issuerUrl, env) });
  });
  afterAll(async () => {
    await fx.t?.close();
    await fx.standin?.close();
  });
  return fx;
}

/** Nothing was created: no account for the citizen's NIR, no sign-up under way. */
async function expectNothingCreated(t: TestApp): Promise<void> {
  expect(await findAccountByNir(t.ctx.database.db, ANGELA.nir!)).toBeUndefined();
  const signups = await t.ctx.database.db
    .selectFrom('flows')
    .select('id')
    .where('kind', '=', franceConnectSignupFlow.machine.name)
    .execute();
  expect(signups).toEqual([]);
}

function expectRefusalPage(res: { statusCode: number; body: string; headers: Record<string, unknown> }, message: string): void {
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(res.body).toContain('<html lang="fr"');
  expect(text(res.body)).toContain('La connexion avec FranceConnect n’a pas abouti');
  expect(text(res.body)).toContain(message);
  expect(String(res.headers['set-cookie'] ?? '')).not.toContain('mc_fc_signup=');
}

describe('a key rotation at the provider', () => {
  const fx = setUp();

  it('logins go on at once with the new kid', async () => {
    await createLinkedAccount(fx.t.ctx, ANGELA.id);
    const first = await franceConnectAs(new TestBrowser(fx.t.app), { citizenId: ANGELA.id });
    expect(location(first.callback)).toBe('/mon-espace');
    await fx.standin.rotateKeys(await generateStandinKeys('ES256'));
    const second = await franceConnectAs(new TestBrowser(fx.t.app), { citizenId: ANGELA.id });
    expect(second.callback.statusCode, text(second.callback.body)).toBe(303);
    expect(location(second.callback)).toBe('/mon-espace');
  });
});

describe('refusals by the application, each with a French page and nothing created', () => {
  describe('an iss that is not the provider’s (RFC 9207 mix-up)', () => {
    const fx = setUp();
    it('is refused before the code is used', async () => {
      const b = new TestBrowser(fx.t.app);
      const authorize = location(await b.get('/franceconnect/connexion'));
      const { callbackUrl } = await simulateCitizenLogin(authorize, { citizenId: ANGELA.id });
      const tampered = new URL(callbackUrl);
      expect(tampered.searchParams.get('iss')).toBe(fx.standin.issuerUrl);
      tampered.searchParams.set('iss', 'https://fournisseur-malveillant.example/api/v2');
      const res = await b.get(pathOf(tampered.href));
      expect(res.statusCode).toBe(400);
      expectRefusalPage(res, 'La réponse reçue ne provient pas du fournisseur FranceConnect attendu');
      await expectNothingCreated(fx.t);
    });
  });

  describe.each<[string, Partial<StandinProviderOptions>]>([
    ['eidas0', { deliveredAcr: 'eidas0' }],
    ['no acr', { deliveredAcr: null }],
  ])('an ID token with %s', (_name, over) => {
    const fx = setUp(over);
    it('is refused: the level is insufficient', async () => {
      const { callback } = await franceConnectAs(new TestBrowser(fx.t.app), { citizenId: ANGELA.id });
      expect(callback.statusCode).toBe(401);
      expectRefusalPage(callback, 'Le niveau de sécurité de la connexion FranceConnect est insuffisant');
      await expectNothingCreated(fx.t);
    });
  });

  describe('a nonce changed on the way to the provider', () => {
    const fx = setUp();
    it('is refused: the ID token is not for this login', async () => {
      const b = new TestBrowser(fx.t.app);
      const authorize = new URL(location(await b.get('/franceconnect/connexion')));
      authorize.searchParams.set('nonce', 'z'.repeat(43));
      const { callbackUrl } = await simulateCitizenLogin(authorize.href, { citizenId: ANGELA.id });
      const res = await b.get(pathOf(callbackUrl));
      expect(res.statusCode).toBe(401);
      expectRefusalPage(res, "L'identité transmise par FranceConnect n'a pas pu être vérifiée");
      await expectNothingCreated(fx.t);
    });
  });

  describe('a provider signing with RS256 when ES256 is expected', () => {
    const fx = setUp({ alg: 'RS256' }, { FC_ALG: 'ES256' });
    it('is refused before the person is sent to it', async () => {
      const res = await new TestBrowser(fx.t.app).get('/franceconnect/connexion');
      expect(res.statusCode).toBe(503);
      expect(text(res.body)).toContain('FranceConnect est momentanément indisponible');
      await expectNothingCreated(fx.t);
    });
  });
});
