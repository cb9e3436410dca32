import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { AppError } from '../errors/app-error';
import { randomToken } from '../shared/crypto';
import { amountForMonth } from './amounts';
import { addMonths, frenchMonth } from './months';
import { deDate } from '../shared/french-time';
import type { Droit, DroitChange } from '../db/tables/payments.table';

/**
 * What the Caf side changes on a droit, with its motif (kept in the history the person reads):
 * - a new monthly amount from a month on;
 * - its end (the last month paid).
 * A change that reaches months already paid (a payment row exists, whatever its status) is settled
 * by the payments to come: more due → a rappel, paid with the next payment; less due → an indu,
 * deducted from the next payments within the floor of ./run.ts. Each is kept with its month and
 * reason, and shown on « Mes paiements ». Call inside a transaction.
 */

export type DroitChangeInput = { kind: 'montant'; fromMonth: string; amountCents: number } | { kind: 'fin'; lastMonth: string };

export interface ChangeResult {
  droit: Droit;
  change: DroitChange;
  adjustments: Array<{ kind: 'rappel' | 'indu'; month: string; amountCents: number }>;
}

export async function changeDroit(
  db: Kysely<Database>,
  i: { droitId: string; change: DroitChangeInput; motif: string; agentId: string | null; now: number },
): Promise<ChangeResult> {
  const droit = await db.selectFrom('droits').selectAll().where('id', '=', i.droitId).executeTakeFirst();
  if (!droit) throw new AppError('DROIT_NOT_FOUND');
  const history = await db.selectFrom('droit_changes').selectAll().where('droit_id', '=', droit.id).orderBy('seq').execute();
  const seq = (history.at(-1)?.seq ?? 0) + 1;
  const c = i.change;
  const from = c.kind === 'montant' ? c.fromMonth : addMonths(c.lastMonth, 1);
  if (from < droit.first_month && c.kind === 'montant') throw new AppError('DROIT_ENDED');
  if (c.kind === 'fin' && c.lastMonth < droit.first_month) throw new AppError('DROIT_LAST_MONTH_BEFORE_FIRST');
  if (droit.last_month !== null && from > droit.last_month && c.kind === 'montant') throw new AppError('DROIT_ENDED');

  const change: DroitChange = {
    droit_id: droit.id,
    seq,
    at: i.now,
    kind: c.kind,
    from_month: from,
    amount_cents: c.kind === 'montant' ? c.amountCents : null,
    previous_amount_cents: c.kind === 'montant' ? amountForMonth(droit, history, from) : null,
    last_month: c.kind === 'fin' ? c.lastMonth : droit.last_month,
    motif: i.motif,
    agent_id: i.agentId,
  };
  // Inserting (droit_id, seq) refuses a concurrent change made from the same history (primary key).
  await db.insertInto('droit_changes').values(change).execute();
  const after = { ...droit, last_month: change.last_month };
  const changes = [...history, change];
  const current = amountForMonth({ ...after, last_month: null }, changes, '9999-12');
  const updated: Droit = { ...after, monthly_amount_cents: current, updated_at: i.now };
  await db
    .updateTable('droits')
    .set({ last_month: updated.last_month, monthly_amount_cents: current, updated_at: i.now })
    .where('id', '=', droit.id)
    .execute();

  // Months already paid from `from` on: what they were settled at, against what is due now.
  const paid = await db
    .selectFrom('payments')
    .select(['month', 'amount_cents'])
    .where('droit_id', '=', droit.id)
    .where('month', '>=', from)
    .orderBy('month')
    .execute();
  const earlier = paid.length
    ? await db
        .selectFrom('payment_adjustments')
        .select(['month', 'kind', 'amount_cents'])
        .where('droit_id', '=', droit.id)
        .where('month', '>=', from)
        .execute()
    : [];
  const adjustments: ChangeResult['adjustments'] = [];
  for (const p of paid) {
    const settled =
      p.amount_cents +
      earlier.filter((a) => a.month === p.month).reduce((s, a) => s + (a.kind === 'rappel' ? a.amount_cents : -a.amount_cents), 0);
    const due = amountForMonth(updated, changes, p.month);
    const diff = due - settled;
    if (diff === 0) continue;
    const kind = diff > 0 ? 'rappel' : 'indu';
    const what = c.kind === 'fin' ? 'droit terminé' : `montant revu à partir ${deDate(frenchMonth(from))}`;
    await db
      .insertInto('payment_adjustments')
      .values({
        id: randomToken(16),
        droit_id: droit.id,
        household_id: droit.household_id,
        kind,
        month: p.month,
        amount_cents: Math.abs(diff),
        reason: `${kind === 'rappel' ? 'Rappel' : 'Trop-perçu'} ${deDate(frenchMonth(p.month))} : ${what} (${i.motif})`,
        change_seq: seq,
        created_at: i.now,
        settled_at: null,
      })
      .execute();
    adjustments.push({ kind, month: p.month, amountCents: Math.abs(diff) });
  }
  return { droit: updated, change, adjustments };
}
