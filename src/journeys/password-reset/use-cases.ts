import { findAccountById, findAccountByLoginId, updatePasswordHash, type Account } from '../../accounts/repository';
import { auditRow, maskIdentifier, recordAudit, type AuditOrigin } from '../../auth/audit';
import { newPasswordRefusal } from '../../auth/password-rules';
import type { FieldError } from '../../errors/app-error';
import type { CodeStepRefused } from '../../auth/verification-codes';
import type { JourneyDeps } from '../deps';
import { insertAll, type RowInsert } from '../../db/insert-all';
import { enqueueMessage, outboxRow } from '../../messaging/outbox';
import { hmac } from '../../shared/crypto';
import { flowMoved, type Flow } from '../../flows/flow';
import { flowStore } from '../../flows/store';
import { passwordResetFlow } from '../kinds';
import { normaliseLoginId } from '../login/use-cases';
import { resendCodeStep, type ResendStep } from '../login/code-step';
import { passwordChangedMessage, resetCodeMessage } from '../login/messages';
import type { PasswordResetData, PasswordResetState } from './machine';
import { codeFailed, type CodeEntry } from '../contact-verification/code-failed';

/** What these use cases need, handed down by the composition root (src/journeys/deps.ts). */
export type PasswordResetDeps = Pick<
  JourneyDeps,
  'clock' | 'codes' | 'config' | 'database' | 'loginThrottle' | 'passwords' | 'rateLimiter' | 'sessions'
>;

/**
 * « Mot de passe oublié ? »: identifier → code sent to the verified contact → new password.
 *
 * The first answer is always the same (« si un compte correspond… »): a flow is created and a code
 * issued whether or not the identifier has an account — for an unknown one the code is simply sent
 * nowhere, and no code can ever lead past the second step. Requests are rate-limited per
 * identifier and per IP, never by the login throttle: this path must keep working when login is
 * slowed down. At the end every session of the account is ended and the contact is told.
 */
/** Pending resets: the flow engine's `password_reset` kind, 20 minutes fixed (src/journeys/kinds.ts). */
export const resetFlows = flowStore(passwordResetFlow);
export const RESET_FLOW_TTL_MS = passwordResetFlow.ttlMs;
export type PasswordResetFlow = Flow<PasswordResetState, PasswordResetData>;

export const RESET_REQUESTS_PER_IDENTIFIER_PER_HOUR = 5;
export const RESET_REQUESTS_PER_IP_PER_HOUR = 30;

export type ResetRequest = { kind: 'rate_limited'; retryAfterMs: number } | { kind: 'code_sent'; flowToken: string };

export async function requestPasswordReset(d: PasswordResetDeps, i: { identifier: string; origin: AuditOrigin }): Promise<ResetRequest> {
  const { db } = d.database;
  const loginId = normaliseLoginId(i.identifier);
  const idKey = `reset:id:${hmac(d.config.secretKey, 'reset-limit', loginId).slice(0, 32)}`;
  const [byId, byIp] = await Promise.all([
    d.rateLimiter.hit(idKey, RESET_REQUESTS_PER_IDENTIFIER_PER_HOUR, 60 * 60_000),
    d.rateLimiter.hit(`reset:ip:${i.origin.ip ?? 'unknown'}`, RESET_REQUESTS_PER_IP_PER_HOUR, 60 * 60_000),
  ]);
  if (!byId.allowed || !byIp.allowed) return { kind: 'rate_limited', retryAfterMs: Math.max(byId.retryAfterMs, byIp.retryAfterMs) };

  const account = loginId.length <= 32 ? await findAccountByLoginId(db, loginId) : undefined;
  const now = d.clock.now();
  // One atomic write (a single statement on PostgreSQL), as the login's: the flow and its code
  // (a new flow has no earlier code to void), and for an account the message and the code_sent event.
  const { token, flow, row } = resetFlows.prepare({ data: {}, accountId: account?.id ?? null }, now);
  const code = d.codes.prepare({ purpose: 'password_reset', subjectId: flow.id, destination: account?.contact_value ?? '' });
  await insertAll(d.database, [
    { table: 'flows', values: row },
    { table: 'verification_codes', values: { ...code.row } },
    {
      table: 'audit_events',
      values: auditRow(
        { type: 'password_reset_requested', accountId: account?.id ?? null, ...i.origin, details: { identifier: maskIdentifier(loginId) } },
        now,
      ),
    },
    ...(account
      ? ([
          { table: 'outbox_messages', values: { ...outboxRow(resetCodeMessage(account, code.code), now) } },
          {
            table: 'audit_events',
            values: auditRow(
              {
                type: 'code_sent',
                accountId: account.id,
                ...i.origin,
                details: { purpose: 'password_reset', channel: account.contact_kind },
              },
              now,
            ),
          },
        ] satisfies RowInsert[])
      : []),
  ]);
  return { kind: 'code_sent', flowToken: token };
}

export interface PendingReset {
  flow: PasswordResetFlow;
  resendAllowedAt: number;
}

export async function pendingReset(d: PasswordResetDeps, flowToken: string | undefined): Promise<PendingReset | undefined> {
  const flow = await resetFlows.findLive(d.database.db, flowToken, d.clock.now());
  if (!flow) return undefined;
  return { flow, resendAllowedAt: await d.codes.resendAllowedAt(d.database.db, 'password_reset', flow.id) };
}

export type ResetCodeStep = CodeStepRefused | { kind: 'verified' };

export async function submitResetCode(d: PasswordResetDeps, i: CodeEntry): Promise<ResetCodeStep> {
  const { db } = d.database;
  const p = await pendingReset(d, i.flowToken);
  if (!p) return { kind: 'flow_expired' };
  if (p.flow.state === 'code_verified') return { kind: 'verified' };
  const r = await d.codes.check(db, { purpose: 'password_reset', subjectId: p.flow.id, code: i.code });
  if (!r.ok || !p.flow.accountId) {
    // A code for a reset without an account (the identifier matched none) is never right.
    return codeFailed(
      d,
      { purpose: 'password_reset', accountId: p.flow.accountId, origin: i.origin },
      r.ok ? { reason: 'wrong', attemptsLeft: 0 } : r,
    );
  }
  if (!(await flowMoved(() => resetFlows.advance(db, p.flow, 'code_verified', d.clock.now())))) return { kind: 'flow_expired' };
  return { kind: 'verified' };
}

export async function resendResetCode(
  d: PasswordResetDeps,
  i: { flowToken: string | undefined; origin: AuditOrigin },
): Promise<ResendStep> {
  const p = await pendingReset(d, i.flowToken);
  if (p?.flow.state !== 'awaiting_code') return { kind: 'flow_expired' };
  const account = p.flow.accountId ? await findAccountById(d.database.db, p.flow.accountId) : undefined;
  return resendCodeStep(d, p, {
    purpose: 'password_reset',
    limit: 'reset-resend',
    to: account && {
      accountId: account.id,
      kind: account.contact_kind,
      value: account.contact_value,
      message: (code) => resetCodeMessage(account, code),
    },
    origin: i.origin,
  });
}

/** True once the code of this browser's reset flow has been verified (the new-password page may be shown). */
export async function resetReadyForPassword(d: PasswordResetDeps, flowToken: string | undefined): Promise<boolean> {
  const p = await pendingReset(d, flowToken);
  return !!p && p.flow.state === 'code_verified' && !!p.flow.accountId;
}

/**
 * The last step of a journey that sets a new password without the old one (a reset, a recovery): the
 * flow gone, the password refused by the rules, or done (`K`) — and then every session of the account ended.
 */
export type NewPasswordSet<K extends string> =
  | { kind: 'flow_expired' }
  | { kind: 'invalid'; error: FieldError }
  | { kind: K; account: Account; sessionsEnded: number };

export type NewPasswordStep = NewPasswordSet<'changed'>;

export async function submitNewPassword(
  d: PasswordResetDeps,
  i: { flowToken: string | undefined; password: string; confirmation: string; origin: AuditOrigin },
): Promise<NewPasswordStep> {
  const { db } = d.database;
  const p = await pendingReset(d, i.flowToken);
  if (!p || p.flow.state !== 'code_verified' || !p.flow.accountId) return { kind: 'flow_expired' };
  const error = newPasswordRefusal(i.password, i.confirmation);
  if (error) return { kind: 'invalid', error };
  const account = await findAccountById(db, p.flow.accountId);
  if (!account) return { kind: 'flow_expired' };
  const hash = await d.passwords.hash(i.password);
  const now = d.clock.now();
  const done = await db.transaction().execute(async (trx) => {
    // Single use: checked by the machine, then deleted if nobody moved it since it was read.
    if (!(await flowMoved(() => resetFlows.finish(trx, p.flow, 'password_changed')))) return false;
    await updatePasswordHash(trx, account.id, hash, now);
    await enqueueMessage(trx, passwordChangedMessage(account, now, d.config.agencyPhone), now);
    await recordAudit(trx, { type: 'password_changed', accountId: account.id, ...i.origin, details: { via: 'reset' } }, now);
    // In the same transaction: a crash can never leave the new password with the old sessions alive.
    const ended = await d.sessions.endAllOf(account.id, undefined, trx);
    if (ended > 0)
      await recordAudit(
        trx,
        { type: 'session_ended', accountId: account.id, ...i.origin, details: { reason: 'password_reset', count: ended } },
        now,
      );
    return ended;
  });
  if (done === false) return { kind: 'flow_expired' };
  const sessionsEnded = done;
  // Proof of the contact: the login failures of the identifier are forgiven.
  await d.loginThrottle.success(account.login_id);
  return { kind: 'changed', account, sessionsEnded };
}
