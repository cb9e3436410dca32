import type { Redis } from 'ioredis';
import { updatedOneRow } from '../db/updated-one';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SessionsTable } from '../db/tables/sessions.table';
import { hotQuery } from '../db/hot-query';
import type { Clock } from '../shared/clock';
import { randomToken, sha256 } from '../shared/crypto';

/**
 * Sessions of signed-in people.
 * - The browser holds an opaque random token (256 bits) in the `mc_session` cookie; the store
 *   holds only its SHA-256, so a copy of the store cannot be replayed as cookies.
 * - A new id at login and at every privilege change (`rotate`): a session id set before login
 *   can never become a signed-in one (no session fixation).
 * - Ends after 30 minutes without activity (idle) and 12 hours after login (absolute), whatever
 *   the activity; ending a session (logout, « Mettre fin à cette session », password change) is
 *   done in the store, so the old cookie is worthless at once.
 * The store is a port: the database (table `sessions`, the default) or Redis (REDIS_URL).
 */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const IDLE_WARNING_MS = 25 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** `last_seen_at` is written at most once a minute per session (not on every request). */
export const TOUCH_INTERVAL_MS = 60_000;

export interface SessionData {
  /** how the person signed in */
  authMethod?: 'password' | 'franceconnect';
  /** the FranceConnect ID token, kept for the logout at FranceConnect (`id_token_hint`) */
  franceConnectIdToken?: string;
  [key: string]: unknown;
}

export interface SessionRecord {
  /** SHA-256 of the token */
  id: string;
  accountId: string;
  createdAt: number;
  lastSeenAt: number;
  /** absolute end (createdAt + 12 h) */
  expiresAt: number;
  endedAt: number | null;
  ip: string | null;
  userAgent: string | null;
  data: SessionData;
}

export interface SessionStore {
  insert(s: SessionRecord): Promise<void>;
  get(id: string): Promise<SessionRecord | undefined>;
  touch(id: string, at: number): Promise<void>;
  setData(id: string, data: SessionData): Promise<void>;
  /** Ends one session; false when it was not active. */
  end(id: string, at: number): Promise<boolean>;
  /**
   * Ends every active session of an account (but `exceptId`); returns how many were ended. With
   * `trx` (the database store), inside that transaction: they end only if it commits. The Redis
   * store ends them at once — before the caller's commit, so a failure leaves them ended, never alive.
   */
  endAllOf(accountId: string, at: number, exceptId?: string, trx?: Kysely<Database>): Promise<number>;
  /** Sessions of an account neither ended nor past their absolute end, newest first. */
  activeOf(accountId: string, now: number): Promise<SessionRecord[]>;
}

export type SessionResolution =
  | { status: 'active'; session: SessionRecord }
  | { status: 'expired'; session: SessionRecord; reason: 'idle_timeout' | 'absolute_timeout' }
  | { status: 'none' };

export class SessionService {
  constructor(
    readonly store: SessionStore,
    private readonly clock: Clock,
  ) {}

  /** A new session for an account: returns the token for the cookie (never stored) and the record. */
  async create(o: {
    accountId: string;
    ip: string | null;
    userAgent: string | null;
    data?: SessionData;
    createdAt?: number;
  }): Promise<{ token: string; session: SessionRecord }> {
    const now = this.clock.now();
    const token = randomToken(32);
    const createdAt = o.createdAt ?? now;
    const session: SessionRecord = {
      id: sha256(token),
      accountId: o.accountId,
      createdAt,
      lastSeenAt: now,
      expiresAt: createdAt + ABSOLUTE_TIMEOUT_MS,
      endedAt: null,
      ip: o.ip,
      userAgent: o.userAgent,
      data: o.data ?? {},
    };
    await this.store.insert(session);
    return { token, session };
  }

  /** The session a cookie token stands for; an active one is marked as seen (at most once a minute). */
  async resolve(token: string | undefined): Promise<SessionResolution> {
    if (!token || token.length < 40 || token.length > 64) return { status: 'none' };
    const session = await this.store.get(sha256(token));
    if (!session || session.endedAt !== null) return { status: 'none' };
    const now = this.clock.now();
    const reason = now >= session.expiresAt ? 'absolute_timeout' : now - session.lastSeenAt >= IDLE_TIMEOUT_MS ? 'idle_timeout' : undefined;
    if (reason) {
      await this.store.end(session.id, now);
      return { status: 'expired', session, reason };
    }
    if (now - session.lastSeenAt >= TOUCH_INTERVAL_MS) {
      await this.store.touch(session.id, now);
      session.lastSeenAt = now;
    }
    return { status: 'active', session };
  }

  /** Same account, same data, same absolute end, a NEW id (after a privilege change). */
  async rotate(
    old: SessionRecord,
    o: { ip: string | null; userAgent: string | null; data?: SessionData },
  ): Promise<{ token: string; session: SessionRecord }> {
    const next = await this.create({
      accountId: old.accountId,
      ip: o.ip,
      userAgent: o.userAgent,
      data: o.data ?? old.data,
      createdAt: old.createdAt,
    });
    await this.store.end(old.id, this.clock.now());
    return next;
  }

  /** « Rester connecté »: the session is marked as seen now, whatever the minute granularity. */
  async keepAlive(s: SessionRecord): Promise<void> {
    const now = this.clock.now();
    await this.store.touch(s.id, now);
    s.lastSeenAt = now;
  }

  end(id: string): Promise<boolean> {
    return this.store.end(id, this.clock.now());
  }

  endAllOf(accountId: string, exceptId?: string, trx?: Kysely<Database>): Promise<number> {
    return this.store.endAllOf(accountId, this.clock.now(), exceptId, trx);
  }

  /** Active sessions of an account (idle ones left out), newest first. */
  async activeOf(accountId: string): Promise<SessionRecord[]> {
    const now = this.clock.now();
    return (await this.store.activeOf(accountId, now)).filter((s) => now - s.lastSeenAt < IDLE_TIMEOUT_MS);
  }

  setData(id: string, data: SessionData): Promise<void> {
    return this.store.setData(id, data);
  }
}

/** What the security page puts in a form to name a session: derived from the id, reveals nothing. */
export function sessionHandle(s: Pick<SessionRecord, 'id'>): string {
  return sha256(`session-handle:${s.id}`).slice(0, 32);
}

// ---------------------------------------------------------------------------------------------
/** Read on every request: compiled once (src/db/hot-query.ts). */
const sessionById = {
  sessions: hotQuery((db, id: string) => db.selectFrom('sessions').selectAll().where('id', '=', id)),
  agent_sessions: hotQuery((db, id: string) => db.selectFrom('agent_sessions').selectAll().where('id', '=', id)),
};

// Database store (table `sessions`).

export class DbSessionStore implements SessionStore {
  private readonly db: Kysely<Database>;
  private readonly table: 'sessions';
  /**
   * `agent_sessions` (migration 0010) has the same columns for the Caf's agents: one code path, and
   * a session id can only ever name the kind of user its table holds.
   */
  constructor(db: Kysely<Database>, table: 'sessions' | 'agent_sessions' = 'sessions') {
    this.db = db;
    this.table = table as 'sessions';
  }

  async insert(s: SessionRecord): Promise<void> {
    await this.db
      .insertInto(this.table)
      .values({
        id: s.id,
        account_id: s.accountId,
        created_at: s.createdAt,
        last_seen_at: s.lastSeenAt,
        expires_at: s.expiresAt,
        ended_at: s.endedAt,
        ip: s.ip,
        user_agent: s.userAgent,
        data: JSON.stringify(s.data),
      })
      .execute();
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const [r] = await sessionById[this.table](this.db, id);
    return r && fromRow(r);
  }

  async touch(id: string, at: number): Promise<void> {
    await this.db.updateTable(this.table).set({ last_seen_at: at }).where('id', '=', id).where('ended_at', 'is', null).execute();
  }

  async setData(id: string, data: SessionData): Promise<void> {
    await this.db
      .updateTable(this.table)
      .set({ data: JSON.stringify(data) })
      .where('id', '=', id)
      .execute();
  }

  async end(id: string, at: number): Promise<boolean> {
    return updatedOneRow(this.db.updateTable(this.table).set({ ended_at: at }).where('id', '=', id).where('ended_at', 'is', null));
  }

  async endAllOf(accountId: string, at: number, exceptId?: string, trx?: Kysely<Database>): Promise<number> {
    let q = (trx ?? this.db)
      .updateTable(this.table)
      .set({ ended_at: at })
      .where('account_id', '=', accountId)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', at);
    if (exceptId) q = q.where('id', '!=', exceptId);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async activeOf(accountId: string, now: number): Promise<SessionRecord[]> {
    const rows = await this.db
      .selectFrom(this.table)
      .selectAll()
      .where('account_id', '=', accountId)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .limit(50)
      .execute();
    return rows.map(fromRow);
  }
}

function fromRow(r: SessionsTable): SessionRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    createdAt: Number(r.created_at),
    lastSeenAt: Number(r.last_seen_at),
    expiresAt: Number(r.expires_at),
    endedAt: r.ended_at === null ? null : Number(r.ended_at),
    ip: r.ip,
    userAgent: r.user_agent,
    data: JSON.parse(r.data) as SessionData,
  };
}

// ---------------------------------------------------------------------------------------------
// Redis store: one hash per session (`mc:sess:<id>`, expiring with the session's absolute end)
// and one set of session ids per account (`mc:acct-sess:<account id>`). An ended session is
// deleted: it can no longer be found, which is all the cookie check needs (the history of logins
// lives in audit_events).

/** Updates fields of a session hash only if it still exists (never resurrects an ended session). */
const UPDATE_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  return 1
end
return 0
`;

export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly clock: Clock,
    private readonly prefix = 'mc:',
  ) {}

  private key(id: string): string {
    return `${this.prefix}sess:${id}`;
  }
  private accountKey(accountId: string): string {
    return `${this.prefix}acct-sess:${accountId}`;
  }

  async insert(s: SessionRecord): Promise<void> {
    const ttl = Math.max(1, s.expiresAt - this.clock.now());
    await this.redis
      .multi()
      .hset(this.key(s.id), {
        accountId: s.accountId,
        createdAt: String(s.createdAt),
        lastSeenAt: String(s.lastSeenAt),
        expiresAt: String(s.expiresAt),
        ip: s.ip ?? '',
        userAgent: s.userAgent ?? '',
        data: JSON.stringify(s.data),
      })
      .pexpire(this.key(s.id), ttl)
      .sadd(this.accountKey(s.accountId), s.id)
      .pexpire(this.accountKey(s.accountId), ABSOLUTE_TIMEOUT_MS)
      .exec();
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const h = await this.redis.hgetall(this.key(id));
    return fromHash(id, h);
  }

  async touch(id: string, at: number): Promise<void> {
    await this.redis.eval(UPDATE_IF_EXISTS, 1, this.key(id), 'lastSeenAt', String(at));
  }

  async setData(id: string, data: SessionData): Promise<void> {
    await this.redis.eval(UPDATE_IF_EXISTS, 1, this.key(id), 'data', JSON.stringify(data));
  }

  async end(id: string, _at: number): Promise<boolean> {
    const accountId = await this.redis.hget(this.key(id), 'accountId');
    const [[, deleted] = [null, 0]] = ((await this.redis
      .multi()
      .del(this.key(id))
      .srem(this.accountKey(accountId ?? '-'), id)
      .exec()) ?? []) as [Error | null, number][];
    return Number(deleted) === 1;
  }

  async endAllOf(accountId: string, _at: number, exceptId?: string): Promise<number> {
    const ids = (await this.redis.smembers(this.accountKey(accountId))).filter((id) => id !== exceptId);
    if (!ids.length) return 0;
    const deleted = await this.redis.del(...ids.map((id) => this.key(id)));
    await this.redis.srem(this.accountKey(accountId), ...ids);
    return deleted;
  }

  async activeOf(accountId: string, now: number): Promise<SessionRecord[]> {
    const ids = await this.redis.smembers(this.accountKey(accountId));
    if (!ids.length) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hgetall(this.key(id));
    const results = (await pipe.exec()) ?? [];
    const sessions: SessionRecord[] = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const s = fromHash(id, (results[i]?.[1] ?? {}) as Record<string, string>);
      if (s && s.expiresAt > now) sessions.push(s);
      else gone.push(id);
    });
    if (gone.length) await this.redis.srem(this.accountKey(accountId), ...gone);
    return sessions.sort((a, b) => b.createdAt - a.createdAt);
  }
}

function fromHash(id: string, h: Record<string, string>): SessionRecord | undefined {
  if (!h.accountId) return undefined;
  return {
    id,
    accountId: h.accountId,
    createdAt: Number(h.createdAt),
    lastSeenAt: Number(h.lastSeenAt),
    expiresAt: Number(h.expiresAt),
    endedAt: null,
    ip: h.ip || null,
    userAgent: h.userAgent || null,
    data: JSON.parse(h.data ?? '{}') as SessionData,
  };
}
