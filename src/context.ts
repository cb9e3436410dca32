import { Redis } from 'ioredis';
import './app-errors';
import { createPasswordHasher, type PasswordHasher } from './auth/passwords';
import { DbSessionStore, RedisSessionStore, SessionService } from './auth/sessions';
import { VerificationCodes } from './auth/verification-codes';
import type { Config } from './config/config';
import { openDatabase, type DatabaseHandle } from './db/database';
import { migrate } from './db/migrate';
import { repertoirePeople, revokedDemoDocuments } from './demo/people';
import { sweepExpiredFlows } from './flows/engine/store';
import { deleteExpiredTransactions } from './flows/franceconnect/store';
import { LocalRepertoire, type Repertoire } from './flows/registration/repertoire';
import { LocalRepertoireSearch, type RepertoireSearch } from './flows/franceconnect/matching';
import { createFranceConnectClient, type FranceConnectClient } from './franceconnect';
import { LocalDocumentVerifier, type DocumentVerifier } from './identity';
import { createMessaging, type MessagingService } from './messaging';
import { LoginThrottle } from './security/login-throttle';
import { MemoryRateLimiter, type RateLimiter } from './security/rate-limit';
import { RedisRateLimiter } from './security/redis-rate-limit';
import { systemClock, type Clock } from './shared/clock';

/**
 * The composition root: builds every service once, from the configuration, and passes them
 * explicitly. No module-level singletons: tests build their own context (see test/support/app.ts).
 */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  passwords: PasswordHasher;
  codes: VerificationCodes;
  /** sessions of signed-in people (database, or Redis when REDIS_URL is set); see src/auth/http-session.ts */
  sessions: SessionService;
  /** failures per identifier and per IP, with increasing delays (src/security/login-throttle.ts) */
  loginThrottle: LoginThrottle;
  /** shared counters for rate limits and login throttling (Redis when REDIS_URL is set) */
  rateLimiter: RateLimiter;
  /** e-mail and SMS delivery of the outbox (enqueue with enqueueMessage from src/messaging/outbox) */
  messaging: MessagingService;
  /** the national identity registry (local adapter over demo people until a real one is plugged) */
  repertoire: Repertoire;
  /** validity of identity documents (format check + revoked list until a real register is plugged) */
  documentVerifier: DocumentVerifier;
  /** FranceConnect: the v2 client (lazy discovery) and the répertoire search by certified identity */
  franceConnect: { client: FranceConnectClient; repertoire: RepertoireSearch };
  close(): Promise<void>;
}

export interface ContextOptions {
  clock?: Clock;
  rateLimiter?: RateLimiter;
  /** an already-open database (tests); otherwise DATABASE_URL is opened and migrated */
  database?: DatabaseHandle;
  /** start the outbox delivery worker polling now (default false: src/main.ts starts it after listen; tests call messaging.flush()) */
  startWorker?: boolean;
}

export async function createContext(config: Config, o: ContextOptions = {}): Promise<AppContext> {
  const database = o.database ?? (await openDatabase(config.databaseUrl));
  await migrate(database);
  const clock = o.clock ?? systemClock;
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 3 }) : undefined;
  const rateLimiter = o.rateLimiter ?? (redis ? new RedisRateLimiter(redis) : new MemoryRateLimiter(() => clock.now()));
  // The worker's hourly sweep also deletes expired flows and FranceConnect transactions (no sweep in request handlers).
  const housekeeping = [(now: number) => sweepExpiredFlows(database.db, now), (now: number) => deleteExpiredTransactions(database.db, now)];
  const messaging = createMessaging(config, database.db, clock, { worker: { housekeeping } });
  if (o.startWorker) messaging.worker.start();
  const ctx: AppContext = {
    config,
    database,
    clock,
    passwords: createPasswordHasher(config.argon2),
    codes: new VerificationCodes(config.secretKey, () => clock.now()),
    rateLimiter,
    sessions: new SessionService(redis ? new RedisSessionStore(redis, clock) : new DbSessionStore(database.db), clock),
    loginThrottle: new LoginThrottle(rateLimiter, config.secretKey),
    messaging,
    repertoire: new LocalRepertoire(repertoirePeople),
    documentVerifier: new LocalDocumentVerifier({ revoked: revokedDemoDocuments }),
    franceConnect: lazyFranceConnect(config, new LocalRepertoireSearch(repertoirePeople)),
    close: async () => {
      await messaging.worker.close();
      await database.destroy();
      await redis?.quit();
    },
  };
  return ctx;
}

/**
 * The FranceConnect client is built at its first use (a FranceConnect page), not with the context:
 * its configuration is checked at start-up by loadConfig (https in production), and a context built
 * for something else never depends on it.
 */
function lazyFranceConnect(config: Config, repertoire: RepertoireSearch): AppContext['franceConnect'] {
  let client: FranceConnectClient | undefined;
  return {
    get client() {
      client ??= franceConnectClient(config);
      return client;
    },
    repertoire,
  };
}

/** The FranceConnect client from the configuration; plain http is allowed outside production only (the local stand-in). */
function franceConnectClient(config: Config): FranceConnectClient {
  const fc = config.franceConnect;
  return createFranceConnectClient({
    issuerUrl: fc.issuerUrl,
    clientId: fc.clientId,
    clientSecret: fc.clientSecret,
    redirectUri: fc.redirectUri,
    postLogoutRedirectUri: fc.postLogoutRedirectUri,
    alg: fc.alg,
    acr: 'eidas1',
    allowInsecureHttp: !config.isProduction,
  });
}
