import { updatePasswordHash, type Account } from '../../accounts/repository';
import { recordAudit, type AuditOrigin } from '../../auth/audit';
import { newPasswordRefusals } from '../../auth/password-rules';
import { fieldError, type FieldError } from '../../errors/app-error';
import type { SessionRecord } from '../../auth/sessions';
import type { JourneyDeps } from '../deps';
import { enqueueMessage } from '../../messaging/outbox';
import { currentPasswordMissing, failed, reauthenticate } from '../../accounts/reauthentication';
import { passwordChangedMessage } from './messages';

/** What these use cases need, handed down by the composition root (src/journeys/deps.ts). */
export type SettingsDeps = Pick<
  JourneyDeps,
  'clock' | 'config' | 'database' | 'loginThrottle' | 'passwordCheck' | 'passwords' | 'sessions'
>;

/**
 * Security settings of a signed-in person: changing the password asks for the current password
 * again (re-authentication, throttled like a login: src/accounts/reauthentication.ts). The contact
 * change is its own flow: src/journeys/contact-change/.
 */
export type ChangePassword =
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'wrong_password' }
  | { kind: 'franceconnect_again' }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'changed'; sessionsEnded: number };

/** On this page there are two passwords: an empty field says which one it is. */
const CHANGE_WORDS: Partial<Record<string, string>> = {
  AUTH_PASSWORD_REQUIRED: 'Saisissez votre nouveau mot de passe.',
  AUTH_PASSWORD_CONFIRMATION_REQUIRED: 'Confirmez votre nouveau mot de passe.',
};
const asChange = (e: FieldError): FieldError => (CHANGE_WORDS[e.code] ? { ...e, message: CHANGE_WORDS[e.code]! } : e);

/** Changes (or, for an account without one, creates) the password; every OTHER session is ended (the caller rotates the current one). */
export async function changePassword(
  d: SettingsDeps,
  i: { account: Account; session: SessionRecord; current: string; password: string; confirmation: string; origin: AuditOrigin },
): Promise<ChangePassword> {
  // Every empty or refused field at once, in the order of the form; an empty current password is not an attempt.
  const refused = newPasswordRefusals(i.password, i.confirmation).map(asChange);
  if (currentPasswordMissing(i.account, i.session, i.current, d.clock.now()))
    return { kind: 'invalid', errors: [fieldError('currentPassword', 'AUTH_CURRENT_PASSWORD_REQUIRED'), ...refused] };
  const auth = await reauthenticate(d, i.account, i.session, i.current, i.origin);
  if (!auth.ok) return failed(auth);
  if (refused.length > 0) return { kind: 'invalid', errors: refused };
  if (i.account.password_hash && i.password === i.current)
    return { kind: 'invalid', errors: [fieldError('password', 'AUTH_PASSWORD_SAME_AS_CURRENT')] };
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
