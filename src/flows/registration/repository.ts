import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { isFlowState, type FlowState } from './machine';
import type { RegistrationData, RegistrationFlow } from './data';

/**
 * Registration flows in `registration_flows`: one query per function. Updates are optimistic
 * (`version` must not have moved since the flow was read): two tabs cannot overwrite each other
 * silently.
 */
export async function insertFlow(db: Kysely<Database>, f: RegistrationFlow): Promise<void> {
  await db
    .insertInto('registration_flows')
    .values({
      id: f.id,
      state: f.state,
      data: JSON.stringify(f.data),
      version: f.version,
      created_at: f.createdAt,
      updated_at: f.updatedAt,
      expires_at: f.expiresAt,
    })
    .execute();
}

export async function findFlow(db: Kysely<Database>, id: string): Promise<RegistrationFlow | undefined> {
  const row = await db.selectFrom('registration_flows').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !isFlowState(row.state)) return undefined;
  return {
    id: row.id,
    state: row.state,
    data: JSON.parse(row.data) as RegistrationData,
    version: Number(row.version),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    expiresAt: Number(row.expires_at),
  };
}

/** Saves state and data if the flow is still at `expectedVersion`; false when another request got there first. */
export async function updateFlow(
  db: Kysely<Database>,
  f: { id: string; state: FlowState; data: RegistrationData; expectedVersion: number; now: number; expiresAt: number },
): Promise<boolean> {
  const r = await db
    .updateTable('registration_flows')
    .set({ state: f.state, data: JSON.stringify(f.data), version: f.expectedVersion + 1, updated_at: f.now, expires_at: f.expiresAt })
    .where('id', '=', f.id)
    .where('version', '=', f.expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Slides the expiry of a flow that is only being read (no version change). */
export async function touchFlow(db: Kysely<Database>, id: string, now: number, expiresAt: number): Promise<void> {
  await db.updateTable('registration_flows').set({ updated_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

/** Removes flows expired before `before` (housekeeping). */
export async function deleteExpiredFlows(db: Kysely<Database>, before: number): Promise<number> {
  const r = await db.deleteFrom('registration_flows').where('expires_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
