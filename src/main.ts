import { ConfigError, loadConfig } from './config/config';
import { createContext } from './context';
import { DEMO_PASSWORD, demoAccounts, seedDemoData } from './demo/seed';
import { buildApp } from './routes';
import { loadPlaceData } from './identity';
import { createLogger } from './shared/logger';

/** Starts Mon Compte: configuration → context → HTTP server (and, in development, its companions). */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      createLogger({ env: 'development' }).fatal(e.message);
      process.exit(1);
    }
    throw e;
  }
  // Start-up messages go through the application's logger (readable lines in development, JSON in production).
  const log = createLogger({ env: config.env, level: config.logLevel });
  // FranceConnect stand-in (development): started first, so that the application's first
  // FranceConnect login finds it; it knows the application's client and redirect URIs.
  const fc = config.franceConnect;
  const standin = fc.standin ? await startStandin(config) : undefined;
  // The communes and countries (births since 1943) are loaded before the first request, not during it.
  const places = loadPlaceData();
  log.info(`Lieux de naissance : ${places.communes} communes et ${places.countries} pays chargés en ${Math.round(places.loadMs)} ms`);
  const ctx = await createContext(config, { logger: log });
  // Builds (and so validates) the FranceConnect client now rather than at the first login.
  log.info(`FranceConnect${standin ? ' (démonstration)' : ''} : ${ctx.franceConnect.client.config.issuerUrl}`);
  if (config.demoData) {
    const created = await seedDemoData(ctx);
    if (created) log.info(`Données de démonstration : ${created} comptes créés`);
  }
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  ctx.messaging.worker.start();
  log.info(`Mon Compte est démarré : ${config.baseUrl}`);
  if (config.demoData)
    log.info(`Compte de démonstration : identifiant ${demoAccounts[0]!.login_id}, mot de passe ${DEMO_PASSWORD} (les autres : README.md)`);
  if (config.env === 'development') log.info(`Messages envoyés (codes, mails, SMS) : ${config.baseUrl}/dev/messages`);

  const stop = async () => {
    await app.close();
    await standin?.close();
    await ctx.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();

/** The FranceConnect stand-in, imported only when it is on: production never loads it nor oidc-provider. */
async function startStandin(config: ReturnType<typeof loadConfig>): Promise<{ close(): Promise<void> }> {
  const { DEV_CLIENT, startStandinForApp } = await import('./franceconnect-standin/main');
  const fc = config.franceConnect;
  return startStandinForApp({
    issuerUrl: fc.issuerUrl,
    host: config.host,
    port: fc.standinPort,
    alg: fc.alg,
    client: {
      ...DEV_CLIENT,
      clientId: fc.clientId,
      clientSecret: fc.clientSecret,
      redirectUris: [fc.redirectUri],
      postLogoutRedirectUris: [fc.postLogoutRedirectUri],
    },
    keysFile: fc.standinKeysFile,
  });
}
