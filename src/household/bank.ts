import type { Kysely } from 'kysely';
import { setOnce } from '../db/updated-one';
import type { Database } from '../db/schema';
import type { HouseholdBankAccount } from '../db/tables/household.table';
import { lastRecoveryCompletedAt } from '../recovery/repository';

/**
 * A bank account that cannot be diverted: the rules of WHEN a declared account may be paid to.
 * - A new account is paid to `bankChangeDelayDays` after its declaration (`effective_at`), or from
 *   an agent's confirmation on the assistance console, whichever comes first.
 * - After a recovery of access, a change of bank account is refused for `recoveryBankFreezeDays`;
 *   and a change still waiting for its delay when the recovery completes is held until an agent
 *   confirms it (`effective_at` set to null): it may have been made by whoever had the account.
 * Payments (another issue) ask one question: `payableBankAccount(db, householdId, at)`.
 */
const DAY_MS = 24 * 3_600_000;

/** Whether this row may be paid to at `at`. */
export function isPayable(row: Pick<HouseholdBankAccount, 'recorded_at' | 'effective_at' | 'confirmed_at'>, at: number): boolean {
  if (Number(row.recorded_at) > at) return false;
  if (row.confirmed_at !== null && Number(row.confirmed_at) <= at) return true;
  return row.effective_at !== null && Number(row.effective_at) <= at;
}

/**
 * « Which IBAN is payable at date D »: the latest declared account that may be paid to at `at`. A
 * newer one still waiting (its delay, or an agent) leaves the previous one payable meanwhile;
 * undefined when none may be paid to (the payment is held).
 */
export async function payableBankAccount(db: Kysely<Database>, householdId: string, at: number): Promise<HouseholdBankAccount | undefined> {
  const rows = await db
    .selectFrom('household_bank_accounts')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('recorded_at', '<=', at)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.find((r) => isPayable(r, at));
}

/** The latest account declared at or before `at` (or ever, without `at`), payable or not. */
export function latestBankAccount(db: Kysely<Database>, householdId: string, at?: number): Promise<HouseholdBankAccount | undefined> {
  return db
    .selectFrom('household_bank_accounts')
    .selectAll()
    .where('household_id', '=', householdId)
    .$if(at !== undefined, (q) => q.where('recorded_at', '<=', at as number))
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The latest declared account when it is not payable yet (waiting for its delay or an agent), for pages and the console. */
export async function pendingBankAccount(
  db: Kysely<Database>,
  householdId: string,
  now: number,
): Promise<HouseholdBankAccount | undefined> {
  const latest = await latestBankAccount(db, householdId);
  return latest && !isPayable(latest, now) ? latest : undefined;
}

/** When a new bank account declared now would be paid to. */
export function effectiveAfterDelay(now: number, delayDays: number): number {
  return now + delayDays * DAY_MS;
}

/** Until when a change of bank account is refused on this dossier (a recovery of one of `accountIds`); undefined: not frozen. */
export async function bankChangeFrozenUntil(
  db: Kysely<Database>,
  accountIds: readonly string[],
  freezeDays: number,
  now: number,
): Promise<number | undefined> {
  const at = await lastRecoveryCompletedAt(db, accountIds);
  if (at === undefined) return undefined;
  const until = at + freezeDays * DAY_MS;
  return until > now ? until : undefined;
}

/** At a recovery: the changes of the account's dossiers still waiting for their delay wait for an agent instead. Returns how many. */
export async function holdPendingBankChanges(db: Kysely<Database>, accountId: string, now: number): Promise<number> {
  const households = db
    .selectFrom('household_members')
    .select('household_id')
    .where('account_id', '=', accountId)
    .where('left_at', 'is', null);
  const r = await db
    .updateTable('household_bank_accounts')
    .set({ effective_at: null })
    .where('household_id', 'in', households)
    .where('effective_at', '>', now)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** An agent confirms a waiting account: paid to from now. False when it was already confirmed or does not exist. */
export async function confirmBankAccount(db: Kysely<Database>, rowId: string, agentId: string, now: number): Promise<boolean> {
  return setOnce(db, 'household_bank_accounts', { id: rowId }, { confirmed_by: agentId, confirmed_at: now }, ['confirmed_at']);
}
