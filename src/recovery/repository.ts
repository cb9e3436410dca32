import type { Kysely, Selectable } from 'kysely';
import { setOnce } from '../db/updated-one';
import type { Database } from '../db/schema';
import { randomToken } from '../shared/crypto';
import type { AccountRecoveriesTable } from '../db/tables/recovery.table';

/** Recoveries of access without the contact: one query per function. */
export type Recovery = Selectable<AccountRecoveriesTable>;
export type NewRecovery = Pick<Recovery, 'account_id' | 'channel' | 'started_by' | 'new_contact_kind' | 'new_contact_value' | 'expires_at'>;

/** A new pending recovery; the pending ones of the same account and channel are cancelled (a new letter voids the last). */
export async function createRecovery(db: Kysely<Database>, r: NewRecovery, now: number): Promise<Recovery> {
  await db
    .updateTable('account_recoveries')
    .set({ cancelled_at: now })
    .where('account_id', '=', r.account_id)
    .where('channel', '=', r.channel)
    .where('completed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .execute();
  const row: Recovery = { ...r, id: randomToken(16), created_at: now, completed_at: null, cancelled_at: null };
  await db.insertInto('account_recoveries').values(row).execute();
  return row;
}

/** The pending recoveries of an account (neither completed, cancelled nor expired), newest first. */
export async function pendingRecoveriesOf(db: Kysely<Database>, accountId: string, now: number): Promise<Recovery[]> {
  return db
    .selectFrom('account_recoveries')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('completed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

/** The pending recovery of this account by this channel, if any. */
export async function pendingRecovery(
  db: Kysely<Database>,
  accountId: string,
  channel: Recovery['channel'],
  now: number,
): Promise<Recovery | undefined> {
  return (await pendingRecoveriesOf(db, accountId, now)).find((r) => r.channel === channel);
}

export function findRecovery(db: Kysely<Database>, id: string): Promise<Recovery | undefined> {
  return db.selectFrom('account_recoveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks it completed, once: false when it was already completed or cancelled. */
export async function markRecoveryCompleted(db: Kysely<Database>, id: string, now: number): Promise<boolean> {
  return setOnce(db, 'account_recoveries', { id }, { completed_at: now }, ['completed_at', 'cancelled_at']);
}

/** When the latest completed recovery of these accounts was completed (undefined: never). */
export async function lastRecoveryCompletedAt(db: Kysely<Database>, accountIds: readonly string[]): Promise<number | undefined> {
  if (!accountIds.length) return undefined;
  const row = await db
    .selectFrom('account_recoveries')
    .select('completed_at')
    .where('account_id', 'in', [...accountIds])
    .where('completed_at', 'is not', null)
    .orderBy('completed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.completed_at ?? undefined;
}
