import { sql, type Kysely } from 'kysely';
import { retryWriteConflict } from '../db/conflicts';
import type { DatabaseHandle } from '../db/database';
import type { Database } from '../db/schema';
import {
  hitRecord,
  releaseOneByOne,
  reservationDelay,
  reserveOneByOne,
  reserveRecord,
  type KeyPolicy,
  type KeyRelease,
  type CounterRecord,
  type RateLimiter,
  type RateLimitResult,
  type Reservation,
  type ReservePolicy,
} from './rate-limit';

/**
 * Rate-limit counters in the database (table `rate_limits`, migration 0011): the default when there
 * is no Redis, and Redis's fallback. Shared by every instance on the same database.
 *
 * `reserve` and `release` — the two changes of every password step — are each ONE statement, atomic
 * by themselves (no transaction, no lock held across a round trip): an upsert whose `set` applies the
 * rule of ./rate-limit.ts to the row as it is at that instant (and whose `where` refuses a blocked or
 * full key), and an update. The rule is therefore written twice, in TypeScript (memory store, the
 * new key's first row) and in SQL here — as it is in Lua for Redis; test/reliability/reserve.test.ts
 * runs the same sequences on every store. Every other change (`hit`, `block`: rarer) is one short
 * transaction on the key's row — `select … for update` on PostgreSQL, the write lock taken at BEGIN
 * on SQLite. Either way concurrent attempts are counted one after the other, never both allowed on
 * one count.
 *
 * Lock order: a statement that changes several keys (reserveInOrder, releaseAll) takes their rows in
 * the order given — the identifier's, then the IP's — and nothing takes two rows in another order, so
 * two logins can never wait for each other's rows (a release that took the IP's row first deadlocked
 * with a reservation under load, answering 500 and losing the give-back). Should PostgreSQL still
 * abort a statement as a deadlock or a serialization failure, it is run once more (src/db/conflicts.ts).
 *
 * On PostgreSQL the table is UNLOGGED (migration 0012): counters write no WAL and wait for no fsync;
 * a crash of the database server (not a clean restart) empties them, as a Redis restart would.
 */
type Db = Kysely<Database>;

/** Rows whose window started more than this long ago (and whose block is over) are deleted now and then. */
const KEEP_MS = 25 * 60 * 60_000;

type Row = { window_start: number | string; count: number | string; blocked_until: number | string };

/** The counter a row holds; a row just created by the locked path (window 0, nothing counted) is a key never seen. */
function record(r: Row): CounterRecord | undefined {
  const windowStart = Number(r.window_start);
  if (windowStart === 0 && Number(r.count) === 0 && Number(r.blocked_until) === 0) return undefined;
  return { windowStart, count: Number(r.count), blockedUntil: Number(r.blocked_until) };
}

/** The answer of a reservation that counted, from the row it left (its count is at least 1). */
function reserved(row: Row, t: number, p: ReservePolicy): Reservation {
  const after = record(row)!;
  const delay = reservationDelay(after, t, p);
  return { allowed: true, count: after.count, delayMs: delay, token: delay > 0 ? after.blockedUntil : 0 };
}

/** The row `r`'s window as `current()` of ./rate-limit.ts sees it at `t`: a window that is over starts again. */
const cur = {
  start: (t: number, p: ReservePolicy) => sql`case when ${t} - r.window_start >= ${p.windowMs} then ${t} else r.window_start end`,
  count: (t: number, p: ReservePolicy) => sql`case when ${t} - r.window_start >= ${p.windowMs} then 0 else r.count end`,
};

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

  async reserve(key: string, p: ReservePolicy): Promise<Reservation> {
    for (;;) {
      const t = this.now();
      const { rows } = await retryWriteConflict(() => this.reserveStatement(key, t, p).execute(this.db));
      if (rows[0]) return reserved(rows[0], t, p);
      const refusal = await this.refusal(key, p);
      if (refusal) return refusal;
    }
  }

  /**
   * On PostgreSQL, one statement: each key's upsert is a CTE that runs only if the one before it
   * counted its attempt (`where exists`), so a refused key leaves the keys after it untouched, as
   * one `reserve` after the other would.
   */
  async reserveInOrder(entries: readonly KeyPolicy[]): Promise<Reservation[]> {
    const distinct = new Set(entries.map((e) => e.key)).size === entries.length;
    if (this.database.dialect !== 'postgres' || entries.length < 2 || !distinct) return reserveOneByOne(this, entries);
    const t = this.now();
    const ctes = entries.map(
      (e, i) => sql`${sql.ref(`k${i}`)} as (${this.reserveStatement(e.key, t, e.policy, i > 0 ? `k${i - 1}` : undefined)})`,
    );
    const selects = entries.map((_, i) => sql`select ${sql.lit(i)} as i, window_start, count, blocked_until from ${sql.ref(`k${i}`)}`);
    const statement = sql<Row & { i: number }>`with ${sql.join(ctes)} ${sql.join(selects, sql` union all `)}`;
    const { rows } = await retryWriteConflict(() => statement.execute(this.db));
    const out: Reservation[] = [];
    for (const [i, e] of entries.entries()) {
      const row = rows.find((r) => Number(r.i) === i);
      if (row) {
        out.push(reserved(row, t, e.policy));
        continue;
      }
      // The first key that did not count its attempt: refused — or, if its row changed meanwhile,
      // counted now by `reserve`, and the rest one after the other.
      const refusal = await this.refusal(e.key, e.policy);
      if (refusal) return [...out, refusal];
      return [...out, ...(await reserveOneByOne(this, entries.slice(i)))];
    }
    return out;
  }

  async release(key: string, p: ReservePolicy, token: number): Promise<void> {
    await retryWriteConflict(() => this.releaseStatement(key, p, token).execute(this.db));
  }

  /**
   * On PostgreSQL, one statement (an update per key, as CTEs), taking the rows in the order given —
   * the order of reserveInOrder. Unread CTEs would run last one first (PostgreSQL finishes them in
   * reverse): each update waits for the one before it to have run (`after`).
   */
  async releaseAll(entries: readonly KeyRelease[]): Promise<void> {
    if (this.database.dialect !== 'postgres' || entries.length < 2) return releaseOneByOne(this, entries);
    const ctes = entries.map(
      (e, i) => sql`${sql.ref(`k${i}`)} as (${this.releaseStatement(e.key, e.policy, e.token, i > 0 ? `k${i - 1}` : undefined)})`,
    );
    const statement = sql`with ${sql.join(ctes)} select count(*) from ${sql.ref(`k${entries.length - 1}`)}`;
    await retryWriteConflict(() => statement.execute(this.db));
  }

  /** reserveRecord as one upsert, answering the row it counted on (none when refused). `after`: a CTE that must have a row. */
  private reserveStatement(key: string, t: number, p: ReservePolicy, after?: string) {
    const first = reserveRecord(undefined, t, p).next; // the row of a key never seen
    const source = after
      ? sql`select cast(${key} as text), cast(${first.windowStart} as bigint), cast(${first.count} as integer), cast(${first.blockedUntil} as bigint) where exists (select 1 from ${sql.ref(after)})`
      : sql`values (${key}, ${first.windowStart}, ${first.count}, ${first.blockedUntil})`;
    return sql<Row>`
      insert into rate_limits as r (key, window_start, count, blocked_until) ${source}
      on conflict (key) do update set ${this.reserveSet(t, p)}
      where r.blocked_until <= ${t} and ${cur.count(t, p)} < ${p.limit}
      returning window_start, count, blocked_until`;
  }

  /** releaseRecord as one update; `after` (PostgreSQL): a CTE run to its end before this row is taken. */
  private releaseStatement(key: string, p: ReservePolicy, token: number, after?: string) {
    const count = this.database.dialect === 'postgres' ? sql`greatest(count - 1, 0)` : sql`max(count - 1, 0)`;
    const order = after ? sql` and (select count(*) from ${sql.ref(after)}) >= 0` : sql``;
    const returning = this.database.dialect === 'postgres' ? sql` returning key` : sql``;
    return sql`
      update rate_limits set count = ${count},
        blocked_until = case when ${count} < ${p.threshold} or (${token > 0 ? 1 : 0} = 1 and blocked_until = ${token}) then 0 else blocked_until end
      where key = ${key}${order}${returning}`;
  }

  /** A refused reservation and how long to wait, from the row as it is now; undefined if it would now be allowed. */
  private async refusal(key: string, p: ReservePolicy): Promise<Reservation | undefined> {
    const r = reserveRecord(await this.read(this.db, key), this.now(), p).result;
    return r.allowed ? undefined : r;
  }

  /**
   * reserveRecord in SQL, on the row `r` before the change: the window rolls over when it is over
   * (the block stays), the count goes up by one, and the block is set when the new count calls for a
   * delay (policyDelay, doubled with each count from the threshold on, at most maxDelayMs; until the
   * window's end once the limit is reached).
   */
  private reserveSet(t: number, p: ReservePolicy) {
    const { least, greatest } = this.fns();
    const count = sql`(${cur.count(t, p)} + 1)`;
    const start = cur.start(t, p);
    const exponent = sql`${least}(${count} - ${p.threshold}, 40)`;
    const backoff = sql`case when ${count} < ${p.threshold} then 0 else ${least}(${p.baseDelayMs} * (${sql.raw(this.one())} << ${exponent}), ${p.maxDelayMs}) end`;
    const delay = sql`case when ${count} >= ${p.limit} then ${greatest}(${backoff}, ${start} + ${p.windowMs} - ${t}) else ${backoff} end`;
    return sql`window_start = ${start}, count = ${count},
      blocked_until = case when ${delay} > 0 then ${t} + ${delay} else r.blocked_until end`;
  }

  private fns() {
    return this.database.dialect === 'postgres'
      ? { least: sql.raw('least'), greatest: sql.raw('greatest') }
      : { least: sql.raw('min'), greatest: sql.raw('max') };
  }

  /** A 64-bit one, so that the shift cannot overflow 32 bits on PostgreSQL. */
  private one(): string {
    return this.database.dialect === 'postgres' ? '1::bigint' : '1';
  }

  /** Reads the key's row (locked until the transaction ends on PostgreSQL), applies `f`, writes the result. */
  private async change<T>(
    key: string,
    f: (r: CounterRecord | undefined, t: number) => { next: CounterRecord | undefined; result: T },
  ): Promise<T> {
    const out = await retryWriteConflict(() =>
      this.db.transaction().execute(async (trx) => {
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
      }),
    );
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
    return r && record(r);
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
