import type { ExpressionBuilder, Kysely } from 'kysely';
import { deleteBatch } from '../db/batch-delete';
import type { Database } from '../db/schema';
import { randomToken, sha256 } from '../shared/crypto';
import { FlowError, type Flow, type FlowKind } from './flow';
import { WrongStateError } from './machine';
import type { FlowRow, NewFlowRow } from '../db/tables/flows.table';

/** A sliding flow's expiry is written when read at most this often. */
export const SLIDE_WRITE_INTERVAL_MS = 60_000;

/** The database or a transaction of it: every method takes one, so a flow is saved with what it causes. */
type Db = Kysely<Database>;

/** What a new flow starts with (its state is the machine's initial state unless given). */
export interface NewFlow<S extends string, D> {
  data: D;
  state?: S;
  accountId?: string | null;
}

/** What a save changes: state, data or account; the version and times are the store's. */
export interface FlowChange<S extends string, D> {
  state?: S;
  data?: D;
  accountId?: string | null;
}

export interface FlowStore<S extends string, E extends string, D> {
  readonly kind: FlowKind<S, E, D>;
  /** a new flow and its token, not yet written: for a caller that writes it with other rows (`insertAll`) */
  prepare(init: NewFlow<S, D>, now: number): { token: string; flow: Flow<S, D>; row: NewFlowRow };
  create(db: Db, init: NewFlow<S, D>, now: number): Promise<{ token: string; flow: Flow<S, D> }>;
  /** the flow a token names; throws FLOW_NOT_FOUND or FLOW_EXPIRED. A sliding flow's expiry moves forward. */
  find(db: Db, token: string | undefined, now: number): Promise<Flow<S, D>>;
  /** the live flow a token names, or undefined (no error, expiry untouched): to resume rather than restart */
  findLive(db: Db, token: string | undefined, now: number): Promise<Flow<S, D> | undefined>;
  /** saves a change if nobody saved since `flow` was read; throws FLOW_CONFLICT otherwise */
  save(db: Db, flow: Flow<S, D>, change: FlowChange<S, D>, now: number): Promise<Flow<S, D>>;
  /** the machine's transition for `event` (FLOW_WRONG_STATE when not allowed), saved with `data` */
  advance(db: Db, flow: Flow<S, D>, event: E, now: number, data?: D): Promise<Flow<S, D>>;
  /** deletes the flow if nobody saved or consumed it since it was read: single use; throws FLOW_CONFLICT otherwise */
  consume(db: Db, flow: Flow<S, D>): Promise<void>;
  /** deletes this kind's flows of an account (a new one replaces them); returns how many */
  discardOf(db: Db, accountId: string): Promise<number>;
  /** the last step: the machine's transition for `event` must be allowed (FLOW_WRONG_STATE), then the flow is consumed */
  finish(db: Db, flow: Flow<S, D>, event: E): Promise<void>;
}

/** Tokens are 32 random bytes in base64url (43 characters; 24 bytes, 32 characters, for registrations started before the engine): anything else is not looked up. */
const plausible = (token: string | undefined): token is string => !!token && token.length >= 32 && token.length <= 64;

/** The id a token names (the row's primary key). */
export const flowId = (token: string): string => sha256(token);

export function flowStore<S extends string, E extends string, D>(kind: FlowKind<S, E, D>): FlowStore<S, E, D> {
  const name = kind.machine.name;
  const fail = (code: 'FLOW_NOT_FOUND' | 'FLOW_EXPIRED' | 'FLOW_CONFLICT' | 'FLOW_WRONG_STATE') => new FlowError(code, kind);
  const expiry = (f: Pick<Flow<S, D>, 'createdAt'>, now: number) => (kind.expiry === 'sliding' ? now : f.createdAt) + kind.ttlMs;
  /** The row of this flow as it was read: another request's save since (a second tab) makes it miss. */
  const asRead = (flow: Pick<Flow<S, D>, 'id' | 'version'>) => (eb: ExpressionBuilder<Database, 'flows'>) =>
    eb.and({ id: flow.id, kind: name, version: flow.version });

  const fromRow = (r: FlowRow): Flow<S, D> => {
    if (!kind.machine.isState(r.state)) throw fail('FLOW_NOT_FOUND');
    return {
      id: r.id,
      kind: r.kind,
      state: r.state,
      data: JSON.parse(r.data) as D,
      version: Number(r.version),
      accountId: r.account_id,
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
      expiresAt: Number(r.expires_at),
    };
  };

  const read = async (db: Db, token: string | undefined): Promise<Flow<S, D> | undefined> => {
    if (!plausible(token)) return undefined;
    const row = await db.selectFrom('flows').selectAll().where('id', '=', flowId(token)).where('kind', '=', name).executeTakeFirst();
    return row && fromRow(row);
  };

  const nextState = (flow: Flow<S, D>, event: E): S => {
    try {
      return kind.machine.next(flow.state, event);
    } catch (e) {
      if (e instanceof WrongStateError) throw fail('FLOW_WRONG_STATE');
      throw e;
    }
  };

  const store: FlowStore<S, E, D> = {
    kind,
    prepare(init, now) {
      const token = randomToken(32);
      const flow: Flow<S, D> = {
        id: flowId(token),
        kind: name,
        state: init.state ?? kind.machine.initial,
        data: init.data,
        version: 1,
        accountId: init.accountId ?? null,
        createdAt: now,
        updatedAt: now,
        expiresAt: now + kind.ttlMs,
      };
      const row: NewFlowRow = {
        id: flow.id,
        kind: name,
        state: flow.state,
        data: JSON.stringify(flow.data),
        version: flow.version,
        account_id: flow.accountId,
        created_at: now,
        updated_at: now,
        expires_at: flow.expiresAt,
      };
      return { token, flow, row };
    },

    async create(db, init, now) {
      const { token, flow, row } = store.prepare(init, now);
      await db.insertInto('flows').values(row).execute();
      return { token, flow };
    },

    async find(db, token, now) {
      const flow = await read(db, token);
      if (!flow) throw fail('FLOW_NOT_FOUND');
      if (flow.expiresAt <= now) throw fail('FLOW_EXPIRED');
      // Reading is activity too, written at most once a minute (as sessions do: a page shown writes
      // nothing else); no version change (a page shown does not race a form posted).
      if (kind.expiry === 'sliding' && !kind.machine.isFinal(flow.state) && now - flow.updatedAt >= SLIDE_WRITE_INTERVAL_MS) {
        flow.expiresAt = expiry(flow, now);
        flow.updatedAt = now;
        await db.updateTable('flows').set({ updated_at: now, expires_at: flow.expiresAt }).where('id', '=', flow.id).execute();
      }
      return flow;
    },

    async findLive(db, token, now) {
      const flow = await read(db, token);
      return flow && flow.expiresAt > now ? flow : undefined;
    },

    async save(db, flow, change, now) {
      const next: Flow<S, D> = {
        ...flow,
        state: change.state ?? flow.state,
        data: change.data ?? flow.data,
        accountId: change.accountId === undefined ? flow.accountId : change.accountId,
        version: flow.version + 1,
        updatedAt: now,
        expiresAt: expiry(flow, now),
      };
      const r = await db
        .updateTable('flows')
        .set({
          state: next.state,
          data: JSON.stringify(next.data),
          account_id: next.accountId,
          version: next.version,
          updated_at: now,
          expires_at: next.expiresAt,
        })
        .where(asRead(flow))
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw fail('FLOW_CONFLICT');
      return next;
    },

    async advance(db, flow, event, now, data) {
      return store.save(db, flow, { state: nextState(flow, event), ...(data === undefined ? {} : { data }) }, now);
    },

    async discardOf(db, accountId) {
      const r = await db.deleteFrom('flows').where('kind', '=', name).where('account_id', '=', accountId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    async finish(db, flow, event) {
      nextState(flow, event);
      await store.consume(db, flow);
    },

    async consume(db, flow) {
      const r = await db.deleteFrom('flows').where(asRead(flow)).executeTakeFirst();
      if (Number(r.numDeletedRows) !== 1) throw fail('FLOW_CONFLICT');
    },
  };
  return store;
}

/** Flows expired for longer than this are deleted by the sweep (until then they answer FLOW_EXPIRED, not FLOW_NOT_FOUND). */
export const FLOW_SWEEP_GRACE_MS = 24 * 60 * 60_000;
/** Rows deleted by one sweep at most (the next sweep goes on). */
const SWEEP_BATCH = 1000;

/** The one sweep of expired flows, every kind at once (run by the background worker on its schedule). */
export function sweepExpiredFlows(db: Db, now: number): Promise<number> {
  return deleteBatch(db, 'flows', (eb) => eb('expires_at', '<', now - FLOW_SWEEP_GRACE_MS), SWEEP_BATCH);
}
