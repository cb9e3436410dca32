import type { Kysely } from 'kysely';
import type { ContactKind } from '../../accounts/destination';
import { auditRow, recordAudit, type AuditOrigin } from '../../auth/audit';
import type { CodePurpose } from '../../auth/verification-codes';
import { insertAll } from '../../db/insert-all';
import type { Database } from '../../db/schema';
import type { NewFlowRow } from '../../db/tables/flows.table';
import type { Flow } from '../../flows/flow';
import type { FlowStore } from '../../flows/store';
import { enqueueMessage, outboxRow, type OutgoingMessage } from '../../messaging/outbox';
import type { JourneyDeps } from '../deps';

/**
 * The second step of a login (people's and agents') begun, after the password: four rows, one atomic
 * write (a single statement on PostgreSQL) — the flow, its code, the message carrying the code, the
 * `code_sent` audit event. The flow is new, so it has no earlier code to void. Returns the flow's token.
 */
export async function startCodeStep(
  d: Pick<JourneyDeps, 'clock' | 'codes' | 'database'>,
  prepareFlow: (now: number) => { token: string; flow: { id: string }; row: NewFlowRow },
  o: {
    purpose: CodePurpose;
    accountId: string;
    to: { kind: ContactKind; value: string };
    message: (code: string) => OutgoingMessage;
    origin: AuditOrigin;
  },
): Promise<string> {
  const now = d.clock.now();
  const { token, flow, row } = prepareFlow(now);
  const code = d.codes.prepare({ purpose: o.purpose, subjectId: flow.id, destination: o.to.value });
  await insertAll(d.database, [
    { table: 'flows', values: row },
    { table: 'verification_codes', values: { ...code.row } },
    { table: 'outbox_messages', values: { ...outboxRow(o.message(code.code), now) } },
    {
      table: 'audit_events',
      values: auditRow(
        { type: 'code_sent', accountId: o.accountId, ...o.origin, details: { purpose: o.purpose, channel: o.to.kind } },
        now,
      ),
    },
  ]);
  return token;
}

/** A code step waiting for its code: the live flow, and when a new code may be asked for (0: now). */
export interface CodeWaiting<F> {
  flow: F;
  resendAllowedAt: number;
}

/**
 * The code step of a login (people's or agents') that a token names, if its flow is still live and
 * whom it is for (`holder`: the account, the agent) still exists; undefined otherwise.
 */
export async function pendingCodeStep<S extends string, E extends string, D, H>(
  d: Pick<JourneyDeps, 'clock' | 'codes' | 'database'>,
  flows: FlowStore<S, E, D>,
  o: { purpose: CodePurpose; holder: (db: Kysely<Database>, id: string) => Promise<H | undefined> },
  flowToken: string | undefined,
): Promise<(CodeWaiting<Flow<S, D>> & { holder: H }) | undefined> {
  const { db } = d.database;
  const flow = await flows.findLive(db, flowToken, d.clock.now());
  if (!flow?.accountId) return undefined;
  const holder = await o.holder(db, flow.accountId);
  if (!holder) return undefined;
  return { flow, holder, resendAllowedAt: await d.codes.resendAllowedAt(db, o.purpose, flow.id) };
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
  o: {
    purpose: CodePurpose;
    limit: string;
    to: { accountId: string; kind: ContactKind; value: string; message: (code: string) => OutgoingMessage } | undefined;
    origin: AuditOrigin;
  },
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
