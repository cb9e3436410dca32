import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: every audit event carries a key of its own (a random UUID given when the
// event happens, src/auth/audit.ts), unique in the table. The pending-audit queue
// (src/auth/audit-queue.ts) writes with « on conflict (event_key) do nothing »: an event written
// twice — a flush retried after a timeout whose insert had in fact committed, a journal replayed
// after a kill -9 — is one row. Rows written before this migration have no key (NULLs are distinct).
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('event_key', 'text').execute();
  await db.schema.createIndex('audit_events_event_key').unique().on('audit_events').column('event_key').execute();
}
