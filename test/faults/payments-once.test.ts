import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { migrate } from '../../src/db/migrate';
import { createHousehold, recordBankAccount } from '../../src/household/repository';
import { grantDroit } from '../../src/payments/droits';
import { addMonths, lastPayableMonth } from '../../src/payments/months';
import { agencyDay } from '../../src/shared/french-time';
import { until } from './support';

/**
 * Payments are made at most once per droit and month, whatever happens to the workers: a run
 * killed with kill -9 in the middle and started again, and two runs at the same time, on SQLite
 * (a file) and PostgreSQL (the test server, a database of its own). The runs are real processes
 * (scripts/run-payments.ts, the worker's run); each household has a rappel and an indu open, which
 * must be paid or deducted once too.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const HOUSEHOLDS = 120;
const MONTHS = 6;
const dir = mkdtempSync(join(tmpdir(), 'mc-payments-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runner(url: string, pauseMs: number) {
  let out = '';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/run-payments.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, PAYMENT_RUN_PAUSE_MS: String(pauseMs) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  return { proc, exited, output: () => out };
}

async function seed(url: string) {
  const h = await openDatabase(url);
  await migrate(h);
  const now = Date.now();
  const upTo = lastPayableMonth(agencyDay(now));
  for (let i = 0; i < HOUSEHOLDS; i++) {
    const householdId = await createHousehold(h.db, String(7_100_000 + i), now - 400 * 86_400_000);
    await recordBankAccount(h.db, householdId, { iban: 'FR7630006000011234567890189', holder: 'A' }, null, now - 300 * 86_400_000);
    const d = await grantDroit(h.db, {
      householdId,
      memberId: null,
      prestation: 'aide-au-logement',
      monthlyAmountCents: 20_000,
      firstMonth: addMonths(upTo, -(MONTHS - 1)),
      lastMonth: null,
      demarcheId: null,
      agentId: null,
      motif: 'Demande acceptée',
      now,
    });
    for (const [kind, amount, seq] of [
      ['rappel', 3_000, 2],
      ['indu', 150_000, 3],
    ] as const)
      await h.db
        .insertInto('payment_adjustments')
        .values({
          id: `${kind}-${i}`,
          droit_id: d.id,
          household_id: householdId,
          kind,
          month: upTo,
          amount_cents: amount,
          reason: 'test',
          change_seq: seq,
          created_at: now,
          settled_at: null,
        })
        .execute();
  }
  return h;
}

async function expectOnce(url: string) {
  const h = await openDatabase(url);
  try {
    const payments = await h.db.selectFrom('payments').select(['droit_id', 'month', 'id', 'amount_cents']).execute();
    expect(payments.length).toBe(HOUSEHOLDS * MONTHS);
    expect(new Set(payments.map((p) => `${p.droit_id}|${p.month}`)).size).toBe(HOUSEHOLDS * MONTHS);
    const lines = await h.db.selectFrom('payment_adjustment_lines').selectAll().execute();
    const byAdjustment = new Map<string, number[]>();
    for (const l of lines) byAdjustment.set(l.adjustment_id, [...(byAdjustment.get(l.adjustment_id) ?? []), l.amount_cents]);
    for (let i = 0; i < HOUSEHOLDS; i++) {
      expect(byAdjustment.get(`rappel-${i}`)).toEqual([3_000]);
      // the indu (1 500 €) is more than half of six payments of 200 €: exactly 600 € was deducted, never more
      expect((byAdjustment.get(`indu-${i}`) ?? []).reduce((s, x) => s + x, 0)).toBe(-60_000);
    }
    const perPayment = new Map<string, number>();
    for (const l of lines) if (l.amount_cents < 0) perPayment.set(l.payment_id, (perPayment.get(l.payment_id) ?? 0) - l.amount_cents);
    for (const p of payments) expect(perPayment.get(p.id) ?? 0).toBeLessThanOrEqual(p.amount_cents / 2);
  } finally {
    await h.destroy();
  }
}

async function countPayments(url: string): Promise<number> {
  const h = await openDatabase(url);
  try {
    const r = await h.db
      .selectFrom('payments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  } finally {
    await h.destroy();
  }
}

async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return undefined;
  const name = `mon_compte_payments_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const databases: Array<{ name: string; make: () => Promise<{ url: string; drop: () => Promise<void> } | undefined> }> = [
  {
    name: 'sqlite',
    make: async () => ({ url: `sqlite:${join(dir, `db-${Math.random().toString(36).slice(2)}.sqlite`)}`, drop: async () => {} }),
  },
  { name: 'postgresql', make: freshPostgres },
];

describe.each(databases)('payments once on $name', { timeout: 240_000 }, ({ make }) => {
  it('kill -9 in the middle of a run, then a run again: every droit and month paid once, rappels and indus settled once', async () => {
    const db = await make();
    if (!db) return expect(process.env.TEST_DATABASE_URL).toBeUndefined();
    try {
      (await seed(db.url)).destroy();
      const first = runner(db.url, 30);
      const partway = await until(
        async () => {
          const n = await countPayments(db.url);
          return n > 0 && n;
        },
        60_000,
        'the first payments',
      );
      first.proc.kill('SIGKILL');
      await first.exited;
      const afterKill = await countPayments(db.url);
      expect(afterKill).toBeGreaterThanOrEqual(partway);
      expect(afterKill).toBeLessThan(HOUSEHOLDS * MONTHS);
      const second = runner(db.url, 0);
      expect(await second.exited, second.output()).toBe(0);
      await expectOnce(db.url);
      const third = runner(db.url, 0);
      expect(await third.exited).toBe(0);
      expect(third.output()).toContain('"created":0');
      await expectOnce(db.url);
    } finally {
      await db.drop();
    }
  });

  it('two runs at the same time: every droit and month paid once, rappels and indus settled once', async () => {
    const db = await make();
    if (!db) return expect(process.env.TEST_DATABASE_URL).toBeUndefined();
    try {
      (await seed(db.url)).destroy();
      const a = runner(db.url, 1);
      const b = runner(db.url, 1);
      const [ca, cb] = await Promise.all([a.exited, b.exited]);
      expect([ca, cb], a.output() + b.output()).toEqual([0, 0]);
      const created = [a.output(), b.output()].map((o) => JSON.parse(o.trim().split('\n').at(-1)!).created as number);
      expect(created[0]! + created[1]!).toBe(HOUSEHOLDS * MONTHS);
      await expectOnce(db.url);
    } finally {
      await db.drop();
    }
  });
});
