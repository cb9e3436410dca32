import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: the Caf side (« espace gestionnaire ») and the justificatifs.
// - agents: the Caf's staff, with their own accounts (src/agents/agents.table.ts); never in `accounts`,
//   so that an agent cannot log in on the public side, nor a person on /gestion.
// - agent_sessions: the sessions of agents, the same columns as `sessions` (one store code path,
//   src/auth/sessions.ts), but their own table: a session id can only ever name one kind of user.
// - justificatif_requests: a piece asked by an agent on a démarche, with its message.
// - justificatifs: a file sent by the person (name, type, size, SHA-256), its bytes in
//   justificatif_blobs (the database adapter of the storage port, src/justificatifs/storage.ts):
//   a bytes column, `bytea` on PostgreSQL and `blob` on SQLite, through the same Kysely code path.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('agents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login_id', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('disabled_at', 'bigint')
    .execute();

  await db.schema
    .createTable('agent_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('agent_sessions_account').on('agent_sessions').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('justificatif_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('demarche_id', 'text', (c) => c.notNull().references('demarches.id'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('justificatif_requests_demarche')
    .on('justificatif_requests')
    .columns(['demarche_id', 'requested_at'])
    .execute();

  await db.schema
    .createTable('justificatif_blobs')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('bytes', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('justificatifs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('demarche_id', 'text', (c) => c.notNull().references('demarches.id'))
    .addColumn('request_id', 'text', (c) => c.references('justificatif_requests.id'))
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('justificatifs_demarche').on('justificatifs').columns(['demarche_id', 'created_at']).execute();
}
