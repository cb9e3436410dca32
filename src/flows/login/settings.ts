import { updateContact, updatePasswordHash, type Account } from '../../accounts/repository';
import { recordAudit, type AuditOrigin } from '../../auth/audit';
import type { PasswordRuleId } from '../../auth/passwords';
import type { SessionRecord } from '../../auth/sessions';
import type { CodeCheck } from '../../auth/verification-codes';
import type { AppContext } from '../../context';
import { enqueueMessage } from '../../messaging/outbox';
import type { FieldError } from '../../errors/app-error';
import { readContact, type ContactInput } from '../contact-verification/contact';
import { ContactCodes } from '../contact-verification/codes';
import type { ContactKind } from './contact';
import { MAX_PASSWORD_LENGTH } from './login';
import { contactChangeCodeMessage, contactChangedMessage, passwordChangedMessage } from './messages';
import { checkNewPassword, type NewPasswordProblem } from './password-reset';

/**
 * Security settings of a signed-in person: changing the password or the contact details asks for
 * the current password again (re-authentication, throttled like a login); a new contact is
 * verified with a code before it replaces the old one, and the old contact is told.
 *
 * An account created with FranceConnect has no password until the person creates one: it proves
 * who it is again by a FranceConnect login of the last 15 minutes (the session's), and is asked to
 * log in with FranceConnect again when that login is older.
 */
export const RECENT_FRANCECONNECT_MS = 15 * 60_000;

export type ReauthMode = 'password' | 'franceconnect_recent' | 'franceconnect_again';

export function reauthenticationMode(account: Pick<Account, 'password_hash'>, session: Pick<SessionRecord, 'createdAt' | 'data'>, now: number): ReauthMode {
  if (account.password_hash) return 'password';
  return session.data.authMethod === 'franceconnect' && now - session.createdAt <= RECENT_FRANCECONNECT_MS ? 'franceconnect_recent' : 'franceconnect_again';
}

export type Reauth = { ok: true } | { ok: false; kind: 'throttled'; retryAfterMs: number } | { ok: false; kind: 'wrong_password' } | { ok: false; kind: 'franceconnect_again' };

export async function reauthenticate(ctx: AppContext, account: Account, session: SessionRecord, password: string, origin: AuditOrigin): Promise<Reauth> {
  const mode = reauthenticationMode(account, session, ctx.clock.now());
  if (mode === 'franceconnect_recent') return { ok: true };
  if (mode === 'franceconnect_again') return { ok: false, kind: 'franceconnect_again' };
  if (!password) return { ok: false, kind: 'wrong_password' };
  const subject = { identifier: account.login_id, ip: origin.ip ?? 'unknown' };
  const allowed = await ctx.loginThrottle.check(subject);
  if (!allowed.allowed) {
    await recordAudit(ctx.database.db, { type: 'login_throttled', accountId: account.id, ...origin, details: { step: 'reauthentication', scope: allowed.scope } }, ctx.clock.now());
    return { ok: false, kind: 'throttled', retryAfterMs: allowed.retryAfterMs };
  }
  const ok = account.password_hash ? await ctx.passwords.verify(account.password_hash, password.slice(0, MAX_PASSWORD_LENGTH)) : await ctx.passwords.verifyDummy(password);
  if (!ok) {
    await ctx.loginThrottle.failure(subject);
    await recordAudit(ctx.database.db, { type: 'login_failed', accountId: account.id, ...origin, details: { step: 'reauthentication' } }, ctx.clock.now());
    return { ok: false, kind: 'wrong_password' };
  }
  return { ok: true };
}

export type ChangePassword =
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'wrong_password' }
  | { kind: 'franceconnect_again' }
  | { kind: 'invalid'; problem: NewPasswordProblem; broken: PasswordRuleId[]; field: 'password' | 'confirmation' }
  | { kind: 'changed'; sessionsEnded: number };

/** Changes (or, for an account without one, creates) the password; every OTHER session is ended (the caller rotates the current one). */
export async function changePassword(
  ctx: AppContext,
  i: { account: Account; session: SessionRecord; current: string; password: string; confirmation: string; origin: AuditOrigin },
): Promise<ChangePassword> {
  const problem = checkNewPassword(i.password, i.confirmation);
  const auth = await reauthenticate(ctx, i.account, i.session, i.current, i.origin);
  if (!auth.ok) return failed(auth);
  if (problem) return { kind: 'invalid', ...problem };
  const hash = await ctx.passwords.hash(i.password);
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, i.account.id, hash, now);
    await enqueueMessage(trx, passwordChangedMessage(i.account, now, ctx.config.agencyPhone, { created: !i.account.password_hash }), now);
    await recordAudit(trx, { type: 'password_changed', accountId: i.account.id, ...i.origin, details: { via: 'settings', ...(i.account.password_hash ? {} : { created: true }) } }, now);
  });
  const sessionsEnded = await ctx.sessions.endAllOf(i.account.id, i.session.id);
  if (sessionsEnded > 0) await recordAudit(ctx.database.db, { type: 'session_ended', accountId: i.account.id, ...i.origin, details: { reason: 'password_changed', count: sessionsEnded } }, now);
  await ctx.loginThrottle.success(i.account.login_id);
  return { kind: 'changed', sessionsEnded };
}

export type StartContactChange =
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'wrong_password' }
  | { kind: 'franceconnect_again' }
  | { kind: 'invalid_contact'; error: FieldError }
  | { kind: 'rate_limited'; error: FieldError }
  | { kind: 'code_sent'; pending: { kind: ContactKind; value: string } };

/**
 * Checks the current password and the new contact (read as every sign-up reads it: readContact),
 * then sends a code to the NEW contact. No choice between e-mail and SMS is refused before the
 * password is checked; a malformed address or number after it.
 */
export async function startContactChange(
  ctx: AppContext,
  i: { account: Account; session: SessionRecord; current: string; contact: ContactInput; origin: AuditOrigin },
): Promise<StartContactChange> {
  const read = readContact(i.contact);
  if (!read.ok && read.error.field === 'contactKind') return { kind: 'invalid_contact', error: read.error };
  const auth = await reauthenticate(ctx, i.account, i.session, i.current, i.origin);
  if (!auth.ok) return failed(auth);
  if (!read.ok) return { kind: 'invalid_contact', error: read.error };
  // The sign-up's limits on codes sent: per address (no bombing of someone else's phone) and per IP.
  const contactCodes = new ContactCodes({ db: ctx.database.db, codes: ctx.codes, rateLimiter: ctx.rateLimiter, now: () => ctx.clock.now() });
  const refused = await contactCodes.allowSend(read.contact, i.origin.ip ?? 'unknown');
  if (refused) return { kind: 'rate_limited', error: refused.error };
  const { kind, value } = read.contact;
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    const { code } = await ctx.codes.issue(trx, { purpose: 'contact_change', subjectId: i.account.id, destination: value });
    await enqueueMessage(trx, contactChangeCodeMessage(kind, value, code), now);
    await recordAudit(trx, { type: 'code_sent', accountId: i.account.id, ...i.origin, details: { purpose: 'contact_change', channel: kind } }, now);
  });
  return { kind: 'code_sent', pending: { kind, value } };
}

export type ConfirmContactChange = { kind: 'code_error'; reason: Exclude<CodeCheck, { ok: true }>['reason']; attemptsLeft: number } | { kind: 'changed' };

/** The code typed matches the one sent to the new contact: it replaces the old one, which is told. */
export async function confirmContactChange(ctx: AppContext, i: { account: Account; pending: { kind: ContactKind; value: string }; code: string; origin: AuditOrigin }): Promise<ConfirmContactChange> {
  const { db } = ctx.database;
  const r = await ctx.codes.check(db, { purpose: 'contact_change', subjectId: i.account.id, code: i.code });
  if (!r.ok || r.destination !== i.pending.value) {
    const reason = r.ok ? 'none' : r.reason;
    await recordAudit(db, { type: 'code_failed', accountId: i.account.id, ...i.origin, details: { purpose: 'contact_change', reason } }, ctx.clock.now());
    return { kind: 'code_error', reason, attemptsLeft: r.ok ? 0 : r.attemptsLeft };
  }
  const now = ctx.clock.now();
  const old = { kind: i.account.contact_kind, value: i.account.contact_value };
  await db.transaction().execute(async (trx) => {
    await updateContact(trx, i.account.id, i.pending, now);
    await enqueueMessage(trx, contactChangedMessage(old, i.pending, now, ctx.config.agencyPhone), now);
    await recordAudit(trx, { type: 'contact_changed', accountId: i.account.id, ...i.origin, details: { from: old.kind, to: i.pending.kind } }, now);
  });
  return { kind: 'changed' };
}

function failed(r: Exclude<Reauth, { ok: true }>): { kind: 'throttled'; retryAfterMs: number } | { kind: 'wrong_password' } | { kind: 'franceconnect_again' } {
  return r.kind === 'throttled' ? { kind: 'throttled', retryAfterMs: r.retryAfterMs } : { kind: r.kind };
}
