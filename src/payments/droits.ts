import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { randomToken } from '../shared/crypto';
import type { Droit } from '../db/tables/payments.table';

/** Writing the droits of a dossier: their attribution (the history starts with it). Changes: ./changes.ts. */

export interface NewDroit {
  householdId: string;
  memberId: string | null;
  prestation: string;
  monthlyAmountCents: number;
  /** YYYY-MM */
  firstMonth: string;
  lastMonth: string | null;
  demarcheId: string | null;
  /** the agent who decided it (null: the Caf's records, the demo data) */
  agentId: string | null;
  motif: string;
  now: number;
}

/** Records a droit and its attribution (history row 1). Call inside the decision's transaction. */
export async function grantDroit(db: Kysely<Database>, d: NewDroit): Promise<Droit> {
  const row = {
    id: randomToken(16),
    household_id: d.householdId,
    member_id: d.memberId,
    prestation: d.prestation,
    monthly_amount_cents: d.monthlyAmountCents,
    first_month: d.firstMonth,
    last_month: d.lastMonth,
    demarche_id: d.demarcheId,
    created_at: d.now,
    updated_at: d.now,
  };
  await db.insertInto('droits').values(row).execute();
  await db
    .insertInto('droit_changes')
    .values({
      droit_id: row.id,
      seq: 1,
      at: d.now,
      kind: 'attribution',
      from_month: d.firstMonth,
      amount_cents: d.monthlyAmountCents,
      previous_amount_cents: null,
      last_month: d.lastMonth,
      motif: d.motif,
      agent_id: d.agentId,
    })
    .execute();
  return row;
}

export function listDroits(db: Kysely<Database>, householdId: string): Promise<Droit[]> {
  return db.selectFrom('droits').selectAll().where('household_id', '=', householdId).orderBy('first_month').orderBy('id').execute();
}

export function findDroit(db: Kysely<Database>, id: string): Promise<Droit | undefined> {
  return db.selectFrom('droits').selectAll().where('id', '=', id).executeTakeFirst();
}

export function droitHistory(db: Kysely<Database>, droitId: string) {
  return db.selectFrom('droit_changes').selectAll().where('droit_id', '=', droitId).orderBy('seq').execute();
}

/** Droits with their history (what the amount of a month is read from), in one query for all of them. */
export async function withChanges<D extends Pick<Droit, 'id'>>(db: Kysely<Database>, droits: D[]) {
  if (droits.length === 0) return [];
  const changes = await db
    .selectFrom('droit_changes')
    .select(['droit_id', 'seq', 'kind', 'from_month', 'amount_cents'])
    .where(
      'droit_id',
      'in',
      droits.map((d) => d.id),
    )
    .execute();
  return droits.map((d) => ({ ...d, changes: changes.filter((c) => c.droit_id === d.id) }));
}
