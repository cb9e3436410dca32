import { ContactCodes } from './journeys/contact-verification/codes';
import { PasswordCheck } from './auth/password-check';
import { createPasswordHasher, type PasswordHasher } from './auth/passwords';
import { DbSessionStore, RedisSessionStore, SessionService } from './auth/sessions';
import { VerificationCodes } from './auth/verification-codes';
import type { Config } from './config/config';
import { openDatabase, type DatabaseHandle } from './db/database';
import { migrate } from './db/migrate';
import { repertoirePeople, revokedDemoDocuments } from './demo/people';
import { demoResources } from './demo/resources';
import { LocalResourcesFeed, type ResourcesFeed } from './resources/feed';
import { LocalRepertoire, type Repertoire } from './identity/repertoire';
import { LocalRepertoireSearch, type RepertoireSearch } from './journeys/franceconnect/matching';
import type { FranceConnectDeps } from './journeys/franceconnect/use-cases';
import { createFranceConnectClient, type FranceConnectClient } from './franceconnect';
import { LocalDocumentVerifier, type DocumentVerifier } from './identity';
import { type PdfChecker, workerPdfChecker } from './justificatifs/pdf-checker';
import type { MessagesDeps } from './caf-messages/threads';
import { DatabaseJustificatifStorage, type JustificatifStorage } from './justificatifs/storage';
import { createMessaging, type MessagingService } from './messaging';
import { LoginThrottle } from './security/login-throttle';
import { AuditJournal } from './auth/audit-journal';
import { type PaymentsPort, type ResourcesPort, unknownResources } from './attestations/ports';
import { databasePaymentsReader } from './payments/reader';
import { attachAuditJournal, drainAudit } from './auth/audit-queue';
import { isDatabaseUnavailable } from './db/unavailable';
import { DbRateLimiter } from './security/db-rate-limit';
import { FallbackRateLimiter } from './security/fallback-rate-limit';
import { MemoryRateLimiter, type RateLimiter } from './security/rate-limit';
import { connectRedis, type RedisHealth } from './security/redis';
import { RedisRateLimiter } from './security/redis-rate-limit';
import { retentionSweeps } from './retention/registry';
import { runPayments } from './payments/run';
import { systemClock, type Clock } from './shared/clock';
import { createLogger, type Logger } from './shared/logger';

/**
 * The composition root: builds every service once, from the configuration, and passes them
 * explicitly. No module-level singletons: tests build their own context (see test/support/app.ts).
 */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  /** the one logger (pino): server, worker, start-up messages (src/shared/logger.ts) */
  logger: Logger;
  passwords: PasswordHasher;
  codes: VerificationCodes;
  /** codes sent to a new contact, with the sign-up's limits per address and per IP (contact change, recoveries) */
  contactCodes: ContactCodes;
  /** sessions of signed-in people (database, or Redis when REDIS_URL is set); see src/http/session.ts */
  sessions: SessionService;
  /** sessions of the Caf's agents on /gestion: the same service over their own table or Redis prefix (src/http/agent-session.ts) */
  agentSessions: SessionService;
  /** failures per identifier and per IP, with increasing delays (src/security/login-throttle.ts) */
  loginThrottle: LoginThrottle;
  /** THE password check of every step that takes a password: reserve the attempt, verify, give it back if right (src/auth/password-check.ts) */
  passwordCheck: PasswordCheck;
  /** shared counters for rate limits and login throttling (Redis when REDIS_URL is set, falling back on the database; the database otherwise) */
  rateLimiter: RateLimiter;
  /**
   * the assistant's limit: the same counters, falling back on memory while the database cannot
   * answer (a limit of capacity, not of guesses: the assistant answers during a lock instead of a 503)
   */
  assistantRateLimiter: RateLimiter;
  /** what /ready reports besides the database: the Redis connection, and since when rate limits use their fallback */
  health: { redis: RedisHealth | undefined; rateLimitFallbackSince(): number | undefined };
  /** e-mail and SMS delivery of the outbox (enqueue with enqueueMessage from src/messaging/outbox) */
  messaging: MessagingService;
  /** the national identity registry (local adapter over demo people until a real one is plugged) */
  repertoire: Repertoire;
  /** validity of identity documents (format check + revoked list until a real register is plugged) */
  documentVerifier: DocumentVerifier;
  /** the monthly resources feed (salaries and pensions by NIR; local demo adapter until a real one is plugged) */
  resources: ResourcesFeed;
  /** FranceConnect: the v2 client (lazy discovery) and the répertoire search by certified identity */
  franceConnect: { client: FranceConnectClient; repertoire: RepertoireSearch };
  /** what the FranceConnect use cases need (src/journeys/franceconnect/use-cases.ts), handed down to its pages */
  franceConnectDeps: FranceConnectDeps;
  /** where the bytes of justificatifs are kept (the database until an object store is plugged) */
  justificatifStorage: JustificatifStorage;
  /** PDFs of justificatifs parsed in a thread of their own (src/justificatifs/pdf-checker.ts) */
  pdfChecker: PdfChecker;
  /** « Contacter ma Caf »: what its use cases need (src/caf-messages/threads.ts) */
  cafMessages: MessagesDeps;
  /** what « Mes attestations » reads: the payments (src/payments) and the dossier's taxable resources (unknown to Mon Compte so far) */
  attestations: { payments: PaymentsPort; resources: ResourcesPort };
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
  const logger = o.logger ?? createLogger({ env: config.env, level: process.env.LOG_LEVEL });
  const warn = (line: string) => logger.warn(line);
  const database = o.database ?? (await openDatabase(config.databaseUrl, { log: (line) => logger.error(line) }));
  await migrate(database);
  if (config.auditJournalDir) {
    const replayed = attachAuditJournal(database.db, new AuditJournal(config.auditJournalDir, (line) => logger.error(line)));
    if (replayed) logger.warn(`audit: ${replayed} event(s) left pending by an earlier process, written now`);
  }
  const clock = o.clock ?? systemClock;
  const shared = config.redisUrl ? connectRedis(config.redisUrl, warn) : undefined;
  if (shared && !(await shared.ready()))
    logger.warn('redis: not reachable at start-up — starting anyway (rate limits in the database, sessions answer 503 until it is back)');
  const redis = shared?.redis;
  const dbCounters = new DbRateLimiter(database, () => clock.now());
  const fallback = redis ? new FallbackRateLimiter(new RedisRateLimiter(redis), dbCounters, warn) : undefined;
  const rateLimiter = o.rateLimiter ?? fallback ?? dbCounters;
  const assistantRateLimiter = new FallbackRateLimiter(rateLimiter, new MemoryRateLimiter(() => clock.now()), warn, {
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
    franceConnectDeps: {
      db: database.db,
      now: () => clock.now(),
      // built at its first use (see lazyFranceConnect)
      get client() {
        return franceConnect.client;
      },
      // read at each use, like the client (a test may plug another répertoire search)
      get repertoire() {
        return franceConnect.repertoire;
      },
      codes,
      passwordCheck,
      loginThrottle,
      rateLimiter,
    },
    justificatifStorage,
    pdfChecker,
    cafMessages: { db: database.db, storage: justificatifStorage, pdfChecker },
    attestations: { payments: databasePaymentsReader(database.db, clock), resources: unknownResources },
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
