import type { LightMyRequestResponse } from 'fastify';
import { testConfig, type Config } from '../../src/config/config';
import { createAccount, type Account, type NewAccount } from '../../src/accounts/repository';
import type { AppContext } from '../../src/context';
import {
  DEVELOPMENT_SUBJECT_SECRET,
  findCitizen,
  generateStandinKeys,
  pairwiseSubject,
  simulateCitizenLogin,
  startStandinProvider,
  type CitizenChoice,
  type RunningStandin,
  type StandinKeys,
  type StandinProviderOptions,
} from '../../src/franceconnect-standin';
import { afterAll, beforeAll } from 'vitest';
import { sampleAccount } from './accounts';
import { buildTestApp, type TestApp, type TestBrowser } from './app';
import { location, pathOf } from './http';

/**
 * A FranceConnect stand-in on a loopback port, registered with the redirect URIs the application
 * derives from its base URL, and the application's configuration pointed at it.
 */
export const FC_CLIENT = { id: 'mon-compte-caf-test', secret: 'mon-compte-caf-test-secret-0123456789' };

let keys: Promise<StandinKeys> | undefined;

export async function startStandinFor(baseUrl: string, over: Partial<StandinProviderOptions> = {}): Promise<RunningStandin> {
  keys ??= generateStandinKeys('ES256');
  return startStandinProvider({
    alg: 'ES256',
    keys: over.alg && over.alg !== 'ES256' ? await generateStandinKeys(over.alg) : await keys,
    port: 0,
    ...over,
    clients: [
      {
        clientId: FC_CLIENT.id,
        clientSecret: FC_CLIENT.secret,
        redirectUris: [`${baseUrl}/franceconnect/callback`],
        postLogoutRedirectUris: [`${baseUrl}/franceconnect/logout-callback`],
        name: 'Mon Compte — tests',
      },
    ],
  });
}

export function configFor(issuerUrl: string, env: Record<string, string> = {}): Config {
  return testConfig({
    FC_ISSUER_URL: issuerUrl,
    FC_CLIENT_ID: FC_CLIENT.id,
    FC_CLIENT_SECRET: FC_CLIENT.secret,
    FC_STANDIN: 'false',
    ...env,
  });
}

/**
 * The whole FranceConnect round trip as a browser would do it: our start (303 to FranceConnect),
 * the citizen's choice on the stand-in, back to our callback. Returns the callback's response.
 */
export async function franceConnectAs(
  b: TestBrowser,
  choice: CitizenChoice,
): Promise<{ callback: LightMyRequestResponse; callbackUrl: string }> {
  const authorize = location(await b.get('/franceconnect/connexion'));
  const { callbackUrl } = await simulateCitizenLogin(authorize, choice);
  return { callback: await b.get(pathOf(callbackUrl)), callbackUrl };
}

/**
 * For a `describe` block: a stand-in and the test application pointed at it, started before its
 * tests and closed after. Read `fc.t` and `fc.standin` inside tests.
 */
export function useStandinApp(): { readonly t: TestApp; readonly standin: RunningStandin } {
  let standin: RunningStandin | undefined;
  let t: TestApp | undefined;
  beforeAll(async () => {
    standin = await startStandinFor(testConfig().baseUrl);
    t = await buildTestApp({ config: configFor(standin.issuerUrl) });
  });
  afterAll(async () => {
    await t?.close();
    await standin?.close();
  });
  return {
    get t() {
      return t!;
    },
    get standin() {
      return standin!;
    },
  };
}

/**
 * An account already linked to a stand-in test citizen (by the `sub` the stand-in gives our test
 * client, with its development secret), so that « S'identifier avec FranceConnect » as that
 * citizen logs straight into it.
 */
export async function createLinkedAccount(ctx: AppContext, citizenId: string, over: Partial<NewAccount> = {}): Promise<Account> {
  const citizen = findCitizen(citizenId);
  if (!citizen?.nir) throw new Error(`no test citizen with a NIR: ${citizenId}`);
  const created = await createAccount(
    ctx.database.db,
    sampleAccount({
      login_id: citizen.nir,
      nir: citizen.nir,
      identity_status: 'certified',
      franceconnect_sub: pairwiseSubject(DEVELOPMENT_SUBJECT_SECRET, citizen.id, FC_CLIENT.id),
      ...over,
    }),
    ctx.clock.now(),
  );
  if (!created.ok) throw new Error('account not created');
  return created.account;
}
