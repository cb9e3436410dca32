import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database';

// Reviewed migration: what follows an accepted request — the droits of a dossier and their payments
// (issue 25; types: src/payments/payments.table.ts).
// - droits: a prestation granted to a dossier (`member_id`: the member it concerns, null for the
//   whole household), its current monthly amount in cents, its first month and optional last month
//   (YYYY-MM), the démarche whose acceptance opened it.
// - droit_changes: the history of a droit, one row per change with its motif (attribution, a new
//   amount from a month on, its end), in order (`seq`).
// - payments: ONE row per droit and month (UNIQUE (droit_id, month)): the payment of that month's
//   amount on the payment day, to the bank account it was paid to, or held (`en_attente`) while the
//   dossier's bank account may not be paid to. The unique key is what makes the worker's run
//   once-only whatever restarts, retries or concurrent workers happen.
// - payment_adjustments: a rappel (owed to the person) or an indu (owed to the Caf) born of an amount
//   changed from a past month, with its reason; one per change and month concerned.
// - payment_adjustment_lines: how an adjustment is settled: a rappel paid with a payment, an indu
//   deducted from the following payments (negative amounts); one line per adjustment and payment.
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('droits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('member_id', 'text', (c) => c.references('household_members.id'))
    .addColumn('prestation', 'text', (c) => c.notNull())
    .addColumn('monthly_amount_cents', 'integer', (c) => c.notNull())
    .addColumn('first_month', 'text', (c) => c.notNull())
    .addColumn('last_month', 'text')
    .addColumn('demarche_id', 'text', (c) => c.references('demarches.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('droits_household').on('droits').columns(['household_id', 'first_month']).execute();
  await db.schema
    .createIndex('droits_one_per_demarche')
    .on('droits')
    .column('demarche_id')
    .unique()
    .where(sql.ref('demarche_id'), 'is not', sql.lit(null))
    .execute();

  await db.schema
    .createTable('droit_changes')
    .addColumn('droit_id', 'text', (c) => c.notNull().references('droits.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_month', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer')
    .addColumn('previous_amount_cents', 'integer')
    .addColumn('last_month', 'text')
    .addColumn('motif', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.references('agents.id'))
    .addPrimaryKeyConstraint('droit_changes_pk', ['droit_id', 'seq'])
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('droit_id', 'text', (c) => c.notNull().references('droits.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('payment_day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'text')
    .addColumn('bank_account_id', 'text', (c) => c.references('household_bank_accounts.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('released_at', 'bigint')
    .addColumn('released_by', 'text', (c) => c.references('agents.id'))
    .addUniqueConstraint('payments_once_per_droit_and_month', ['droit_id', 'month'])
    .execute();
  await db.schema.createIndex('payments_household').on('payments').columns(['household_id', 'month']).execute();
  await db.schema.createIndex('payments_status').on('payments').columns(['status', 'payment_day']).execute();

  await db.schema
    .createTable('payment_adjustments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('droit_id', 'text', (c) => c.notNull().references('droits.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('change_seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('settled_at', 'bigint')
    .addUniqueConstraint('payment_adjustments_once', ['droit_id', 'change_seq', 'month'])
    .execute();
  await db.schema.createIndex('payment_adjustments_open').on('payment_adjustments').columns(['droit_id', 'settled_at']).execute();

  await db.schema
    .createTable('payment_adjustment_lines')
    .addColumn('adjustment_id', 'text', (c) => c.notNull().references('payment_adjustments.id'))
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_adjustment_lines_pk', ['adjustment_id', 'payment_id'])
    .execute();
  await db.schema.createIndex('payment_adjustment_lines_payment').on('payment_adjustment_lines').column('payment_id').execute();
}
