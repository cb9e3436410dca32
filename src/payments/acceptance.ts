import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { getAccountById } from '../accounts/repository';
import type { Database } from '../db/schema';
import { addMember, createHousehold } from '../household/repository';
import { findPrestation } from '../prestations/catalogue';
import { grantDroit } from './droits';
import type { DroitInput } from './inputs';
import type { Droit } from '../db/tables/payments.table';

/**
 * What an acceptance records besides the démarche's status (called by src/agents/instruction.ts in
 * the decision's transaction):
 * - the dossier: the démarche's, else the one the person belongs to; a person attached to no dossier
 *   gets one — a new dossier with its numéro allocataire, the person its responsable (they asked
 *   for the household, or for themselves) — and the démarche is tied to it;
 * - the droit: the prestation, the monthly amount the agent entered, its first and last month,
 *   concerning the person alone for an individual prestation (AJPA, AAH), else the whole household.
 */
export interface AcceptanceResult {
  householdId: string;
  dossierNumber: string;
  /** the dossier was created by this acceptance */
  created: boolean;
  droit: Droit;
}

export async function recordAcceptance(
  db: Kysely<Database>,
  a: {
    demarche: { id: string; account_id: string; prestation: string; household_id: string | null };
    droit: DroitInput;
    agentId: string;
    motif: string | null;
    now: number;
  },
): Promise<AcceptanceResult> {
  const person = await getAccountById(db, a.demarche.account_id);
  const membership = await db
    .selectFrom('household_members')
    .innerJoin('households', 'households.id', 'household_members.household_id')
    .select(['household_members.id as memberId', 'households.id as householdId', 'households.dossier_number'])
    .where('household_members.account_id', '=', person.id)
    .where('household_members.left_at', 'is', null)
    .executeTakeFirst();
  let householdId = a.demarche.household_id ?? membership?.householdId;
  let memberId = membership && membership.householdId === householdId ? membership.memberId : null;
  let created = false;
  if (!householdId) {
    householdId = await createHousehold(db, await freeDossierNumber(db), a.now);
    const m = await addMember(db, {
      household_id: householdId,
      account_id: person.id,
      nir: person.nir,
      civility: person.civility,
      birth_name: person.birth_name,
      given_names: person.given_names,
      birth_date: person.birth_date,
      role: 'responsable',
      joined_at: a.now,
    });
    memberId = m.id;
    created = true;
  }
  if (a.demarche.household_id !== householdId)
    await db.updateTable('demarches').set({ household_id: householdId }).where('id', '=', a.demarche.id).execute();
  const household = await db.selectFrom('households').select('dossier_number').where('id', '=', householdId).executeTakeFirstOrThrow();
  const individual = findPrestation(a.demarche.prestation)?.requester === 'individual';
  const droit = await grantDroit(db, {
    householdId,
    memberId: individual ? memberId : null,
    prestation: a.demarche.prestation,
    monthlyAmountCents: a.droit.amountCents,
    firstMonth: a.droit.firstMonth,
    lastMonth: a.droit.lastMonth,
    demarcheId: a.demarche.id,
    agentId: a.agentId,
    motif: a.motif ?? 'Demande acceptée',
    now: a.now,
  });
  return { householdId, dossierNumber: household.dossier_number, created, droit };
}

/** A numéro allocataire no dossier has: 7 digits, not starting with 0. */
async function freeDossierNumber(db: Kysely<Database>): Promise<string> {
  for (;;) {
    const n = String(randomInt(1_000_000, 10_000_000));
    const taken = await db.selectFrom('households').select('id').where('dossier_number', '=', n).executeTakeFirst();
    if (!taken) return n;
  }
}
