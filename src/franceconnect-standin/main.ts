/**
 * Development entry point of the FranceConnect stand-in: `npx tsx src/franceconnect-standin/main.ts`.
 *
 * Environment (all optional, defaults work with the application's development defaults):
 * - FC_STANDIN_PORT (3001), FC_STANDIN_HOST (127.0.0.1)
 * - FC_STANDIN_ISSUER (http://localhost:<port>/api/v2)
 * - FC_STANDIN_ALG (ES256 | RS256, default ES256)
 * - FC_STANDIN_CLIENT_ID, FC_STANDIN_CLIENT_SECRET
 * - FC_STANDIN_REDIRECT_URIS, FC_STANDIN_POST_LOGOUT_REDIRECT_URIS (comma-separated)
 * - FC_STANDIN_KEYS_FILE: where to keep the signing key so that it survives restarts
 *   (created when missing); without it a new key is generated at each start.
 * - FC_STANDIN_SUB_SECRET: secret of the pairwise `sub` derivation (a fixed default otherwise).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportStandinKeys, generateStandinKeys, importStandinKeys, type StandinAlg, type StandinKeys } from './keys';
import { startStandinProvider, type StandinClient } from './provider';

export const DEV_CLIENT: StandinClient = {
  clientId: 'mon-compte-caf-local',
  clientSecret: 'mon-compte-caf-local-secret-de-developpement',
  redirectUris: ['http://localhost:3000/franceconnect/callback'],
  postLogoutRedirectUris: ['http://localhost:3000/franceconnect/logout-callback'],
  name: 'Mon Compte — Caf (développement)',
};

function list(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

async function loadKeys(alg: StandinAlg, file: string | undefined): Promise<StandinKeys> {
  if (!file) return generateStandinKeys(alg);
  await mkdir(dirname(file), { recursive: true });
  try {
    const stored = JSON.parse(await readFile(file, 'utf8'));
    if (stored.alg === alg) return await importStandinKeys(stored);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const keys = await generateStandinKeys(alg);
  await writeFile(file, JSON.stringify(await exportStandinKeys(keys)), { mode: 0o600 });
  return keys;
}

/**
 * Starts the stand-in beside the application (`npm start` in development): the application's
 * client, redirect URIs derived from its base URL, and the signing key kept in `keysFile` so that
 * ID tokens issued before a restart stay valid (logout with `id_token_hint`).
 */
export async function startStandinForApp(o: {
  issuerUrl: string;
  host: string;
  port: number;
  alg: StandinAlg;
  client: StandinClient;
  keysFile: string;
}): Promise<{ close(): Promise<void> }> {
  const standin = await startStandinProvider({
    issuerUrl: o.issuerUrl,
    host: o.host,
    port: o.port,
    alg: o.alg,
    clients: [o.client],
    keys: await loadKeys(o.alg, o.keysFile),
  });
  return { close: () => standin.close() };
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.NODE_ENV === 'production') {
    throw new Error('Le fournisseur FranceConnect de démonstration ne doit pas être lancé en production.');
  }
  const port = Number(env.FC_STANDIN_PORT ?? 3001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('FC_STANDIN_PORT invalide');
  const host = env.FC_STANDIN_HOST ?? '127.0.0.1';
  const alg = (env.FC_STANDIN_ALG ?? 'ES256') as StandinAlg;
  if (alg !== 'ES256' && alg !== 'RS256') throw new Error('FC_STANDIN_ALG doit valoir ES256 ou RS256');
  const issuerUrl = env.FC_STANDIN_ISSUER ?? `http://localhost:${port}/api/v2`;
  const client: StandinClient = {
    ...DEV_CLIENT,
    clientId: env.FC_STANDIN_CLIENT_ID ?? DEV_CLIENT.clientId,
    clientSecret: env.FC_STANDIN_CLIENT_SECRET ?? DEV_CLIENT.clientSecret,
    redirectUris: list(env.FC_STANDIN_REDIRECT_URIS) ?? DEV_CLIENT.redirectUris,
    postLogoutRedirectUris: list(env.FC_STANDIN_POST_LOGOUT_REDIRECT_URIS) ?? DEV_CLIENT.postLogoutRedirectUris,
  };
  const standin = await startStandinProvider({
    issuerUrl,
    host,
    port,
    alg,
    clients: [client],
    keys: await loadKeys(alg, env.FC_STANDIN_KEYS_FILE ?? './data/franceconnect-standin-keys.json'),
    ...(env.FC_STANDIN_SUB_SECRET ? { subjectSecret: env.FC_STANDIN_SUB_SECRET } : {}),
  });
  console.info(`FranceConnect (simulation) : ${issuerUrl}/.well-known/openid-configuration — client_id ${client.clientId}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void standin.close().then(() => process.exit(0)));
  }
}

// Run as a program (`tsx src/franceconnect-standin/main.ts`), not when bundled into the server.
if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href &&
  import.meta.url.endsWith('/franceconnect-standin/main.ts')
) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
