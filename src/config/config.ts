import { dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * Configuration, validated once at start-up. Every value has a development default so that
 * `npm start` works on a fresh machine; production refuses development secrets.
 */
export const DEV_SECRET = 'dev-secret-not-for-production-0000000000000000';

/** The FranceConnect stand-in's development client (same values as DEV_CLIENT in src/franceconnect-standin/main.ts). */
export const FC_DEV_CLIENT_ID = 'mon-compte-caf-local';
export const FC_DEV_CLIENT_SECRET = 'mon-compte-caf-local-secret-de-developpement';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** How the server waits on its database (src/db/database.ts); also read alone by scripts (loadDatabaseOptions). */
const databaseSchema = z.object({
  DATABASE_BUSY_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(5000),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(1).max(3_600_000).default(15_000),
});

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = databaseSchema.extend({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  BASE_URL: z.string().url().optional(),
  DATABASE_URL: z.string().default('sqlite:./data/mon-compte.sqlite'),
  REDIS_URL: z.string().url().optional(),
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(1000),
  SECRET_KEY: z.string().min(32, 'SECRET_KEY doit faire au moins 32 caractères').default(DEV_SECRET),
  MAIL_FROM: z.string().default('Mon Compte <ne-pas-repondre@mon-compte.caf.localhost>'),
  SMTP_URL: z.string().url().optional(),
  SMS_PROVIDER_URL: z.string().url().optional(),
  SMS_PROVIDER_TOKEN: z.string().optional(),
  SMS_SENDER: z.string().default('MaCaf'),
  OUTBOX_KEEP_SENT_TEXT: bool.optional(),
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  OUTBOX_SENDING_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  AUDIT_JOURNAL_DIR: z.string().optional(),
  LOGIN_SECOND_FACTOR: bool.default(true),
  RECOVERY_BANK_FREEZE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  BANK_CHANGE_DELAY_DAYS: z.coerce.number().int().min(0).max(90).default(10),
  DEMO_DATA: bool.optional(),
  AGENCY_PHONE: z.string().default('3230'),
  TRUST_PROXY: bool.default(false),
  FC_ISSUER_URL: z.string().url().optional(),
  FC_CLIENT_ID: z.string().optional(),
  FC_CLIENT_SECRET: z.string().optional(),
  FC_ALG: z.enum(['ES256', 'RS256']).default('ES256'),
  FC_STANDIN: bool.optional(),
  FC_STANDIN_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(19456).default(19456),
  ARGON2_TIME_COST: z.coerce.number().int().min(2).default(2),
  ARGON2_PARALLELISM: z.coerce.number().int().min(1).default(1),
});

export type Config = {
  env: 'development' | 'test' | 'production';
  isProduction: boolean;
  /** the logger's level (LOG_LEVEL; default info, and always silent in tests: src/shared/logger.ts) */
  logLevel: (typeof LOG_LEVELS)[number] | undefined;
  port: number;
  host: string;
  baseUrl: string;
  databaseUrl: string;
  /** how the server waits on its database (src/db/database.ts, DatabaseOptions) */
  database: DatabaseSettings;
  redisUrl: string | undefined;
  /** a Redis command that does not answer in this time fails (rate limits then use the database) */
  redisCommandTimeoutMs: number;
  secretKey: string;
  mail: { from: string; smtpUrl: string | undefined };
  sms: { providerUrl: string | undefined; token: string | undefined; sender: string };
  /** the outbox of e-mails and SMS (src/messaging/worker.ts) */
  outbox: {
    /**
     * Keep the text and recipient of delivered and abandoned messages, for the development outbox
     * page (/dev/messages). Default: on outside production; forbidden in production, where they are
     * erased as soon as the message is delivered or abandoned.
     */
    keepSentText: boolean;
    /** delivered and abandoned rows are deleted this many days after their creation */
    retentionDays: number;
    /** a message left « sending » this long (its instance died mid-send) is taken again (default 60 s) */
    sendingLeaseMs: number;
  };
  login: { secondFactor: boolean };
  /**
   * Where audit events waiting for the database are journaled, so that a kill -9 during an outage
   * loses none (src/auth/audit-journal.ts). Default: `audit-journal/` beside an SQLite file, else
   * `./data/audit-journal` (none for in-memory databases and tests on PostgreSQL).
   */
  auditJournalDir: string | undefined;
  /** access recovered without the contact and changes of bank account (src/recovery) */
  accountSafety: {
    /** after a recovery, a change of bank account is refused for this many days */
    recoveryBankFreezeDays: number;
    /** a new bank account is paid to this many days after it was declared (or sooner, when an agent confirms it) */
    bankChangeDelayDays: number;
  };
  demoData: boolean;
  agencyPhone: string;
  trustProxy: boolean;
  franceConnect: {
    issuerUrl: string;
    clientId: string;
    clientSecret: string;
    alg: 'ES256' | 'RS256';
    /** Where FranceConnect sends the person back: `${baseUrl}/franceconnect/callback` (register it at FranceConnect). */
    redirectUri: string;
    /** Where FranceConnect sends the person after logout: `${baseUrl}/franceconnect/logout-callback`. */
    postLogoutRedirectUri: string;
    /** Start the stand-in provider shipped with the project (development only). */
    standin: boolean;
    standinPort: number;
    /** Where the stand-in keeps its signing key, so that tokens stay valid across restarts. */
    standinKeysFile: string;
  };
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
};

export interface DatabaseSettings {
  /** SQLite: how long a statement keeps trying while another process holds the write lock, before the 503 */
  busyWaitMs: number;
  /** PostgreSQL: connections of the pool */
  poolSize: number;
  /** PostgreSQL: a server that does not answer fails the request (503) instead of holding it */
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw configError(parsed.error);
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const standin = e.FC_STANDIN ?? (!isProduction && !e.FC_ISSUER_URL);
  const config: Config = {
    env: e.NODE_ENV,
    isProduction,
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    databaseUrl: e.DATABASE_URL,
    database: databaseSettings(e),
    redisUrl: e.REDIS_URL,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    secretKey: e.SECRET_KEY,
    mail: { from: e.MAIL_FROM, smtpUrl: e.SMTP_URL },
    sms: { providerUrl: e.SMS_PROVIDER_URL, token: e.SMS_PROVIDER_TOKEN, sender: e.SMS_SENDER },
    outbox: {
      keepSentText: e.OUTBOX_KEEP_SENT_TEXT ?? !isProduction,
      retentionDays: e.OUTBOX_RETENTION_DAYS,
      sendingLeaseMs: e.OUTBOX_SENDING_LEASE_MS,
    },
    login: { secondFactor: e.LOGIN_SECOND_FACTOR },
    auditJournalDir: e.AUDIT_JOURNAL_DIR ?? defaultAuditJournalDir(e.DATABASE_URL, e.NODE_ENV),
    accountSafety: { recoveryBankFreezeDays: e.RECOVERY_BANK_FREEZE_DAYS, bankChangeDelayDays: e.BANK_CHANGE_DELAY_DAYS },
    demoData: e.DEMO_DATA ?? !isProduction,
    agencyPhone: e.AGENCY_PHONE,
    trustProxy: e.TRUST_PROXY,
    franceConnect: {
      issuerUrl: e.FC_ISSUER_URL ?? `http://localhost:${e.FC_STANDIN_PORT}/api/v2`,
      // Defaults: the stand-in's development client (src/franceconnect-standin/main.ts, DEV_CLIENT).
      clientId: e.FC_CLIENT_ID ?? FC_DEV_CLIENT_ID,
      clientSecret: e.FC_CLIENT_SECRET ?? FC_DEV_CLIENT_SECRET,
      alg: e.FC_ALG,
      redirectUri: `${baseUrl}/franceconnect/callback`,
      postLogoutRedirectUri: `${baseUrl}/franceconnect/logout-callback`,
      standin,
      standinPort: e.FC_STANDIN_PORT,
      standinKeysFile: './data/franceconnect-standin-keys.json',
    },
    argon2: { memoryCost: e.ARGON2_MEMORY_KIB, timeCost: e.ARGON2_TIME_COST, parallelism: e.ARGON2_PARALLELISM },
  };
  if (isProduction) assertProductionReady(config);
  return config;
}

/**
 * Only the database settings, for a program that opens the database without the server's whole
 * configuration (scripts/run-payments.ts).
 */
export function loadDatabaseOptions(env: Record<string, string | undefined> = process.env): DatabaseSettings {
  const parsed = databaseSchema.safeParse(env);
  if (!parsed.success) throw configError(parsed.error);
  return databaseSettings(parsed.data);
}

function configError(e: z.ZodError): ConfigError {
  return new ConfigError(e.issues.map((i) => `${i.path.join('.')} : ${i.message}`));
}

function databaseSettings(e: z.output<typeof databaseSchema>): DatabaseSettings {
  return {
    busyWaitMs: e.DATABASE_BUSY_WAIT_MS,
    poolSize: e.DATABASE_POOL_SIZE,
    connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: e.DATABASE_QUERY_TIMEOUT_MS,
  };
}

function defaultAuditJournalDir(databaseUrl: string, env: string): string | undefined {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length);
    return file === ':memory:' || file === '' ? undefined : join(dirname(file), 'audit-journal');
  }
  return databaseUrl.startsWith('postgres') && env !== 'test' ? './data/audit-journal' : undefined;
}

function assertProductionReady(c: Config): void {
  const problems: string[] = [];
  if (c.secretKey === DEV_SECRET) problems.push('SECRET_KEY : le secret de développement est interdit en production');
  if (!c.databaseUrl.startsWith('postgres')) problems.push('DATABASE_URL : PostgreSQL est obligatoire en production');
  if (!c.mail.smtpUrl) problems.push('SMTP_URL : un serveur SMTP est obligatoire en production');
  if (!c.sms.providerUrl) problems.push('SMS_PROVIDER_URL : un fournisseur SMS est obligatoire en production');
  if (c.outbox.keepSentText)
    problems.push('OUTBOX_KEEP_SENT_TEXT : garder le texte des messages envoyés (codes, coordonnées) est interdit en production');
  if (c.franceConnect.standin) problems.push('FC_STANDIN : le fournisseur FranceConnect de démonstration est interdit en production');
  if (!c.franceConnect.issuerUrl.startsWith('https://'))
    problems.push('FC_ISSUER_URL : l’adresse https:// de FranceConnect est obligatoire en production');
  if (c.franceConnect.clientSecret === FC_DEV_CLIENT_SECRET)
    problems.push('FC_CLIENT_SECRET : le secret de développement est interdit en production');
  if (!c.baseUrl.startsWith('https://')) problems.push('BASE_URL : une adresse https:// est obligatoire en production');
  if (problems.length) throw new ConfigError(problems);
}

/** Configuration for tests: fast, in memory, no outside service. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', FC_STANDIN: 'false', ...overrides });
}
