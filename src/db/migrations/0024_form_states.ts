import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: a form refused for errors answers a redirect to its own page (POST → 303 →
// GET), and what that page shows once — the errors and the answers typed — waits here between the
// two requests (src/http/form-state.ts), for every form, a person signed in or not: the browser
// holds a random token in a cookie, this table its SHA-256, the answers sealed with a key only that
// token gives. A row lives two minutes; the page takes it on its next view. On PostgreSQL the table
// is UNLOGGED, like the rate-limit counters: a crash of the database server only loses errors
// nobody will look at again.
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('form_states')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('page', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('form_states_expires_at').on('form_states').column('expires_at').execute();
  if (dialect === 'postgres') await sql`alter table form_states set unlogged`.execute(db);
}
