import { updateContact, type Account } from '../../accounts/repository';
import { recordAudit, type AuditOrigin } from '../../auth/audit';
import type { SessionRecord } from '../../auth/sessions';
import type { CodeStepRefused } from '../../auth/verification-codes';
import type { JourneyDeps } from '../deps';
import type { FieldError } from '../../errors/app-error';
import { enqueueMessage } from '../../messaging/outbox';
import { readContact, type ContactInput } from '../../accounts/contact';
import { flowMoved, type Flow } from '../../flows/flow';
import { flowStore } from '../../flows/store';
import { contactChangeFlow } from '../kinds';
import type { ContactKind } from '../../accounts/destination';
import { contactChangeCodeMessage, contactChangedMessage } from '../login/messages';
import { failed, reauthenticate } from '../../accounts/reauthentication';
import type { SettingsDeps } from '../login/settings';
import type { ContactChangeData, ContactChangeState } from './machine';
import { codeFailed, type CodeEntry } from '../contact-verification/code-failed';

/** What these use cases need, handed down by the composition root (src/journeys/deps.ts). */
export type ContactChangeDeps = Pick<JourneyDeps, 'clock' | 'codes' | 'config' | 'contactCodes' | 'database'> & SettingsDeps;

/**
 * « Modifier mes coordonnées » (security settings): the current password again (or a recent
 * FranceConnect login), the new contact read as every sign-up reads it, a code sent to the NEW
 * contact within the sign-up's limits; the right code replaces the contact and the old one is told.
 * Between the two the state is a flow (kind `contact_change`, src/journeys/kinds.ts) whose token the
 * browser holds; a new request replaces a pending one.
 */
export const contactChanges = flowStore(contactChangeFlow);
export const CONTACT_CHANGE_TTL_MS = contactChangeFlow.ttlMs;
export type ContactChangeFlow = Flow<ContactChangeState, ContactChangeData>;

export type StartContactChange =
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'wrong_password' }
  | { kind: 'franceconnect_again' }
  | { kind: 'invalid_contact'; error: FieldError }
  | { kind: 'rate_limited'; error: FieldError; retryAfterMs: number }
  | { kind: 'code_sent'; pending: { kind: ContactKind; value: string }; flowToken: string };

/**
 * Checks the current password and the new contact, then sends a code to the NEW contact. No choice
 * between e-mail and SMS is refused before the password is checked; a malformed address or number
 * after it.
 */
export async function startContactChange(
  d: ContactChangeDeps,
  i: { account: Account; session: SessionRecord; current: string; contact: ContactInput; origin: AuditOrigin },
): Promise<StartContactChange> {
  const read = readContact(i.contact);
  if (!read.ok && read.error.field === 'contactKind') return { kind: 'invalid_contact', error: read.error };
  const auth = await reauthenticate(d, i.account, i.session, i.current, i.origin);
  if (!auth.ok) return failed(auth);
  if (!read.ok) return { kind: 'invalid_contact', error: read.error };
  // The sign-up's limits on codes sent: per address (no bombing of someone else's phone) and per IP.
  const refused = await d.contactCodes.allowSend(read.contact, i.origin.ip ?? 'unknown');
  if (refused) return { kind: 'rate_limited', error: refused.error, retryAfterMs: refused.retryAfterMs };
  const { kind, value } = read.contact;
  const now = d.clock.now();
  const { token, row, flow } = contactChanges.prepare({ data: { kind, value }, accountId: i.account.id }, now);
  await d.database.db.transaction().execute(async (trx) => {
    await contactChanges.discardOf(trx, i.account.id);
    await trx.insertInto('flows').values(row).execute();
    const { code } = await d.codes.issue(trx, { purpose: 'contact_change', subjectId: flow.id, destination: value });
    await enqueueMessage(trx, contactChangeCodeMessage(kind, value, code), now);
    await recordAudit(
      trx,
      { type: 'code_sent', accountId: i.account.id, ...i.origin, details: { purpose: 'contact_change', channel: kind } },
      now,
    );
  });
  return { kind: 'code_sent', pending: { kind, value }, flowToken: token };
}

/** The pending change a browser's token names, if it is still valid and belongs to this account. */
export async function pendingContactChange(
  d: ContactChangeDeps,
  account: Pick<Account, 'id'>,
  flowToken: string | undefined,
): Promise<ContactChangeFlow | undefined> {
  const flow = await contactChanges.findLive(d.database.db, flowToken, d.clock.now());
  return flow && flow.accountId === account.id ? flow : undefined;
}

export type ConfirmContactChange = CodeStepRefused | { kind: 'changed' };

/** The code typed matches the one sent to the new contact: it replaces the old one, which is told. */
export async function confirmContactChange(d: ContactChangeDeps, i: CodeEntry & { account: Account }): Promise<ConfirmContactChange> {
  const { db } = d.database;
  const flow = await pendingContactChange(d, i.account, i.flowToken);
  if (!flow) return { kind: 'flow_expired' };
  const pending = flow.data;
  const r = await d.codes.check(db, { purpose: 'contact_change', subjectId: flow.id, code: i.code });
  if (!r.ok || r.destination !== pending.value) {
    return codeFailed(
      d,
      { purpose: 'contact_change', accountId: i.account.id, origin: i.origin },
      r.ok ? { reason: 'none', attemptsLeft: 0 } : r,
    );
  }
  const now = d.clock.now();
  const old = { kind: i.account.contact_kind, value: i.account.contact_value };
  // Used once: of two requests with the right code, one changes the contact.
  const changed = await flowMoved(() =>
    db.transaction().execute(async (trx) => {
      await contactChanges.finish(trx, flow, 'code_verified');
      await updateContact(trx, i.account.id, pending, now);
      await enqueueMessage(trx, contactChangedMessage(old, pending, now, d.config.agencyPhone), now);
      await recordAudit(
        trx,
        { type: 'contact_changed', accountId: i.account.id, ...i.origin, details: { from: old.kind, to: pending.kind } },
        now,
      );
    }),
  );
  return changed ? { kind: 'changed' } : { kind: 'flow_expired' };
}
