import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: on PostgreSQL, the rate-limit counters (src/security/db-rate-limit.ts) are
// UNLOGGED — they write no WAL, so a password step does not wait for the disk to count an attempt.
// What this gives up: after a crash of the database server (not a clean restart) the counters start
// again from zero, and a standby does not have them — as with Redis, which keeps nothing on disk.
// SQLite has no such table kind (its counters cost a WAL append without fsync: synchronous=NORMAL).
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await sql`alter table rate_limits set unlogged`.execute(db);
}
