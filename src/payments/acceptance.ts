import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { getAccountById } from '../accounts/repository';
import type { Database } from '../db/schema';
import { addMember, createHousehold, currentBankAccount, recordBankAccount } from '../household/repository';
import { parseIban } from '../identity/iban';
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
 *   concerning the person alone for an individual prestation (AJPA, AAH), else the whole household;
 * - the bank account: a dossier with none yet (a newcomer's, just created) takes the IBAN and holder
 *   typed in the request (the « Versement » section of src/forms), which the agent who accepts it has
 *   read on the démarche — recorded payable at once and confirmed by that agent. The delay of
 *   src/recovery/bank.ts guards a CHANGE of account on an existing dossier (a diverted IBAN), not
 *   the first one given with the request: without this the first payments would wait for an account
 *   the Caf already checked. A dossier that has an account keeps it: another one is changed only
 *   through the protected change of « Mon foyer ».
 */
/**
 * The motif recorded on a droit opened by a request accepted without one (the agent need not give
 * a motif to accept): « Mes droits » then says the droit follows the request, never quotes this as
 * the Caf's motif — the request's page says the Caf gave none (src/journeys/droits/views.ts).
 */
export const ACCEPTED_WITHOUT_MOTIF = 'Demande acceptée';

export interface AcceptanceResult {
  householdId: string;
  dossierNumber: string;
  /** the dossier was created by this acceptance */
  created: boolean;
  droit: Droit;
  /** the IBAN of the request became the dossier's account (the dossier had none) */
  bankAccountRecorded: boolean;
}

export async function recordAcceptance(
  db: Kysely<Database>,
  a: {
    demarche: {
      id: string;
      account_id: string;
      prestation: string;
      household_id: string | null;
      answers: Readonly<Record<string, unknown>>;
    };
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
    motif: a.motif ?? ACCEPTED_WITHOUT_MOTIF,
    now: a.now,
  });
  const bankAccountRecorded = await adoptRequestBankAccount(db, householdId, a);
  return { householdId, dossierNumber: household.dossier_number, created, droit, bankAccountRecorded };
}

/** The request's IBAN as the dossier's first account, confirmed by the accepting agent (see above). */
async function adoptRequestBankAccount(
  db: Kysely<Database>,
  householdId: string,
  a: { demarche: { account_id: string; answers: Readonly<Record<string, unknown>> }; agentId: string; now: number },
): Promise<boolean> {
  if (await currentBankAccount(db, householdId)) return false;
  const answers = a.demarche.answers;
  const iban = typeof answers.iban === 'string' ? parseIban(answers.iban) : undefined;
  const holder = typeof answers.titulaire === 'string' ? answers.titulaire.trim() : '';
  if (!iban?.ok || !holder) return false;
  const row = await recordBankAccount(db, householdId, { iban: iban.value.value, holder }, a.demarche.account_id, a.now, a.now);
  await db.updateTable('household_bank_accounts').set({ confirmed_by: a.agentId, confirmed_at: a.now }).where('id', '=', row.id).execute();
  return true;
}

/** A numéro allocataire no dossier has: 7 digits, not starting with 0. */
async function freeDossierNumber(db: Kysely<Database>): Promise<string> {
  for (;;) {
    const n = String(randomInt(1_000_000, 10_000_000));
    const taken = await db.selectFrom('households').select('id').where('dossier_number', '=', n).executeTakeFirst();
    if (!taken) return n;
  }
}
