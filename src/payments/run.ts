import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { HouseholdBankAccount } from '../db/tables/household.table';
import { isPayable, latestBankAccount } from '../household/bank';
import { randomToken } from '../shared/crypto';
import { agencyDay } from '../shared/french-time';
import { amountForMonth } from './amounts';
import { withChanges } from './droits';
import { lastPayableMonth, monthsBetween, paymentDayOf } from './months';
import type { Payment } from '../db/tables/payments.table';

/**
 * The payment run, done by the worker (hourly, with its housekeeping: src/context.ts) and safe to
 * run any number of times, by any number of workers, killed at any point:
 *
 * - each household is one transaction: its due payments (one per droit and month whose payment
 *   day — the 5th of the following month — has come) are inserted with ON CONFLICT DO NOTHING on
 *   the unique key (droit_id, month); only the rows THIS transaction inserted get the household's
 *   rappels and indu deductions. A second worker inserting the same rows waits for the first's
 *   commit (PostgreSQL) or for the single writer (SQLite), inserts nothing and attaches nothing; a
 *   worker killed mid-run leaves whole households done or untouched;
 * - paid to the dossier's latest declared bank account when it may be paid to on the payment day
 *   (src/household/bank.ts: its delay has passed, or an agent confirmed it); otherwise — or with no
 *   account — the payment is held ('en_attente'), and each run releases the held payments whose
 *   account has become payable (a conditional UPDATE: once);
 * - a rappel is paid with the next payment; an indu is deducted from the next payments, never more
 *   than INDU_MAX_SHARE of a payment (the floor: at least half of each month's amount is paid),
 *   until recovered.
 */

/** The floor of an indu's recovery: a deduction takes at most this share of a payment. */
export const INDU_MAX_SHARE = 0.5;
const BATCH = 200;

export interface RunResult {
  created: number;
  held: number;
  released: number;
}

export interface RunOptions {
  /** after each household (tests slow the run down to stop it midway) */
  afterHousehold?: () => Promise<void>;
}

export async function runPayments(db: Kysely<Database>, now: number, o: RunOptions = {}): Promise<RunResult> {
  const today = agencyDay(now);
  const upTo = lastPayableMonth(today);
  const result: RunResult = { created: 0, held: 0, released: await releaseHeldPayments(db, now, null) };
  let after = '';
  for (;;) {
    const households = await db
      .selectFrom('droits')
      .select('household_id')
      .distinct()
      .where('first_month', '<=', upTo)
      .where('household_id', '>', after)
      .orderBy('household_id')
      .limit(BATCH)
      .execute();
    if (households.length === 0) break;
    for (const { household_id } of households) {
      const r = await db.transaction().execute((trx) => payHousehold(trx, household_id, upTo, today, now));
      result.created += r.created;
      result.held += r.held;
      await o.afterHousehold?.();
    }
    after = households.at(-1)!.household_id;
  }
  return result;
}

/** The latest declared account and whether it may be paid to at `at`. */
async function accountAt(
  db: Kysely<Database>,
  householdId: string,
  at: number,
): Promise<{ account?: HouseholdBankAccount; payable: boolean }> {
  const account = await latestBankAccount(db, householdId, at);
  return account ? { account, payable: isPayable(account, at) } : { payable: false };
}

async function payHousehold(db: Kysely<Database>, householdId: string, upTo: string, today: string, now: number) {
  const droits = await withChanges(
    db,
    await db.selectFrom('droits').selectAll().where('household_id', '=', householdId).orderBy('id').execute(),
  );
  const existing = new Set(
    (await db.selectFrom('payments').select(['droit_id', 'month']).where('household_id', '=', householdId).execute()).map(
      (p) => `${p.droit_id}|${p.month}`,
    ),
  );
  const { account, payable } = await accountAt(db, householdId, now);
  const rows: Payment[] = [];
  for (const d of droits) {
    const last = d.last_month !== null && d.last_month < upTo ? d.last_month : upTo;
    for (const month of monthsBetween(d.first_month, last)) {
      if (existing.has(`${d.id}|${month}`)) continue;
      const amount = amountForMonth(d, d.changes, month);
      if (amount <= 0) continue;
      const day = paymentDayOf(month) > today ? paymentDayOf(month) : today;
      rows.push({
        id: randomToken(16),
        droit_id: d.id,
        household_id: householdId,
        month,
        amount_cents: amount,
        payment_day: day,
        status: payable ? 'verse' : 'en_attente',
        paid_on: payable ? today : null,
        bank_account_id: payable ? account!.id : null,
        created_at: now,
        released_at: null,
        released_by: null,
      });
    }
  }
  if (rows.length === 0) return { created: 0, held: 0 };
  const inserted = await db
    .insertInto('payments')
    .values(rows)
    .onConflict((oc) => oc.columns(['droit_id', 'month']).doNothing())
    .returning('id')
    .execute();
  const mine = new Set(inserted.map((r) => r.id));
  const created = rows.filter((r) => mine.has(r.id)).sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  if (created.length) await settleAdjustments(db, householdId, created, now);
  return { created: created.length, held: created.filter((r) => r.status === 'en_attente').length };
}

/** Rappels go with the first payment created; indus are deducted from the payments created, within the floor. */
async function settleAdjustments(db: Kysely<Database>, householdId: string, created: Payment[], now: number): Promise<void> {
  const open = await db
    .selectFrom('payment_adjustments')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('settled_at', 'is', null)
    .orderBy('created_at')
    .orderBy('month')
    .execute();
  if (open.length === 0) return;
  const recovered = new Map(
    (
      await db
        .selectFrom('payment_adjustment_lines')
        .select(['adjustment_id', (eb) => eb.fn.sum<number>('amount_cents').as('total')])
        .where(
          'adjustment_id',
          'in',
          open.map((a) => a.id),
        )
        .groupBy('adjustment_id')
        .execute()
    ).map((r) => [r.adjustment_id, Math.abs(Number(r.total))]),
  );
  const room = new Map(created.map((p) => [p.id, Math.floor(p.amount_cents * INDU_MAX_SHARE)]));
  for (const a of open) {
    if (a.kind === 'rappel') {
      await db
        .insertInto('payment_adjustment_lines')
        .values({ adjustment_id: a.id, payment_id: created[0]!.id, amount_cents: a.amount_cents })
        .execute();
      await db.updateTable('payment_adjustments').set({ settled_at: now }).where('id', '=', a.id).execute();
      continue;
    }
    let left = a.amount_cents - (recovered.get(a.id) ?? 0);
    for (const p of created) {
      if (left <= 0) break;
      const take = Math.min(left, room.get(p.id)!);
      if (take <= 0) continue;
      room.set(p.id, room.get(p.id)! - take);
      left -= take;
      await db.insertInto('payment_adjustment_lines').values({ adjustment_id: a.id, payment_id: p.id, amount_cents: -take }).execute();
    }
    if (left <= 0) await db.updateTable('payment_adjustments').set({ settled_at: now }).where('id', '=', a.id).execute();
  }
}

/**
 * Releases held payments: those whose household's latest account has become payable (`agentId`
 * null: the run), or — by an agent (`only` a payment) — after the agent checked the account, which
 * is confirmed at the same time. A conditional UPDATE: a payment is released once. Returns how many.
 */
export async function releaseHeldPayments(
  db: Kysely<Database>,
  now: number,
  agent: { agentId: string; paymentId: string } | null,
): Promise<number> {
  const today = agencyDay(now);
  let q = db.selectFrom('payments').select(['id', 'household_id']).where('status', '=', 'en_attente');
  if (agent) q = q.where('id', '=', agent.paymentId);
  const held = await q.orderBy('household_id').limit(1000).execute();
  let n = 0;
  for (const p of held) {
    const { account, payable } = await accountAt(db, p.household_id, now);
    if (!account || (!payable && !agent)) continue;
    await db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('payments')
        .set({ status: 'verse', paid_on: today, bank_account_id: account.id, released_at: now, released_by: agent?.agentId ?? null })
        .where('id', '=', p.id)
        .where('status', '=', 'en_attente')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return;
      n += 1;
      if (agent && !payable)
        await trx
          .updateTable('household_bank_accounts')
          .set({ confirmed_by: agent.agentId, confirmed_at: now })
          .where('id', '=', account.id)
          .where('confirmed_at', 'is', null)
          .execute();
    });
  }
  return n;
}
