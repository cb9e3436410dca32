import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: the outbox does not keep what it sent (see src/messaging/worker.ts).
// - erased_at: when the text of a delivered or abandoned message was erased and its recipient
//   masked (null while the text is kept: pending, or OUTBOX_KEEP_SENT_TEXT in development);
// - an index on created_at for the retention sweep, which deletes finished rows after
//   OUTBOX_RETENTION_DAYS.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('outbox_messages').addColumn('erased_at', 'bigint').execute();
  await db.schema.createIndex('outbox_messages_created').on('outbox_messages').column('created_at').execute();
}
