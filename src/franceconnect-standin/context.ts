/**
 * Options of the stand-in, and what every endpoint shares once it is built: its registered
 * clients, its test citizens, its clock, its in-memory stores and its signer.
 */
import { TEST_CITIZENS, type TestCitizen } from './citizens';
import { generateStandinKeys, type StandinAlg, type StandinKeys } from './keys';
import { createSigner, type Signer } from './signing';
import { createStores, type Stores } from './stores';

export interface StandinClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Name shown on the login page. */
  name?: string;
}

export interface StandinProviderOptions {
  /** Issuer, e.g. `http://localhost:3001/api/v2`; its path is the route prefix. */
  issuerUrl: string;
  alg: StandinAlg;
  clients: StandinClient[];
  /** Clock in milliseconds (defaults to `Date.now`); inject it to test expiries. */
  now?: () => number;
  /** Pre-generated signing keys (tests: generate once, reuse). Must match `alg`. */
  keys?: StandinKeys;
  citizens?: readonly TestCitizen[];
  /** Secret of the per-client `sub` derivation. A fixed development default keeps `sub` stable across restarts. */
  subjectSecret?: string;
  logger?: boolean;
}

export interface StandinContext {
  /** Path prefix of every route, e.g. `/api/v2`. */
  readonly prefix: string;
  /** The issuer URL; read it when answering (a stand-in on port 0 learns it once listening). */
  readonly issuer: () => string;
  readonly keys: StandinKeys;
  readonly now: () => number;
  readonly nowSeconds: () => number;
  readonly clients: ReadonlyMap<string, StandinClient>;
  readonly citizens: readonly TestCitizen[];
  readonly stores: Stores;
  readonly signer: Signer;
}

/** The secret of the pairwise `sub` when none is configured (development and tests only). */
export const DEVELOPMENT_SUBJECT_SECRET = 'franceconnect-standin-development-only';

export async function createContext(opts: StandinProviderOptions, ref: { issuer: string }, prefix: string): Promise<StandinContext> {
  const now = opts.now ?? Date.now;
  const nowSeconds = () => Math.floor(now() / 1000);
  const issuer = () => ref.issuer;
  const keys = opts.keys ?? (await generateStandinKeys(opts.alg));
  if (keys.alg !== opts.alg) throw new Error(`stand-in: keys are ${keys.alg}, alg is ${opts.alg}`);
  const subjectSecret = opts.subjectSecret ?? DEVELOPMENT_SUBJECT_SECRET;
  const signer = await createSigner({ keys, issuer, subjectSecret, nowSeconds });
  const clients = new Map(opts.clients.map((c) => [c.clientId, c]));
  if (clients.size !== opts.clients.length) throw new Error('stand-in: duplicate clientId');
  return {
    prefix,
    issuer,
    keys,
    now,
    nowSeconds,
    clients,
    citizens: opts.citizens ?? TEST_CITIZENS,
    stores: createStores(now),
    signer,
  };
}
