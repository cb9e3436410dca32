import type { Kysely } from 'kysely';
import type { Database, OutboxMessagesTable } from '../db/schema';
import { randomToken } from '../shared/crypto';

/**
 * The outbox: every e-mail and SMS is first written to `outbox_messages` — in the same transaction
 * as the change that causes it — and then delivered by the worker (src/messaging/worker.ts),
 * retried on failure. Nothing is sent inside a request.
 *
 * The outbox is not an archive: once a message is delivered or abandoned, the worker erases its
 * text and masks its recipient (unless OUTBOX_KEEP_SENT_TEXT, development only), and deletes the
 * row OUTBOX_RETENTION_DAYS after its creation.
 */
export interface OutgoingMessage {
  channel: 'email' | 'sms' | 'post';
  /** e-mail address, phone number in E.164, or a postal address (its lines joined by newlines) */
  to: string;
  /**
   * e-mail subject (for SMS: a short label shown in the development outbox). A fixed wording per
   * kind of message — never a name, an address or a code: it is kept after the text is erased, to
   * tell operations what kind of message was sent.
   */
  subject: string;
  text: string;
}

export async function enqueueMessage(db: Kysely<Database>, m: OutgoingMessage, now: number): Promise<string> {
  const row = outboxRow(m, now);
  await db.insertInto('outbox_messages').values(row).execute();
  return row.id;
}

/** The outbox row of a message, not yet stored (see `enqueueMessage`, `insertAll`). */
export function outboxRow(m: OutgoingMessage, now: number): OutboxMessagesTable {
  return {
    id: randomToken(16),
    channel: m.channel,
    recipient: m.to,
    subject: m.subject,
    text: m.text,
    status: 'queued',
    attempts: 0,
    next_attempt_at: now,
    last_error: null,
    created_at: now,
    sent_at: null,
    erased_at: null,
  };
}

/** A row of the outbox as the development page and the tests read it (the table's names in camel case, `to` for `recipient`). */
export interface OutboxEntry extends Pick<OutboxMessagesTable, 'id' | 'channel' | 'subject' | 'text' | 'status' | 'attempts'> {
  to: string;
  lastError: OutboxMessagesTable['last_error'];
  createdAt: number;
  sentAt: number | null;
  /** when the text was erased and the recipient masked (then text is '' and to is masked) */
  erasedAt: number | null;
}

/** The most recent messages, newest first (development outbox page, tests). */
export async function listOutbox(db: Kysely<Database>, o: { limit?: number; to?: string } = {}): Promise<OutboxEntry[]> {
  let q = db.selectFrom('outbox_messages').selectAll();
  if (o.to !== undefined) q = q.where('recipient', '=', o.to);
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(o.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    to: r.recipient,
    subject: r.subject,
    text: r.text,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    erasedAt: r.erased_at,
  }));
}
