import type { PasswordCheck } from '../auth/password-check';
import type { PasswordHasher } from '../auth/passwords';
import type { SessionService } from '../auth/sessions';
import type { VerificationCodes } from '../auth/verification-codes';
import type { Config } from '../config/config';
import type { DatabaseHandle } from '../db/database';
import type { LoginThrottle } from '../security/login-throttle';
import type { RateLimiter } from '../security/rate-limit';
import type { Clock } from '../shared/clock';
import type { ContactCodes } from './contact-verification/codes';

/**
 * The services the composition root (src/context.ts) builds once and hands down to the journeys'
 * use cases, by the names it gives them. A use case never takes the whole context: it declares the
 * few it needs, `Pick<JourneyDeps, 'database' | 'clock' | …>` (see src/journeys/README.md).
 */
export interface JourneyDeps {
  database: Pick<DatabaseHandle, 'db' | 'dialect'>;
  clock: Clock;
  /** one-time codes (login, reset, agents' login) */
  codes: VerificationCodes;
  /** codes to a new contact, with their limits per address and per IP */
  contactCodes: ContactCodes;
  passwords: PasswordHasher;
  /** THE password check: reserve the attempt, verify, give it back if right */
  passwordCheck: PasswordCheck;
  loginThrottle: LoginThrottle;
  rateLimiter: RateLimiter;
  sessions: SessionService;
  config: Pick<Config, 'agencyPhone' | 'login' | 'secretKey'>;
}
