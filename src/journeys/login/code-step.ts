import type { Kysely } from 'kysely';
import type { ContactKind } from '../../accounts/destination';
import { auditRow, recordAudit, type AuditOrigin } from '../../auth/audit';
import type { CodePurpose, CodeStepRefused } from '../../auth/verification-codes';
import { insertAll } from '../../db/insert-all';
import type { Database } from '../../db/schema';
import { flowMoved, type Flow } from '../../flows/flow';
import type { FlowStore } from '../../flows/store';
import { enqueueMessage, outboxRow, type OutgoingMessage } from '../../messaging/outbox';
import type { ThrottleCheck, ThrottleSubject } from '../../security/login-throttle';
import type { JourneyDeps } from '../deps';
import { codeFailed, type CodeEntry } from '../contact-verification/code-failed';
import type { LoginData, LoginEvent, LoginState } from './machine';

/**
 * The code step of a login, people's (this folder) and agents' (src/journeys/agents-login): after the
 * right password a code goes to the holder's contact, the flow waits for it, the code is typed under
 * the login throttle, and « Renvoyer un code » sends another. Each journey gives its own values once
 * (`loginCodeStep`): its flows, its codes' purpose, whom a flow is for and where its codes go.
 */

/** Whom a code goes to: the holder (its id, for the audit), the contact, and the message that carries the code. */
export interface CodeRecipient {
  accountId: string;
  kind: ContactKind;
  value: string;
  message: (code: string) => OutgoingMessage;
}

/** A code step waiting for its code: the live flow, and when a new code may be asked for (0: now). */
export interface CodeWaiting<F> {
  flow: F;
  resendAllowedAt: number;
}

/**
 * « Renvoyer un code » of a login (people's or agents') or a password reset: refused during the 60 s
 * cooldown after the last code (`too_early`), or once the flow has had its resends (`too_many`, until it expires).
 */
export type ResendStep = { kind: 'flow_expired' } | { kind: 'too_early' | 'too_many'; retryAfterMs: number } | { kind: 'sent' };

export const MAX_RESENDS_PER_FLOW = 5;

/**
 * A new code for a code step still waiting (`p`; undefined: the flow is gone), counted under `limit`
 * (its resends, per flow). It goes with its message and the `code_sent` event to `to`; without `to`
 * (a reset for an identifier that has no account) the code is issued for nobody, so that the answer is the same.
 */
export async function resendCodeStep(
  d: Pick<JourneyDeps, 'clock' | 'codes' | 'database' | 'rateLimiter'>,
  p: CodeWaiting<{ id: string; expiresAt: number }> | undefined,
  o: { purpose: CodePurpose; limit: string; to: CodeRecipient | undefined; origin: AuditOrigin },
): Promise<ResendStep> {
  if (!p) return { kind: 'flow_expired' };
  const now = d.clock.now();
  if (p.resendAllowedAt > now) return { kind: 'too_early', retryAfterMs: p.resendAllowedAt - now };
  const limit = await d.rateLimiter.hit(`${o.limit}:${p.flow.id}`, MAX_RESENDS_PER_FLOW, p.flow.expiresAt - now);
  if (!limit.allowed) return { kind: 'too_many', retryAfterMs: limit.retryAfterMs };
  const to = o.to;
  await d.database.db.transaction().execute(async (trx) => {
    const { code } = await d.codes.issue(trx, { purpose: o.purpose, subjectId: p.flow.id, destination: to?.value ?? '' });
    if (!to) return;
    await enqueueMessage(trx, to.message(code), now);
    await recordAudit(
      trx,
      { type: 'code_sent', accountId: to.accountId, ...o.origin, details: { purpose: o.purpose, channel: to.kind, resend: true } },
      now,
    );
  });
  return { kind: 'sent' };
}

type CodeLoginFlow = Flow<LoginState, LoginData>;

/** The code step of one kind of login: its values, given once. */
export function loginCodeStep<H extends { id: string }>(o: {
  flows: FlowStore<LoginState, LoginEvent, LoginData>;
  purpose: CodePurpose;
  /** the key prefix of the resends' limit, per flow */
  resendLimit: string;
  /** the holder a flow's `accountId` names, if it (still) may log in */
  holder: (db: Kysely<Database>, id: string) => Promise<H | undefined>;
  recipient: (holder: H) => CodeRecipient;
}) {
  return {
    /**
     * Begun, after the password: four rows, one atomic write (a single statement on PostgreSQL) — the
     * flow, its code, the message carrying the code, the `code_sent` audit event. The flow is new, so it
     * has no earlier code to void. Returns the flow's token.
     */
    async start(d: Pick<JourneyDeps, 'clock' | 'codes' | 'database'>, holder: H, origin: AuditOrigin): Promise<string> {
      const now = d.clock.now();
      const to = o.recipient(holder);
      const { token, flow, row } = o.flows.prepare({ data: {}, accountId: holder.id }, now);
      const code = d.codes.prepare({ purpose: o.purpose, subjectId: flow.id, destination: to.value });
      await insertAll(d.database, [
        { table: 'flows', values: row },
        { table: 'verification_codes', values: { ...code.row } },
        { table: 'outbox_messages', values: { ...outboxRow(to.message(code.code), now) } },
        {
          table: 'audit_events',
          values: auditRow(
            { type: 'code_sent', accountId: to.accountId, ...origin, details: { purpose: o.purpose, channel: to.kind } },
            now,
          ),
        },
      ]);
      return token;
    },

    /** The step a token names, if its flow is still live and its holder still exists; undefined otherwise. */
    async pending(
      d: Pick<JourneyDeps, 'clock' | 'codes' | 'database'>,
      flowToken: string | undefined,
    ): Promise<(CodeWaiting<CodeLoginFlow> & { holder: H }) | undefined> {
      const { db } = d.database;
      const flow = await o.flows.findLive(db, flowToken, d.clock.now());
      if (!flow?.accountId) return undefined;
      const holder = await o.holder(db, flow.accountId);
      if (!holder) return undefined;
      return { flow, holder, resendAllowedAt: await d.codes.resendAllowedAt(db, o.purpose, flow.id) };
    },

    /**
     * The code typed, under the login throttle: refused while `subject` is throttled (`throttled` hears
     * it first, e.g. to record it); a wrong code counts as a login failure too (knowing the password
     * does not buy unlimited guesses); the right one finishes the flow — single use: of two requests
     * with the same right code, one passes — and forgives the identifier.
     */
    async verify(
      d: Pick<JourneyDeps, 'clock' | 'codes' | 'database' | 'loginThrottle'>,
      flow: CodeLoginFlow,
      holder: H,
      i: { subject: ThrottleSubject; entry: CodeEntry; throttled?: (refused: Extract<ThrottleCheck, { allowed: false }>) => Promise<void> },
    ): Promise<CodeStepRefused | { kind: 'throttled'; retryAfterMs: number } | { kind: 'verified' }> {
      const { db } = d.database;
      const allowed = await d.loginThrottle.check(i.subject);
      if (!allowed.allowed) {
        await i.throttled?.(allowed);
        return { kind: 'throttled', retryAfterMs: allowed.retryAfterMs };
      }
      const r = await d.codes.check(db, { purpose: o.purpose, subjectId: flow.id, code: i.entry.code });
      if (!r.ok) {
        if (r.reason === 'wrong' || r.reason === 'too_many_attempts') await d.loginThrottle.failure(i.subject);
        return codeFailed(d, { purpose: o.purpose, accountId: holder.id, origin: i.entry.origin }, r);
      }
      if (!(await flowMoved(() => o.flows.finish(db, flow, 'code_verified')))) return { kind: 'flow_expired' };
      await d.loginThrottle.success(i.subject.identifier);
      return { kind: 'verified' };
    },

    /** « Renvoyer un code » (see resendCodeStep). */
    resend(
      d: Pick<JourneyDeps, 'clock' | 'codes' | 'database' | 'rateLimiter'>,
      p: CodeWaiting<CodeLoginFlow> | undefined,
      holder: H | undefined,
      origin: AuditOrigin,
    ): Promise<ResendStep> {
      return resendCodeStep(d, p, { purpose: o.purpose, limit: o.resendLimit, to: holder && o.recipient(holder), origin });
    },
  };
}
