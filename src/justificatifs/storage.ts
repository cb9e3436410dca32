import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { randomToken } from '../shared/crypto';

/**
 * Where the bytes of justificatifs live: a port, so that an object store (S3-compatible, the Caf's
 * GED…) can replace the database later without touching the rest. The metadata (name, type, size,
 * SHA-256, who sent it) stays in `justificatifs` whatever the adapter.
 *
 * `put` may take part in the caller's transaction (`db` argument), so that a file and its metadata
 * are written together or not at all — an object-store adapter would instead write first and let
 * a sweep remove unreferenced keys.
 */
export interface JustificatifStorage {
  /** Stores the bytes; returns the key to keep in the metadata. */
  put(bytes: Uint8Array, now: number, db?: Kysely<Database>): Promise<string>;
  /** The bytes of a key, or undefined when it is unknown. */
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string, db?: Kysely<Database>): Promise<void>;
}

/**
 * The database adapter: one row per file in `justificatif_blobs`, a bytes column (`bytea` on
 * PostgreSQL, `blob` on SQLite) written and read through the same Kysely code path. Fine for the
 * volumes of a pilot (10 MB at most per file); beyond, an object store.
 */
export class DatabaseJustificatifStorage implements JustificatifStorage {
  constructor(private readonly db: Kysely<Database>) {}

  async put(bytes: Uint8Array, now: number, db: Kysely<Database> = this.db): Promise<string> {
    const key = randomToken(24);
    await db
      .insertInto('justificatif_blobs')
      .values({ key, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), created_at: now })
      .execute();
    return key;
  }

  async get(key: string): Promise<Buffer | undefined> {
    const r = await this.db.selectFrom('justificatif_blobs').select('bytes').where('key', '=', key).executeTakeFirst();
    // better-sqlite3 and pg give a Buffer, PGlite a Uint8Array: one shape for the callers.
    return r ? Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength) : undefined;
  }

  async delete(key: string, db: Kysely<Database> = this.db): Promise<void> {
    await db.deleteFrom('justificatif_blobs').where('key', '=', key).execute();
  }
}
