import { getAccountById, updateContact, updatePasswordHash } from '../../accounts/repository';
import { recordAudit, type AuditOrigin } from '../../auth/audit';
import type { CodeStepRefused } from '../../auth/verification-codes';
import type { JourneyDeps } from '../deps';
import type { FieldError } from '../../errors/app-error';
import { enqueueMessage } from '../../messaging/outbox';
import { holdPendingBankChanges } from '../../household/bank';
import { accessRecoveredMessage, recoveryContactCodeMessage } from '../../recovery/messages';
import { markRecoveryCompleted } from '../../recovery/repository';
import { sameContact, type ContactInput } from '../../accounts/contact';
import { flowMoved, type Flow } from '../../flows/flow';
import { flowStore } from '../../flows/store';
import { recoveryFlow } from '../kinds';
import { newPasswordRefusal } from '../../auth/password-rules';
import type { RecoveryData, RecoveryState } from './machine';
import { codeFailed, type CodeEntry } from '../contact-verification/code-failed';
import type { NewPasswordSet } from '../password-reset/use-cases';

/** What these use cases need, handed down by the composition root (src/journeys/deps.ts). */
export type RecoveryDeps = Pick<
  JourneyDeps,
  'clock' | 'codes' | 'config' | 'contactCodes' | 'database' | 'loginThrottle' | 'passwords' | 'sessions'
>;

/**
 * The person's side of a recovery once their identity is proven (./letter.ts,
 * counter.ts, franceconnect.ts create the flow): a new contact verified by a code, a new password
 * (by letter or at the counter), then `completeRecovery` — all at once, in one transaction.
 */
export const recoveryFlows = flowStore(recoveryFlow);
export type RecoveryFlow = Flow<RecoveryState, RecoveryData>;

export async function startRecoveryFlow(
  d: Pick<RecoveryDeps, 'clock' | 'database'>,
  i: { accountId: string; data: RecoveryData; state: RecoveryState },
): Promise<string> {
  const now = d.clock.now();
  const { token } = await d.database.db.transaction().execute(async (trx) => {
    await recoveryFlows.discardOf(trx, i.accountId);
    return recoveryFlows.create(trx, { accountId: i.accountId, data: i.data, state: i.state }, now);
  });
  return token;
}

export function liveRecovery(d: RecoveryDeps, flowToken: string | undefined): Promise<RecoveryFlow | undefined> {
  return recoveryFlows.findLive(d.database.db, flowToken, d.clock.now());
}

/** Whether this channel asks for a new password at the end (FranceConnect vouches for the person: a contact is enough). */
export const needsPassword = (f: RecoveryFlow): boolean => f.data.channel !== 'franceconnect';

/** `invalid`: a contact to correct, or the limit of codes sent (`retryAfterMs`: its wait). */
export type ContactStep = { kind: 'flow_expired' } | { kind: 'invalid'; error: FieldError; retryAfterMs?: number } | { kind: 'code_sent' };

/** The new contact: read as every sign-up reads it, within the sign-up's limits; a code is sent to it. */
export async function setRecoveryContact(
  d: RecoveryDeps,
  i: { flowToken: string | undefined; contact: ContactInput; origin: AuditOrigin },
): Promise<ContactStep> {
  const flow = await liveRecovery(d, i.flowToken);
  if (!flow || !flow.accountId || !recoveryFlows.kind.machine.can(flow.state, 'contact_code_sent')) return { kind: 'flow_expired' };
  const read = await d.contactCodes.readForCode(i.contact, i.origin.ip ?? 'unknown');
  if (!read.ok)
    return { kind: 'invalid', error: read.error, ...(read.retryAfterMs === undefined ? {} : { retryAfterMs: read.retryAfterMs }) };
  const { kind, value } = read.contact;
  const now = d.clock.now();
  const moved = await flowMoved(() =>
    d.database.db.transaction().execute(async (trx) => {
      await recoveryFlows.advance(trx, flow, 'contact_code_sent', now, { ...flow.data, contact: { kind, value } });
      const { code } = await d.codes.issue(trx, { purpose: 'recovery_contact', subjectId: flow.id, destination: value });
      await enqueueMessage(trx, recoveryContactCodeMessage(kind, value, code), now);
      await recordAudit(
        trx,
        { type: 'code_sent', accountId: flow.accountId, ...i.origin, details: { purpose: 'recovery_contact', channel: kind } },
        now,
      );
    }),
  );
  return moved ? { kind: 'code_sent' } : { kind: 'flow_expired' };
}

/** The code sent to the new contact. */
export async function verifyRecoveryContact(
  d: RecoveryDeps,
  i: CodeEntry,
): Promise<CodeStepRefused | { kind: 'verified'; flow: RecoveryFlow }> {
  const { db } = d.database;
  const flow = await liveRecovery(d, i.flowToken);
  if (!flow || flow.state !== 'awaiting_contact_code' || !flow.data.contact) return { kind: 'flow_expired' };
  const r = await d.codes.check(db, { purpose: 'recovery_contact', subjectId: flow.id, code: i.code });
  if (!r.ok) {
    return codeFailed(d, { purpose: 'recovery_contact', accountId: flow.accountId, origin: i.origin }, r);
  }
  let next: RecoveryFlow | undefined;
  if (!(await flowMoved(async () => (next = await recoveryFlows.advance(db, flow, 'contact_verified', d.clock.now())))))
    return { kind: 'flow_expired' };
  return { kind: 'verified', flow: next! };
}

export type CompleteStep = NewPasswordSet<'completed'>;

/**
 * The last step, all or nothing: the new contact (verified) and password replace the old ones, the
 * recovery is marked completed (its channel's code cannot serve again), every session ends, the old
 * contact is told, the dossier's bank changes still waiting are held for an agent, and the recovery
 * starts the freeze of bank changes (src/household/bank.ts). The identifier's login failures are forgiven.
 */
export async function completeRecovery(
  d: RecoveryDeps,
  i: { flowToken: string | undefined; password?: { password: string; confirmation: string }; origin: AuditOrigin },
): Promise<CompleteStep> {
  const { db } = d.database;
  const flow = await liveRecovery(d, i.flowToken);
  if (!flow || flow.state !== 'contact_verified' || !flow.accountId || !flow.data.contact) return { kind: 'flow_expired' };
  let hash: string | null = null;
  if (needsPassword(flow)) {
    const error = newPasswordRefusal(i.password?.password ?? '', i.password?.confirmation ?? '');
    if (error) return { kind: 'invalid', error };
    hash = await d.passwords.hash(i.password!.password);
  }
  const contact = flow.data.contact;
  const now = d.clock.now();
  const done = await db.transaction().execute(async (trx) => {
    if (!(await flowMoved(() => recoveryFlows.finish(trx, flow, 'completed')))) return undefined;
    if (!(await markRecoveryCompleted(trx, flow.data.recoveryId, now))) return undefined;
    const account = await getAccountById(trx, flow.accountId!);
    const old = { kind: account.contact_kind, value: account.contact_value };
    await updateContact(trx, account.id, contact, now);
    if (hash) await updatePasswordHash(trx, account.id, hash, now);
    const ended = await d.sessions.endAllOf(account.id, undefined, trx);
    const held = await holdPendingBankChanges(trx, account.id, now);
    if (old.value && !sameContact(old, contact))
      await enqueueMessage(
        trx,
        accessRecoveredMessage(old, { channel: flow.data.channel, next: contact, at: now, agencyPhone: d.config.agencyPhone }),
        now,
      );
    await recordAudit(
      trx,
      {
        type: 'recovery_completed',
        accountId: account.id,
        ...i.origin,
        details: { channel: flow.data.channel, contact: contact.kind, password: !!hash, sessionsEnded: ended, bankChangesHeld: held },
      },
      now,
    );
    return { account: { ...account, contact_kind: contact.kind, contact_value: contact.value, contact_verified_at: now }, ended };
  });
  if (!done) return { kind: 'flow_expired' };
  await d.loginThrottle.success(done.account.login_id);
  return { kind: 'completed', account: done.account, sessionsEnded: done.ended };
}
