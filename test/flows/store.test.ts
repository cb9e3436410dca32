import { createDraft, DRAFT_TTL_MS } from '../../src/demarches/repository';
import { createTestAccount } from '../support/accounts';
import { describe, expect, it } from 'vitest';
import { createMessaging } from '../../src/messaging';
import { testConfig } from '../../src/config/config';
import { defineFlowKind } from '../../src/flows/flow';
import { defineMachine } from '../../src/flows/machine';
import { FLOW_SWEEP_GRACE_MS, flowStore, sweepExpiredFlows } from '../../src/flows/store';
import { TestClock } from '../support/clock';
import { openTransaction } from '../../src/flows/franceconnect-transactions';
import { testDatabases, withTestContext } from '../support/databases';
import { flowConformance } from './conformance';

const door = (name: string) =>
  defineMachine({
    name,
    states: ['closed', 'open', 'gone'],
    initial: 'closed',
    final: ['gone'],
    transitions: { closed: { open: 'open' }, open: { close: 'closed', leave: 'gone' } },
  });
const fixed = flowStore(
  defineFlowKind<{ n: number }>()({
    machine: door('test-door'),
    ttlMs: 15 * 60_000,
    expiry: 'fixed',
    label: 'porte',
    restartPath: '/porte',
  }),
);
const sliding = flowStore(
  defineFlowKind<{ n: number }>()({
    machine: door('test-sliding-door'),
    ttlMs: 60 * 60_000,
    expiry: 'sliding',
    label: 'porte glissante',
    restartPath: '/porte',
  }),
);

describe.each(testDatabases)('flow store on $name', ({ open }) => {
  describe('a fixed expiry', () => flowConformance(open, { store: fixed, data: { n: 1 } }));
  describe('a sliding expiry', () => flowConformance(open, { store: sliding, data: { n: 2 } }));

  it('sweeps flows expired for more than a day, every kind at once, and nothing else', async () => {
    const h = await open();
    try {
      const t = Date.UTC(2026, 10, 26);
      const old = await fixed.create(h.db, { data: { n: 1 } }, t);
      const recent = await sliding.create(h.db, { data: { n: 2 } }, t + FLOW_SWEEP_GRACE_MS);
      const live = await fixed.create(h.db, { data: { n: 3 } }, t + 2 * FLOW_SWEEP_GRACE_MS);
      expect(await sweepExpiredFlows(h.db, t + 15 * 60_000 + FLOW_SWEEP_GRACE_MS + 1)).toBe(1);
      const ids = (await h.db.selectFrom('flows').select('id').execute()).map((r) => r.id).sort();
      expect(ids).toEqual([recent.flow.id, live.flow.id].sort());
      expect(ids).not.toContain(old.flow.id);
    } finally {
      await h.destroy();
    }
  });

  it('is swept by the delivery worker on its schedule', async () => {
    const h = await open();
    const clock = new TestClock();
    const messaging = createMessaging(testConfig(), h.db, clock, { worker: { housekeeping: [(now) => sweepExpiredFlows(h.db, now)] } });
    try {
      await fixed.create(h.db, { data: { n: 1 } }, clock.now());
      clock.advance(2 * FLOW_SWEEP_GRACE_MS);
      await messaging.worker.sweep();
      expect(await h.db.selectFrom('flows').select('id').execute()).toEqual([]);
    } finally {
      await messaging.worker.close();
      await h.destroy();
    }
  });
});

describe.each(testDatabases)('the application’s worker on $name', ({ open }) => {
  it('sweeps expired flows, FranceConnect transactions and brouillons with its hourly sweep', () =>
    withTestContext(open, async (ctx, clock) => {
      const db = ctx.database.db;
      const account = await createTestAccount(ctx);
      await createDraft(db, { accountId: account.id, prestation: 'rsa', now: clock.now() });
      await fixed.create(db, { data: { n: 1 } }, clock.now());
      await openTransaction(db, { kind: 'login', state: 's', nonce: 'n' }, clock.now());
      await ctx.messaging.worker.sweep();
      expect(await db.selectFrom('flows').select('id').execute()).toHaveLength(1);
      clock.advance(2 * FLOW_SWEEP_GRACE_MS);
      await ctx.messaging.worker.sweep();
      expect(await db.selectFrom('flows').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('franceconnect_transactions').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('demarches').select('id').execute()).toHaveLength(1);
      clock.advance(DRAFT_TTL_MS);
      await ctx.messaging.worker.sweep();
      expect(await db.selectFrom('demarches').select('id').execute()).toEqual([]);
    }));
});
