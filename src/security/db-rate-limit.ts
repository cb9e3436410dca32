import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/database';
import type { Database } from '../db/schema';
import {
  hitRecord,
  releaseRecord,
  reserveRecord,
  type CounterRecord,
  type RateLimiter,
  type RateLimitResult,
  type Reservation,
  type ReservePolicy,
} from './rate-limit';

/**
 * Rate-limit counters in the database (table `rate_limits`, migration 0011): the default when there
 * is no Redis, and Redis's fallback. Kept across restarts and shared by every instance on the same
 * database. Each change is one short transaction on the key's row — `select … for update` on
 * PostgreSQL, the write lock taken at BEGIN on SQLite — so concurrent attempts are counted one after
 * the other, never both allowed on the same count. The rules themselves are the pure functions of
 * ./rate-limit.ts, shared with the memory store.
 */
type Db = Kysely<Database>;

/** Rows whose window started more than this long ago (and whose block is over) are deleted now and then. */
const KEEP_MS = 25 * 60 * 60_000;

export class DbRateLimiter implements RateLimiter {
  private readonly db: Db;
  constructor(
    private readonly database: Pick<DatabaseHandle, 'db' | 'dialect'>,
    private readonly now: () => number = Date.now,
  ) {
    this.db = database.db;
  }

  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    return this.change(key, (r, t) => hitRecord(r, t, limit, windowMs));
  }

  async peek(key: string, windowMs: number): Promise<number> {
    const r = await this.read(this.db, key);
    return r && this.now() - r.windowStart < windowMs ? r.count : 0;
  }

  async reset(key: string): Promise<void> {
    await this.db.deleteFrom('rate_limits').where('key', '=', key).execute();
  }

  async block(key: string, ms: number): Promise<void> {
    await this.change(key, (r, t) => ({ next: { ...(r ?? { windowStart: t, count: 0 }), blockedUntil: t + ms }, result: undefined }));
  }

  async blockedFor(key: string): Promise<number> {
    const r = await this.read(this.db, key);
    return r ? Math.max(0, r.blockedUntil - this.now()) : 0;
  }

  reserve(key: string, p: ReservePolicy): Promise<Reservation> {
    return this.change(key, (r, t) => reserveRecord(r, t, p));
  }

  async release(key: string, p: ReservePolicy, token: number): Promise<void> {
    await this.change(key, (r) => ({ next: releaseRecord(r, p, token), result: undefined }));
  }

  /** Reads the key's row (locked until the transaction ends on PostgreSQL), applies `f`, writes the result. */
  private async change<T>(
    key: string,
    f: (r: CounterRecord | undefined, t: number) => { next: CounterRecord | undefined; result: T },
  ): Promise<T> {
    const out = await this.db.transaction().execute(async (trx) => {
      // Counters need no fsync of their own: a crash may forget the last milliseconds of counts,
      // never corrupt them; a login must not wait for the disk four times.
      if (this.database.dialect === 'postgres') await sql`set local synchronous_commit to off`.execute(trx);
      const t = this.now();
      const before = await this.read(trx, key, true);
      const { next, result } = f(before, t);
      if (next) {
        const row = { window_start: next.windowStart, count: next.count, blocked_until: next.blockedUntil };
        await trx
          .insertInto('rate_limits')
          .values({ key, ...row })
          .onConflict((oc) => oc.column('key').doUpdateSet(row))
          .execute();
      }
      return result;
    });
    if (Math.random() < 1 / 512) await this.purge().catch(() => undefined);
    return out;
  }

  private async read(db: Db, key: string, lock = false): Promise<CounterRecord | undefined> {
    let q = db.selectFrom('rate_limits').select(['window_start', 'count', 'blocked_until']).where('key', '=', key);
    if (lock && this.database.dialect === 'postgres') {
      // A row that does not exist yet cannot be locked: create it first (a concurrent creator waits here).
      await db
        .insertInto('rate_limits')
        .values({ key, window_start: 0, count: 0, blocked_until: 0 })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      q = q.forUpdate();
    }
    const r = await q.executeTakeFirst();
    if (!r) return undefined;
    const windowStart = Number(r.window_start);
    // A row just created by the lock above (window 0) is a key never seen.
    if (windowStart === 0 && Number(r.count) === 0 && Number(r.blocked_until) === 0) return undefined;
    return { windowStart, count: Number(r.count), blockedUntil: Number(r.blocked_until) };
  }

  /** Deletes keys whose window and block are long over. */
  async purge(): Promise<number> {
    const t = this.now();
    const r = await this.db
      .deleteFrom('rate_limits')
      .where('window_start', '<', t - KEEP_MS)
      .where('blocked_until', '<=', t)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
