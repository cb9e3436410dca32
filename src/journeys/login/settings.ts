import { updatePasswordHash, type Account } from '../../accounts/repository';
import { recordAudit, type AuditOrigin } from '../../auth/audit';
import { newPasswordRefusal } from '../../auth/password-rules';
import type { FieldError } from '../../errors/app-error';
import type { SessionRecord } from '../../auth/sessions';
import type { JourneyDeps } from '../deps';
import { enqueueMessage } from '../../messaging/outbox';
import { passwordChangedMessage } from './messages';

/** What these use cases need, handed down by the composition root (src/journeys/deps.ts). */
export type SettingsDeps = Pick<
  JourneyDeps,
  'clock' | 'config' | 'database' | 'loginThrottle' | 'passwordCheck' | 'passwords' | 'sessions'
>;

/**
 * Security settings of a signed-in person: changing the password or the contact details asks for
 * the current password again (re-authentication, throttled like a login). The contact change is
 * its own flow: src/journeys/contact-change/.
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

export type Reauth =
  | { ok: true }
  | { ok: false; kind: 'throttled'; retryAfterMs: number }
  | { ok: false; kind: 'wrong_password' }
  | { ok: false; kind: 'franceconnect_again' };

export async function reauthenticate(
  d: SettingsDeps,
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

export type ChangePassword =
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'wrong_password' }
  | { kind: 'franceconnect_again' }
  | { kind: 'invalid'; error: FieldError }
  | { kind: 'changed'; sessionsEnded: number };

/** Changes (or, for an account without one, creates) the password; every OTHER session is ended (the caller rotates the current one). */
export async function changePassword(
  d: SettingsDeps,
  i: { account: Account; session: SessionRecord; current: string; password: string; confirmation: string; origin: AuditOrigin },
): Promise<ChangePassword> {
  const refused = newPasswordRefusal(i.password, i.confirmation);
  const auth = await reauthenticate(d, i.account, i.session, i.current, i.origin);
  if (!auth.ok) return failed(auth);
  if (refused) return { kind: 'invalid', error: refused };
  const hash = await d.passwords.hash(i.password);
  const now = d.clock.now();
  await d.database.db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, i.account.id, hash, now);
    await enqueueMessage(trx, passwordChangedMessage(i.account, now, d.config.agencyPhone, { created: !i.account.password_hash }), now);
    await recordAudit(
      trx,
      {
        type: 'password_changed',
        accountId: i.account.id,
        ...i.origin,
        details: { via: 'settings', ...(i.account.password_hash ? {} : { created: true }) },
      },
      now,
    );
  });
  const sessionsEnded = await d.sessions.endAllOf(i.account.id, i.session.id);
  if (sessionsEnded > 0)
    await recordAudit(
      d.database.db,
      { type: 'session_ended', accountId: i.account.id, ...i.origin, details: { reason: 'password_changed', count: sessionsEnded } },
      now,
    );
  await d.loginThrottle.success(i.account.login_id);
  return { kind: 'changed', sessionsEnded };
}

/** A failed re-authentication as a use case's answer. */
export function failed(
  r: Exclude<Reauth, { ok: true }>,
): { kind: 'throttled'; retryAfterMs: number } | { kind: 'wrong_password' } | { kind: 'franceconnect_again' } {
  return r.kind === 'throttled' ? { kind: 'throttled', retryAfterMs: r.retryAfterMs } : { kind: r.kind };
}
