import { findAccountById, findAccountByLoginId, type Account } from '../../accounts/repository';
import { recordAudit, type AuditOrigin } from '../../auth/audit';
import type { CodeStepRefused } from '../../auth/verification-codes';
import type { JourneyDeps } from '../deps';
import type { Flow } from '../../flows/flow';
import { flowStore } from '../../flows/store';
import { loginFlow } from '../kinds';
import type { LoginData, LoginState } from './machine';
import { loginCodeMessage } from './messages';
import type { CodeEntry } from '../contact-verification/code-failed';
import { passwordRefused } from './password-refused';
import { loginCodeStep, type CodeWaiting, type ResendStep } from './code-step';

/** What these use cases need, handed down by the composition root (src/journeys/deps.ts). */
export type LoginDeps = Pick<JourneyDeps, 'clock' | 'codes' | 'config' | 'database' | 'loginThrottle' | 'passwordCheck' | 'rateLimiter'>;

/**
 * « Se connecter »: identifier + password, then (by default) a 6-digit code sent to the verified
 * contact. See README.md beside this file for the states.
 *
 * The password step is kept as cheap as possible besides argon2id: the one password check
 * (src/auth/password-check.ts: the attempt reserved in one statement, one indexed query on
 * accounts.login_id, the verification in libuv's pool, the attempt given back if right), and on
 * success one atomic write of four rows (flow + code + outbox + audit; one statement on PostgreSQL).
 *
 * No enumeration: an unknown identifier costs one dummy verification with the same parameters, is
 * counted by the throttle under the same kind of key, and gets the same answer as a wrong password.
 */
/** Pending logins (password right, code sent): the flow engine's `login` kind, 15 minutes fixed (src/journeys/kinds.ts). */
export const loginFlows = flowStore(loginFlow);
export const LOGIN_FLOW_TTL_MS = loginFlow.ttlMs;
export type LoginFlow = Flow<LoginState, LoginData>;

export function normaliseLoginId(typed: string): string {
  return typed.replace(/\s+/g, '').toUpperCase();
}

/** A login's code goes to the account's verified contact. */
const codeStep = loginCodeStep({
  flows: loginFlows,
  purpose: 'login',
  resendLimit: 'login-resend',
  holder: findAccountById,
  recipient: (account: Account) => ({
    accountId: account.id,
    kind: account.contact_kind,
    value: account.contact_value,
    message: (code) => loginCodeMessage(account, code),
  }),
});

export type PasswordStep =
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'invalid'; retryAfterMs: number }
  | { kind: 'code_sent'; flowToken: string }
  | { kind: 'signed_in'; account: Account };

export async function submitPassword(
  d: LoginDeps,
  i: { identifier: string; password: string; origin: AuditOrigin },
): Promise<PasswordStep> {
  const { db } = d.database;
  const loginId = normaliseLoginId(i.identifier);
  const subject = { identifier: loginId, ip: i.origin.ip ?? 'unknown' };
  // The one password check (src/auth/password-check.ts): the attempt is reserved before argon2id.
  const r = await d.passwordCheck.check(subject, i.password, () => (loginId.length <= 32 ? findAccountByLoginId(db, loginId) : undefined));
  if (!r.ok) return passwordRefused(d, r, { throttled: 'login_throttled', failed: 'login_failed', loginId, origin: i.origin });
  const account = r.holder;
  if (!d.config.login.secondFactor) {
    await d.loginThrottle.success(loginId);
    return { kind: 'signed_in', account };
  }
  const flowToken = await codeStep.start(d, account, i.origin);
  return { kind: 'code_sent', flowToken };
}

export type PendingLogin = CodeWaiting<LoginFlow> & { account: Account };

/** The pending login a browser's cookie names, if it is still valid. */
export async function pendingLogin(d: LoginDeps, flowToken: string | undefined): Promise<PendingLogin | undefined> {
  const p = await codeStep.pending(d, flowToken);
  return p && { flow: p.flow, account: p.holder, resendAllowedAt: p.resendAllowedAt };
}

export type CodeStep = CodeStepRefused | { kind: 'throttled'; retryAfterMs: number } | { kind: 'signed_in'; account: Account };

export async function submitLoginCode(d: LoginDeps, i: CodeEntry): Promise<CodeStep> {
  const p = await pendingLogin(d, i.flowToken);
  if (!p) return { kind: 'flow_expired' };
  const r = await codeStep.verify(d, p.flow, p.account, {
    subject: { identifier: p.account.login_id, ip: i.origin.ip ?? 'unknown' },
    entry: i,
    throttled: (t) =>
      recordAudit(
        d.database.db,
        {
          type: 'login_throttled',
          accountId: p.account.id,
          ...i.origin,
          details: { step: 'code', scope: t.scope, retryAfterMs: t.retryAfterMs },
        },
        d.clock.now(),
      ),
  });
  return r.kind === 'verified' ? { kind: 'signed_in', account: p.account } : r;
}

export async function resendLoginCode(d: LoginDeps, i: { flowToken: string | undefined; origin: AuditOrigin }): Promise<ResendStep> {
  const p = await pendingLogin(d, i.flowToken);
  return codeStep.resend(d, p, p?.account, i.origin);
}
