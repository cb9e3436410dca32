import { expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database';
import type { FlowStore } from '../../src/flows/store';
import { flowId } from '../../src/flows/store';

/**
 * What every kind of flow must do, whatever it holds (after Kratos's one persister test suite run
 * against every store): run inside a `describe.each(testDatabases)` with the kind's store and a
 * sample of its data.
 */
export interface ConformanceCase {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  store: FlowStore<any, any, any>;
  data: unknown;
}

export function flowConformance(open: () => Promise<DatabaseHandle>, c: ConformanceCase): void {
  const { store } = c;
  const { machine, ttlMs, expiry } = store.kind;
  const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
  const withDb = (run: (db: DatabaseHandle['db']) => Promise<void>) => async () => {
    const h = await open();
    try {
      await run(h.db);
    } finally {
      await h.destroy();
    }
  };

  it(
    'creates a flow in its initial state; only the SHA-256 of its ≥128-bit token is stored',
    withDb(async (db) => {
      const { token, flow } = await store.create(db, { data: c.data }, T0);
      expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
      expect(flow).toMatchObject({ id: flowId(token), kind: machine.name, state: machine.initial, version: 1, expiresAt: T0 + ttlMs });
      const rows = await db.selectFrom('flows').select(['id', 'data']).execute();
      expect(rows.map((r) => r.id)).toEqual([flowId(token)]);
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(await store.find(db, token, T0 + 1)).toMatchObject({ id: flow.id, state: machine.initial, data: c.data });
    }),
  );

  it(
    'answers FLOW_NOT_FOUND for an unknown, malformed or missing token, or a flow of another kind',
    withDb(async (db) => {
      const { token } = await store.create(db, { data: c.data }, T0);
      for (const t of [undefined, '', 'court', `${token.slice(0, -2)}xx`, token.repeat(3)]) {
        await expect(store.find(db, t, T0)).rejects.toMatchObject({ code: 'FLOW_NOT_FOUND', status: 404 });
      }
      await db.updateTable('flows').set({ kind: 'another-kind' }).execute();
      await expect(store.find(db, token, T0)).rejects.toMatchObject({ code: 'FLOW_NOT_FOUND' });
    }),
  );

  it(
    `expires after ${ttlMs / 60_000} min (${expiry}) with FLOW_EXPIRED and the kind's name in the message`,
    withDb(async (db) => {
      const { token } = await store.create(db, { data: c.data }, T0);
      const half = Math.floor(ttlMs / 2) + 1;
      await store.find(db, token, T0 + half);
      const later = T0 + ttlMs + 1;
      if (expiry === 'sliding') {
        expect((await store.find(db, token, later)).expiresAt).toBe(later + ttlMs);
      } else {
        await expect(store.find(db, token, later)).rejects.toMatchObject({ code: 'FLOW_EXPIRED', status: 410 });
        await expect(store.find(db, token, later)).rejects.toThrow(`Votre ${store.kind.label} a expiré`);
      }
      expect(await store.findLive(db, token, T0 + 10 * ttlMs)).toBeUndefined();
      await expect(store.find(db, token, T0 + 10 * ttlMs)).rejects.toMatchObject({ code: 'FLOW_EXPIRED' });
    }),
  );

  it(
    'saves with optimistic concurrency: a second save from the same read is FLOW_CONFLICT',
    withDb(async (db) => {
      const { token } = await store.create(db, { data: c.data }, T0);
      const read = await store.find(db, token, T0);
      const saved = await store.save(db, read, { data: c.data }, T0 + 1);
      expect(saved.version).toBe(2);
      await expect(store.save(db, read, { data: c.data }, T0 + 2)).rejects.toMatchObject({ code: 'FLOW_CONFLICT', status: 409 });
      expect((await store.find(db, token, T0 + 3)).version).toBe(2);
    }),
  );

  it(
    'refuses an event its state does not accept with FLOW_WRONG_STATE, and advances on one it does',
    withDb(async (db) => {
      const { token } = await store.create(db, { data: c.data }, T0);
      const flow = await store.find(db, token, T0);
      const allowed = machine.events(flow.state);
      const refused = machine.states.flatMap((s: string) => machine.events(s)).find((e: string) => !allowed.includes(e));
      if (refused) await expect(store.advance(db, flow, refused, T0)).rejects.toMatchObject({ code: 'FLOW_WRONG_STATE', status: 409 });
      if (allowed[0]) expect((await store.advance(db, flow, allowed[0], T0 + 1)).state).toBe(machine.next(flow.state, allowed[0]));
    }),
  );

  it(
    'finishes only by an event its state accepts; discards an account’s flows of this kind only',
    withDb(async (db) => {
      const { token } = await store.create(db, { data: c.data, accountId: 'acc-1' }, T0);
      const flow = await store.find(db, token, T0);
      const refused = machine.states.flatMap((s: string) => machine.events(s)).find((e: string) => !machine.can(flow.state, e));
      if (refused) await expect(store.finish(db, flow, refused)).rejects.toMatchObject({ code: 'FLOW_WRONG_STATE' });
      const other = await store.create(db, { data: c.data, accountId: 'acc-2' }, T0);
      expect(await store.discardOf(db, 'acc-1')).toBe(1);
      await expect(store.find(db, token, T0)).rejects.toMatchObject({ code: 'FLOW_NOT_FOUND' });
      expect(await store.findLive(db, other.token, T0)).toMatchObject({ accountId: 'acc-2' });
    }),
  );

  it(
    'is consumed once: two consumers of the same read, one wins',
    withDb(async (db) => {
      const { token } = await store.create(db, { data: c.data }, T0);
      const read = await store.find(db, token, T0);
      const results = await Promise.allSettled([store.consume(db, read), store.consume(db, read)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      await expect(store.find(db, token, T0)).rejects.toMatchObject({ code: 'FLOW_NOT_FOUND' });
    }),
  );
}
