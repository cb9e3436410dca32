import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: the flows of the former tables move into `flows` (0007_flows), then those
// tables are dropped (src/journeys/engine/README.md). Self-contained on purpose: it must not change
// when the application's code does.
// - registration_flows: its id was the raw token; the new id is its SHA-256 (hex), and the codes
//   of its contact step follow (verification_codes.subject_id, purpose registration_contact);
// - login_flows (kinds login and password_reset) and franceconnect_signups: ids already SHA-256;
//   a sign-up's `sub` moves into its data.
// A pending contact change (kept in the session's data until now) is not moved: the person asks
// for a new code.
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const r of await db.selectFrom('registration_flows').selectAll().execute()) {
    const id = sha256(r.id);
    await db
      .insertInto('flows')
      .values({
        id,
        kind: 'registration',
        state: r.state,
        data: r.data,
        version: r.version,
        account_id: null,
        created_at: r.created_at,
        updated_at: r.updated_at,
        expires_at: r.expires_at,
      })
      .execute();
    await db
      .updateTable('verification_codes')
      .set({ subject_id: id })
      .where('purpose', '=', 'registration_contact')
      .where('subject_id', '=', r.id)
      .execute();
  }
  for (const r of await db.selectFrom('login_flows').selectAll().execute()) {
    await db
      .insertInto('flows')
      .values({
        id: r.id,
        kind: r.kind,
        state: r.state,
        data: '{}',
        version: 1,
        account_id: r.account_id,
        created_at: r.created_at,
        updated_at: r.created_at,
        expires_at: r.expires_at,
      })
      .execute();
  }
  for (const r of await db.selectFrom('franceconnect_signups').selectAll().execute()) {
    const data = JSON.stringify({ ...JSON.parse(r.data), sub: r.sub });
    await db
      .insertInto('flows')
      .values({
        id: r.id,
        kind: 'franceconnect_signup',
        state: r.step,
        data,
        version: r.version,
        account_id: null,
        created_at: r.created_at,
        updated_at: r.updated_at,
        expires_at: r.expires_at,
      })
      .execute();
  }
  for (const table of ['registration_flows', 'login_flows', 'franceconnect_signups']) await db.schema.dropTable(table).execute();
}
