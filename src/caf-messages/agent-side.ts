import type { Kysely } from 'kysely';
import { displayName } from '../accounts/repository';
import { recordAudit, type AuditOrigin } from '../auth/audit';
import type { Database } from '../db/schema';
import { enqueueMessage } from '../messaging/outbox';
import type { ThreadSubject } from '../db/tables/caf-messages.table';
import { newAnswerNotice } from './messages';
import { checkBody, insertMessage, readThread, threadList, unreadMessages, type MessageRefusal, type MessagesDeps } from './threads';

type Db = Kysely<Database>;

/**
 * « Contacter ma Caf », the Caf's side: the inbox, a thread as an agent opens it (audited, the
 * person's messages then read) and the answer, told to the person without its content.
 */

export interface InboxFilter {
  unreadOnly: boolean;
  subject?: ThreadSubject;
}

export interface InboxRow {
  id: string;
  subject: ThreadSubject;
  personName: string;
  dossierNumber: string | null;
  demarcheReference: string | null;
  lastMessageAt: number;
  /** the person's messages no agent has read */
  unread: number;
}

export async function inbox(db: Db, f: InboxFilter): Promise<InboxRow[]> {
  let q = threadList(db, 'person')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .leftJoin('households as h', 'h.id', 't.household_id')
    .select(['a.birth_name', 'a.given_names', 'a.usage_name', 'h.dossier_number']);
  if (f.subject) q = q.where('t.subject', '=', f.subject);
  if (f.unreadOnly) q = q.where((eb) => eb.exists(unreadMessages(db, eb.ref('t.id'), 'person').select('m.id')));
  const rows = await q.limit(200).execute();
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    personName: displayName(r),
    dossierNumber: r.dossier_number,
    demarcheReference: r.reference,
    lastMessageAt: Number(r.last_message_at),
    unread: Number(r.unread ?? 0),
  }));
}

/** Threads with a message of a person that no agent has read (the header's count). */
export async function unreadThreadsForAgents(db: Db): Promise<number> {
  const r = await db
    .selectFrom('caf_messages')
    .select((eb) => eb.fn.count<number>('thread_id').distinct().as('n'))
    .where('author_kind', '=', 'person')
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A thread as an agent opens it (audited): the person's messages are then read. */
export async function threadForAgent(db: Db, i: { agentId: string; threadId: string; origin: AuditOrigin; now: number }) {
  const t = await readThread(db, i.threadId);
  if (!t) return undefined;
  const person = await db
    .selectFrom('accounts')
    .select(['birth_name', 'given_names', 'usage_name'])
    .where('id', '=', t.accountId)
    .executeTakeFirstOrThrow();
  const dossier = t.householdId
    ? await db.selectFrom('households').select('dossier_number').where('id', '=', t.householdId).executeTakeFirst()
    : undefined;
  await db
    .updateTable('caf_messages')
    .set({ read_at: i.now })
    .where('thread_id', '=', t.id)
    .where('author_kind', '=', 'person')
    .where('read_at', 'is', null)
    .execute();
  await recordAudit(db, { type: 'agent_caf_thread_viewed', accountId: i.agentId, ...i.origin, details: { threadId: t.id } }, i.now);
  return { ...t, personName: displayName(person), dossierNumber: dossier?.dossier_number ?? null };
}

/** An agent answers: the message, and a notice to the person's verified contact — without the content. */
export async function replyAsAgent(
  d: Pick<MessagesDeps, 'db'>,
  i: { agentId: string; threadId: string; body: string | undefined; origin: AuditOrigin; now: number; baseUrl: string },
): Promise<{ ok: true } | { ok: false; refusals: MessageRefusal[] } | { ok: false; notFound: true }> {
  const t = await d.db
    .selectFrom('caf_threads as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .select(['t.id', 'a.contact_kind', 'a.contact_value', 'a.closed_at'])
    .where('t.id', '=', i.threadId)
    .executeTakeFirst();
  if (!t) return { ok: false, notFound: true };
  const body = checkBody(i.body);
  if (!body.ok) return { ok: false, refusals: [body.refusal] };
  await d.db.transaction().execute(async (trx) => {
    await insertMessage(trx, t.id, 'agent', i.agentId, body.body, i.now);
    if (!t.closed_at && t.contact_value) await enqueueMessage(trx, newAnswerNotice(t, i.baseUrl), i.now);
    await recordAudit(trx, { type: 'agent_caf_message_sent', accountId: i.agentId, ...i.origin, details: { threadId: t.id } }, i.now);
  });
  return { ok: true };
}
