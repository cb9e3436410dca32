import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { randomToken } from '../shared/crypto';

/**
 * The outbox: every e-mail and SMS is first written to `outbox_messages` — in the same transaction
 * as the change that causes it — and then delivered by the worker (src/messaging/worker.ts),
 * retried on failure. Nothing is sent inside a request.
 */
export interface OutgoingMessage {
  channel: 'email' | 'sms';
  /** e-mail address, or phone number in E.164 */
  to: string;
  /** e-mail subject (for SMS: a short label shown in the development outbox) */
  subject: string;
  text: string;
}

export async function enqueueMessage(db: Kysely<Database>, m: OutgoingMessage, now: number): Promise<string> {
  const id = randomToken(16);
  await db
    .insertInto('outbox_messages')
    .values({
      id,
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
    })
    .execute();
  return id;
}
