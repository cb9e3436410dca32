import type { Assistant } from '../assistant/assistant';
import type { PaymentsPort, ResourcesPort } from '../attestations/ports';
import type { PasswordCheck } from '../auth/password-check';
import type { PasswordHasher } from '../auth/passwords';
import type { SessionService } from '../auth/sessions';
import type { VerificationCodes } from '../auth/verification-codes';
import type { MessagesDeps } from '../caf-messages/threads';
import type { Config } from '../config/config';
import type { DatabaseHandle } from '../db/database';
import type { FranceConnectClient } from '../franceconnect';
import type { DocumentVerifier } from '../identity';
import type { PdfChecker } from '../justificatifs/pdf-checker';
import type { JustificatifStorage } from '../justificatifs/storage';
import type { MessagingService } from '../messaging';
import type { ResourcesFeed } from '../resources/feed';
import type { LoginThrottle } from '../security/login-throttle';
import type { RateLimiter } from '../security/rate-limit';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { ContactCodes } from './contact-verification/codes';
import type { RepertoireSearch } from './franceconnect/matching';
import type { Repertoire } from '../identity/repertoire';

/**
 * The services the composition root (src/context.ts) builds once and hands down to the journeys'
 * use cases and routes, by the names it gives them (its `AppContext` extends this interface, so the
 * compiler checks that it provides each of them). A use case or a route function never takes the
 * whole context: it declares the few it needs, `Pick<JourneyDeps, 'database' | 'clock' | …>` (see
 * src/journeys/README.md).
 */
export interface JourneyDeps {
  database: DatabaseHandle;
  clock: Clock;
  /** the one logger (src/shared/logger.ts) */
  logger: Logger;
  /** one-time codes (login, reset, agents' login) */
  codes: VerificationCodes;
  /** codes to a new contact, with their limits per address and per IP */
  contactCodes: ContactCodes;
  passwords: PasswordHasher;
  /** THE password check: reserve the attempt, verify, give it back if right */
  passwordCheck: PasswordCheck;
  loginThrottle: LoginThrottle;
  rateLimiter: RateLimiter;
  /** the assistant's limit (falls back on memory while the database cannot answer) */
  assistantRateLimiter: RateLimiter;
  /** the assistant (src/assistant): its knowledge read and indexed at its first use */
  assistant: Assistant;
  /** sessions of signed-in people */
  sessions: SessionService;
  /** sessions of the Caf's agents on /gestion */
  agentSessions: SessionService;
  /** e-mail and SMS delivery of the outbox */
  messaging: MessagingService;
  /** the national identity registry */
  repertoire: Repertoire;
  /** validity of identity documents */
  documentVerifier: DocumentVerifier;
  /** the monthly resources feed */
  resources: ResourcesFeed;
  /** FranceConnect: the v2 client (built at its first use) and the répertoire search by certified identity */
  franceConnect: { client: FranceConnectClient; repertoire: RepertoireSearch };
  /** where the bytes of justificatifs are kept */
  justificatifStorage: JustificatifStorage;
  /** PDFs of justificatifs parsed in a thread of their own */
  pdfChecker: PdfChecker;
  /** « Contacter ma Caf »: what its use cases need (src/caf-messages/threads.ts) */
  cafMessages: MessagesDeps;
  /** what « Mes attestations » reads */
  attestations: { payments: PaymentsPort; resources: ResourcesPort };
  /** the configuration, read once at start-up (src/config/config.ts) */
  config: Config;
}

/**
 * What a domain function declares it takes as its first argument, for a route that hands its deps
 * down to it: `Pick<JourneyDeps, …> & DepsOf<typeof startClosing>`. The route then needs exactly
 * what that function declares, and no more once the function narrows it.
 */
// biome-ignore lint/suspicious/noExplicitAny: any function whose first argument is its deps
export type DepsOf<F extends (deps: any, ...rest: any[]) => unknown> = Parameters<F>[0];
