import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { can } from '../../household/permissions';
import { findFormerMemberships, type HouseholdActor } from '../../household/repository';
import { pendingBankAccount, payableBankAccount } from '../../household/bank';
import { maskIban } from '../../identity/iban';
import { droitHistory } from '../../payments/droits';
import { addMonths, paymentDayOf } from '../../payments/months';
import type { Droit, DroitChange } from '../../db/tables/payments.table';
import { databasePaymentsReader, type PaymentLine } from '../../payments/reader';
import type { Clock } from '../../shared/clock';
import { agencyDay } from '../../shared/french-time';

/**
 * « Mes droits » and « Mes paiements »: what a person may see of the dossier's droits — all of them
 * for those who manage the dossier (`view_household_payments`), otherwise only those that concern
 * them (a droit of their own member row: AJPA, AAH…). Not allocataire: nothing.
 */
export interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface VisibleDroits {
  /** the whole dossier's (a manager) or the person's own */
  scope: 'foyer' | 'personnel' | 'aucun';
  droits: Array<Droit & { history: DroitChange[] }>;
}

export async function visibleDroits(d: Deps, actor: HouseholdActor): Promise<VisibleDroits> {
  if (!actor.dossier) return { scope: 'aucun', droits: [] };
  const all = can(actor, 'view_household_payments', agencyDay(d.clock.now())).allowed;
  const rows = await d.db
    .selectFrom('droits')
    .selectAll()
    .where('household_id', '=', actor.dossier.householdId)
    .$if(!all, (q) => q.where('member_id', '=', actor.dossier!.memberId))
    .orderBy('first_month', 'desc')
    .orderBy('id')
    .execute();
  const droits = await Promise.all(rows.map(async (r) => ({ ...r, history: await droitHistory(d.db, r.id) })));
  return { scope: all ? 'foyer' : 'personnel', droits };
}

export interface MonthOfPayments {
  month: string;
  lines: PaymentLine[];
  totalCents: number;
}

export interface PaymentsView {
  scope: VisibleDroits['scope'];
  months: MonthOfPayments[];
  /** the next payment to come: its day and total */
  next: { month: string; day: string; totalCents: number } | null;
  /** the last payment made */
  last: { month: string; day: string | null; totalCents: number; status: PaymentLine['status'] } | null;
  /** masked IBAN the payments go to (managers only), and whether a newer account is waiting: until which day (YYYY-MM-DD), null for an agent's check */
  bankAccount: { masked: string; waiting: boolean; waitingUntil: string | null } | null;
  /** the payments held because the dossier's bank account is new: their total, months, and the day they will be paid (null: when the Caf confirms the account) */
  held: { totalCents: number; months: string[]; payableOn: string | null } | null;
}

/** Payment lines month by month, the most recent first. */
function byMonth(lines: readonly PaymentLine[]): MonthOfPayments[] {
  const months = new Map<string, PaymentLine[]>();
  for (const l of lines) months.set(l.month, [...(months.get(l.month) ?? []), l]);
  return [...months.entries()]
    .map(([month, ls]) => ({ month, lines: ls, totalCents: ls.reduce((s, l) => s + l.amountCents, 0) }))
    .sort((a, b) => (a.month < b.month ? 1 : -1));
}

/** The last 24 months (and the month to come), month by month, most recent first. */
export async function paymentsView(d: Deps, actor: HouseholdActor): Promise<PaymentsView> {
  const visible = await visibleDroits(d, actor);
  if (visible.droits.length === 0) return { scope: visible.scope, months: [], next: null, last: null, bankAccount: null, held: null };
  const today = agencyDay(d.clock.now());
  const thisMonth = today.slice(0, 7);
  const reader = databasePaymentsReader(d.db, d.clock, { droitIds: visible.droits.map((x) => x.id) });
  const lines = await reader.paymentsOf(actor.dossier!.householdId, addMonths(thisMonth, -24), thisMonth);
  const months = byMonth(lines);
  const upcoming = months.filter((m) => m.lines.every((l) => l.status === 'programme')).at(-1);
  const done = months.find((m) => m.lines.some((l) => l.status !== 'programme'));
  let bankAccount: PaymentsView['bankAccount'] = null;
  const now = d.clock.now();
  const waiting = await pendingBankAccount(d.db, actor.dossier!.householdId, now);
  if (visible.scope === 'foyer') {
    const payable = await payableBankAccount(d.db, actor.dossier!.householdId, now);
    const shown = waiting ?? payable;
    if (shown)
      bankAccount = {
        masked: maskIban(shown.iban),
        waiting: !!waiting,
        waitingUntil: waiting?.effective_at != null ? agencyDay(Number(waiting.effective_at)) : null,
      };
  }
  return {
    scope: visible.scope,
    months,
    next: upcoming ? { month: upcoming.month, day: paymentDayOf(upcoming.month), totalCents: upcoming.totalCents } : null,
    last: done
      ? {
          month: done.month,
          day: done.lines.find((l) => l.paidOn)?.paidOn ?? null,
          totalCents: done.totalCents,
          status: done.lines.some((l) => l.status === 'en_attente') ? 'en_attente' : 'verse',
        }
      : null,
    bankAccount,
    held: heldPayments(lines, waiting?.effective_at, today),
  };
}

/**
 * What is held and until when: the account's delay ends on `effective_at` (the hourly run then pays);
 * an account waiting for the Caf's check has no date; an account payable already is paid today.
 */
function heldPayments(lines: readonly PaymentLine[], effectiveAt: number | null | undefined, today: string): PaymentsView['held'] {
  const held = lines.filter((l) => l.status === 'en_attente');
  if (held.length === 0) return null;
  return {
    totalCents: held.reduce((s, l) => s + l.amountCents, 0),
    months: [...new Set(held.map((l) => l.month))].sort(),
    payableOn: effectiveAt === undefined ? today : effectiveAt === null ? null : agencyDay(Number(effectiveAt)),
  };
}

/**
 * A dossier the person left (a separation): the droits that concerned them there and their
 * payments up to the month they left, kept for them to read — never the dossier's other droits.
 */
export interface FormerDossier {
  dossierNumber: string;
  /** when they left (epoch ms) */
  leftAt: number;
  droits: VisibleDroits['droits'];
  months: MonthOfPayments[];
}

export async function formerDossiers(d: Deps, accountId: string): Promise<FormerDossier[]> {
  const out: FormerDossier[] = [];
  for (const f of await findFormerMemberships(d.db, accountId)) {
    const rows = await d.db
      .selectFrom('droits')
      .selectAll()
      .where('household_id', '=', f.householdId)
      .where('member_id', '=', f.memberId)
      .orderBy('first_month', 'desc')
      .orderBy('id')
      .execute();
    const droits = await Promise.all(rows.map(async (r) => ({ ...r, history: await droitHistory(d.db, r.id) })));
    const leftMonth = agencyDay(f.leftAt).slice(0, 7);
    const lines = droits.length
      ? await databasePaymentsReader(d.db, d.clock, { droitIds: droits.map((x) => x.id) }).paymentsOf(
          f.householdId,
          addMonths(leftMonth, -24),
          leftMonth,
        )
      : [];
    out.push({ dossierNumber: f.dossierNumber, leftAt: f.leftAt, droits, months: byMonth(lines.filter((l) => l.status !== 'programme')) });
  }
  return out;
}
