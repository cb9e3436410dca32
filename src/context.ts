import { ContactCodes } from './journeys/contact-verification/codes';
import { PasswordCheck } from './auth/password-check';
import { createPasswordHasher } from './auth/passwords';
import { DbSessionStore, RedisSessionStore, SessionService } from './auth/sessions';
import { VerificationCodes } from './auth/verification-codes';
import type { Config } from './config/config';
import type { JourneyDeps } from './journeys/deps';
import { openDatabase, type DatabaseHandle } from './db/database';
import { migrate } from './db/migrate';
import { repertoirePeople, revokedDemoDocuments } from './demo/people';
import { demoResources } from './demo/resources';
import { LocalResourcesFeed } from './resources/feed';
import { LocalRepertoire } from './identity/repertoire';
import { LocalRepertoireSearch, type RepertoireSearch } from './journeys/franceconnect/matching';
import { createFranceConnectClient, type FranceConnectClient } from './franceconnect';
import { LocalDocumentVerifier } from './identity';
import { workerPdfChecker } from './justificatifs/pdf-checker';
import { DatabaseJustificatifStorage } from './justificatifs/storage';
import { createMessaging } from './messaging';
import { LoginThrottle } from './security/login-throttle';
import { AuditJournal } from './auth/audit-journal';
import { databaseTaxableResources } from './attestations/ports';
import { Assistant } from './assistant/assistant';
import { databasePaymentsReader } from './payments/reader';
import { attachAuditJournal, drainAudit } from './auth/audit-queue';
import { isDatabaseUnavailable } from './db/unavailable';
import { DbRateLimiter } from './security/db-rate-limit';
import { FallbackRateLimiter } from './security/fallback-rate-limit';
import type { RateLimiter } from './security/rate-limit';
import { ProcessRateLimiter } from './security/process-rate-limit';
import { connectRedis, type RedisHealth } from './security/redis';
import { RedisRateLimiter } from './security/redis-rate-limit';
import { retentionSweeps } from './retention/registry';
import { runPayments } from './payments/run';
import { systemClock, type Clock } from './shared/clock';
import { createLogger, type Logger } from './shared/logger';

/**
 * The composition root: builds every service once, from the configuration, and passes them
 * explicitly. No module-level singletons: tests build their own context (see test/support/app.ts).
 * It is every journey's dependencies (src/journeys/deps.ts, each service described there), which a
 * route or use case takes by `Pick<JourneyDeps, …>`, plus what only the top uses.
 */
export interface AppContext extends JourneyDeps {
  config: Config;
  database: DatabaseHandle;
  /** what /ready reports besides the database: the Redis connection, and since when rate limits use their fallback */
  health: { redis: RedisHealth | undefined; rateLimitFallbackSince(): number | undefined };
  close(): Promise<void>;
}

export interface ContextOptions {
  clock?: Clock;
  rateLimiter?: RateLimiter;
  /** an already-open database (tests); otherwise DATABASE_URL is opened and migrated */
  database?: DatabaseHandle;
  /** start the outbox delivery worker polling now (default false: src/main.ts starts it after listen; tests call messaging.flush()) */
  startWorker?: boolean;
  /** default: createLogger for the configuration's environment */
  logger?: Logger;
}

export async function createContext(config: Config, o: ContextOptions = {}): Promise<AppContext> {
  const logger = o.logger ?? createLogger({ env: config.env, level: config.logLevel });
  const warn = (line: string) => logger.warn(line);
  const database = o.database ?? (await openDatabase(config.databaseUrl, { ...config.database, log: (line) => logger.error(line) }));
  await migrate(database);
  if (config.auditJournalDir) {
    const replayed = attachAuditJournal(database.db, new AuditJournal(config.auditJournalDir, (line) => logger.error(line)));
    if (replayed) logger.warn(`audit: ${replayed} event(s) left pending by an earlier process, written now`);
  }
  const clock = o.clock ?? systemClock;
  const shared = config.redisUrl ? connectRedis(config.redisUrl, warn, { commandTimeoutMs: config.redisCommandTimeoutMs }) : undefined;
  if (shared && !(await shared.ready()))
    logger.warn('redis: not reachable at start-up — starting anyway (rate limits in the database, sessions answer 503 until it is back)');
  const redis = shared?.redis;
  const dbCounters = new DbRateLimiter(database, () => clock.now());
  const fallback = redis ? new FallbackRateLimiter(new RedisRateLimiter(redis), dbCounters, warn) : undefined;
  const rateLimiter = o.rateLimiter ?? fallback ?? dbCounters;
  const assistantRateLimiter = new FallbackRateLimiter(rateLimiter, new ProcessRateLimiter(() => clock.now()), warn, {
    isUnavailable: isDatabaseUnavailable,
    messages: {
      down: 'assistant: database unavailable, its rate limit counted in memory until it answers',
      up: 'assistant: database answers again, its rate limit back in the shared counters',
    },
    probeEveryMs: 5000,
  });
  // The worker's hourly sweep also applies every table's retention (src/retention/registry.ts; no sweep in request handlers).
  const justificatifStorage = new DatabaseJustificatifStorage(database.db);
  // …and the payment run (src/payments/run.ts): on the 5th, the month's payments; any hour, held payments whose account became payable.
  const housekeeping = [
    ...retentionSweeps({ outboxRetentionDays: config.outbox.retentionDays }, justificatifStorage, database.db),
    async (now: number) => {
      const r = await runPayments(database.db, now);
      return r.created + r.released;
    },
  ];
  const messaging = createMessaging(config, database.db, clock, {
    logger: logger.child({ module: 'messaging' }),
    worker: { housekeeping },
  });
  if (o.startWorker) messaging.worker.start();
  const passwords = createPasswordHasher(config.argon2);
  const loginThrottle = new LoginThrottle(rateLimiter, config.secretKey);
  const pdfChecker = workerPdfChecker();
  const codes = new VerificationCodes(config.secretKey, () => clock.now());
  const franceConnect = lazyFranceConnect(config, new LocalRepertoireSearch(repertoirePeople));
  const passwordCheck = new PasswordCheck({ throttle: loginThrottle, passwords });
  let assistant: Assistant | undefined;
  const ctx: AppContext = {
    config,
    database,
    clock,
    logger,
    passwords,
    codes,
    contactCodes: new ContactCodes({ db: database.db, codes, rateLimiter, now: () => clock.now() }),
    rateLimiter,
    assistantRateLimiter,
    // built at its first use (the assistant's routes): a context built for something else never reads its knowledge
    get assistant() {
      assistant ??= new Assistant({ agencyPhone: config.agencyPhone });
      return assistant;
    },
    health: { redis: shared?.health, rateLimitFallbackSince: () => fallback?.degraded },
    sessions: new SessionService(redis ? new RedisSessionStore(redis, clock) : new DbSessionStore(database.db), clock),
    agentSessions: new SessionService(
      redis ? new RedisSessionStore(redis, clock, 'mc:agent:') : new DbSessionStore(database.db, 'agent_sessions'),
      clock,
    ),
    loginThrottle,
    passwordCheck,
    messaging,
    repertoire: new LocalRepertoire(repertoirePeople),
    documentVerifier: new LocalDocumentVerifier({ revoked: revokedDemoDocuments }),
    resources: new LocalResourcesFeed(demoResources),
    franceConnect,
    justificatifStorage,
    pdfChecker,
    cafMessages: { db: database.db, storage: justificatifStorage, pdfChecker },
    attestations: { payments: databasePaymentsReader(database.db, clock), resources: databaseTaxableResources(database.db) },
    close: async () => {
      await messaging.worker.close();
      await pdfChecker.close();
      await drainAudit(database.db);
      await database.destroy();
      await shared?.close();
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

/**
 * The FranceConnect client from the configuration: all its settings but the stand-in's, named there as
 * the client names them; plain http is allowed outside production only (the local stand-in).
 */
function franceConnectClient(config: Config): FranceConnectClient {
  const { standin, standinPort, standinKeysFile, ...client } = config.franceConnect;
  return createFranceConnectClient({
    ...client,
    acr: 'eidas1',
    production: config.isProduction,
    allowInsecureHttp: !config.isProduction,
  });
}
