import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: « Contacter ma Caf » (issue 25), a thread of written messages between a
// person and the Caf (src/caf-messages/).
// - caf_threads: who wrote (the author's account), the dossier and the démarche it concerns, the
//   subject picked from a short list, and whether the author shares it with those who manage the
//   dossier (off by default: a separation or violence must never be read by the other member).
// - caf_messages: the messages of a thread, from the person or from an agent, plain text, with when
//   the other side read it.
// - caf_message_files: files attached to a message, checked like the justificatifs; their bytes in
//   the justificatifs' storage (justificatif_blobs), found by `storage_key`.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('caf_threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('household_id', 'text', (c) => c.references('households.id'))
    .addColumn('demarche_id', 'text', (c) => c.references('demarches.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('shared_with_managers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_message_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('caf_threads_account').on('caf_threads').columns(['account_id', 'last_message_at']).execute();
  await db.schema.createIndex('caf_threads_household').on('caf_threads').columns(['household_id', 'last_message_at']).execute();
  await db.schema.createIndex('caf_threads_recent').on('caf_threads').columns(['last_message_at']).execute();

  await db.schema
    .createTable('caf_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('caf_threads.id'))
    .addColumn('author_kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  await db.schema.createIndex('caf_messages_thread').on('caf_messages').columns(['thread_id', 'created_at']).execute();

  await db.schema
    .createTable('caf_message_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('caf_messages.id'))
    .addColumn('thread_id', 'text', (c) => c.notNull().references('caf_threads.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('caf_message_files_thread').on('caf_message_files').columns(['thread_id']).execute();
}
