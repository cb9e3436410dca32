import { recordAudit, type AuditOrigin } from '../auth/audit';
import type { PasswordCheck } from '../auth/password-check';
import type { SessionRecord } from '../auth/sessions';
import type { DatabaseHandle } from '../db/database';
import type { Clock } from '../shared/clock';
import type { Account } from './repository';

/** What re-authentication needs, handed down by the composition root. */
export interface ReauthenticationDeps {
  database: Pick<DatabaseHandle, 'db'>;
  clock: Clock;
  passwordCheck: Pick<PasswordCheck, 'check'>;
}

/**
 * Re-authentication: what a signed-in person proves again before a sensitive change (the password,
 * the contact details, the bank account, a procuration, closing the account): the current password,
 * through THE password check (throttled like a login).
 *
 * An account created with FranceConnect has no password until the person creates one: it proves
 * who it is again by a FranceConnect login of the last 15 minutes (the session's), and is asked to
 * log in with FranceConnect again when that login is older.
 */
export const RECENT_FRANCECONNECT_MS = 15 * 60_000;

export type ReauthMode = 'password' | 'franceconnect_recent' | 'franceconnect_again';

export function reauthenticationMode(
  account: Pick<Account, 'password_hash'>,
  session: Pick<SessionRecord, 'createdAt' | 'data'>,
  now: number,
): ReauthMode {
  if (account.password_hash) return 'password';
  return session.data.authMethod === 'franceconnect' && now - session.createdAt <= RECENT_FRANCECONNECT_MS
    ? 'franceconnect_recent'
    : 'franceconnect_again';
}

/** The current password is asked for and was left empty: a mistake to correct at its field, not a failed attempt. */
export function currentPasswordMissing(
  account: Pick<Account, 'password_hash'>,
  session: Pick<SessionRecord, 'createdAt' | 'data'>,
  password: string,
  now: number,
): boolean {
  return !password && reauthenticationMode(account, session, now) === 'password';
}

export type Reauth =
  | { ok: true }
  | { ok: false; kind: 'throttled'; retryAfterMs: number }
  | { ok: false; kind: 'wrong_password' }
  | { ok: false; kind: 'franceconnect_again' };

export async function reauthenticate(
  d: ReauthenticationDeps,
  account: Account,
  session: SessionRecord,
  password: string,
  origin: AuditOrigin,
): Promise<Reauth> {
  const mode = reauthenticationMode(account, session, d.clock.now());
  if (mode === 'franceconnect_recent') return { ok: true };
  if (mode === 'franceconnect_again') return { ok: false, kind: 'franceconnect_again' };
  if (!password) return { ok: false, kind: 'wrong_password' };
  // The one password check (src/auth/password-check.ts), on the login's counters: the attempt is reserved first.
  const r = await d.passwordCheck.check({ identifier: account.login_id, ip: origin.ip ?? 'unknown' }, password, () => account);
  if (r.ok) return { ok: true };
  if (r.kind === 'throttled') {
    await recordAudit(
      d.database.db,
      { type: 'login_throttled', accountId: account.id, ...origin, details: { step: 'reauthentication', scope: r.scope } },
      d.clock.now(),
    );
    return { ok: false, kind: 'throttled', retryAfterMs: r.retryAfterMs };
  }
  await recordAudit(
    d.database.db,
    { type: 'login_failed', accountId: account.id, ...origin, details: { step: 'reauthentication' } },
    d.clock.now(),
  );
  return { ok: false, kind: 'wrong_password' };
}

/** A failed re-authentication as a use case's answer. */
export function failed(
  r: Exclude<Reauth, { ok: true }>,
): { kind: 'throttled'; retryAfterMs: number } | { kind: 'wrong_password' } | { kind: 'franceconnect_again' } {
  return r.kind === 'throttled' ? { kind: 'throttled', retryAfterMs: r.retryAfterMs } : { kind: r.kind };
}
