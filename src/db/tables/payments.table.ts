import type { Selectable } from 'kysely';

/**
 * The tables of the droits and payments module, as Kysely sees them (conventions: src/db/schema.ts).
 * Migration: src/db/migrations/0017_droits_payments.ts. Amounts are integers in cents; months are
 * `YYYY-MM`, days `YYYY-MM-DD` (calendar dates of the Caf, not instants).
 */

/** A prestation granted to a dossier, from the acceptance of a démarche (or the Caf's own records). */
export interface DroitsTable {
  id: string;
  household_id: string;
  /** the member it concerns (an individual prestation such as the AJPA); null: the whole household */
  member_id: string | null;
  /** slug of src/prestations/catalogue.ts */
  prestation: string;
  /** the current monthly amount (the latest change); the amount of a given month: src/payments/droits.ts */
  monthly_amount_cents: number;
  /** YYYY-MM */
  first_month: string;
  /** YYYY-MM, the last month paid; null: no end date */
  last_month: string | null;
  /** the démarche whose acceptance opened it */
  demarche_id: string | null;
  created_at: number;
  updated_at: number;
}

export type DroitChangeKind = 'attribution' | 'montant' | 'fin';

/** The history of a droit: one row per change, with its motif (shown to the person). */
export interface DroitChangesTable {
  droit_id: string;
  /** 1: the attribution */
  seq: number;
  at: number;
  kind: DroitChangeKind;
  /** YYYY-MM: the month the change applies from (for 'fin': the month after the last one) */
  from_month: string;
  /** the monthly amount from `from_month` on ('attribution', 'montant') */
  amount_cents: number | null;
  previous_amount_cents: number | null;
  /** the last month after this change (null: no end date) */
  last_month: string | null;
  motif: string;
  /** the agent who made it (null: the Caf's records, the demo data) */
  agent_id: string | null;
}

export type PaymentStatus = 'programme' | 'verse' | 'en_attente';

/** One payment per droit and month (UNIQUE (droit_id, month)), created by the worker on the payment day. */
export interface PaymentsTable {
  id: string;
  droit_id: string;
  household_id: string;
  /** YYYY-MM: the month the payment is for */
  month: string;
  /** the droit's amount for that month (before rappels and deductions, which are lines of their own) */
  amount_cents: number;
  /** YYYY-MM-DD: the 5th of the following month */
  payment_day: string;
  /** 'verse': paid; 'en_attente': held, the dossier's bank account may not be paid to yet */
  status: PaymentStatus;
  /** YYYY-MM-DD when paid */
  paid_on: string | null;
  /** the account it was paid to (null while held) */
  bank_account_id: string | null;
  created_at: number;
  /** a held payment released (by an agent: `released_by`; by the delay passing: null) */
  released_at: number | null;
  released_by: string | null;
}

export type AdjustmentKind = 'rappel' | 'indu';

/** A rappel (owed to the person) or an indu (owed to the Caf) born of an amount changed from a past month. */
export interface PaymentAdjustmentsTable {
  id: string;
  droit_id: string;
  household_id: string;
  kind: AdjustmentKind;
  /** YYYY-MM: the month whose amount changed after it was paid */
  month: string;
  /** positive: what is owed (to the person for a rappel, to the Caf for an indu) */
  amount_cents: number;
  /** shown on « Mes paiements » (the motif of the change) */
  reason: string;
  /** the droit change (droit_changes.seq) it comes from */
  change_seq: number;
  created_at: number;
  /** when it was wholly paid or recovered */
  settled_at: number | null;
}

/** How an adjustment is settled: with which payment, for how much (negative: an indu deducted). */
export interface PaymentAdjustmentLinesTable {
  adjustment_id: string;
  payment_id: string;
  amount_cents: number;
}

export type Droit = Selectable<DroitsTable>;
export type DroitChange = Selectable<DroitChangesTable>;
export type Payment = Selectable<PaymentsTable>;
export type PaymentAdjustment = Selectable<PaymentAdjustmentsTable>;
