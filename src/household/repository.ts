import type { Kysely } from 'kysely';
import { setOnce, updatedOneRow } from '../db/updated-one';
import type { Database } from '../db/schema';
import { randomToken } from '../shared/crypto';
import type { Actor, Role } from './permissions';
import type {
  HouseholdAddress,
  HouseholdBankAccount,
  HouseholdMember,
  HouseholdSeparation,
  HouseholdSeparationsTable,
  NewHouseholdMember,
} from '../db/tables/household.table';

/**
 * The household (foyer) data: one query per function. `find…` returns undefined when nothing
 * matches. Rights are never cached: `findActor` is read afresh for each request, so that a
 * revocation or a separation takes effect on the very next one.
 */

/** The dossier of the person asking, as read for this request. */
export interface ActorDossier {
  householdId: string;
  /** numéro allocataire, 7 digits */
  dossierNumber: string;
  /** the person's own member row in the dossier */
  memberId: string;
}

export type HouseholdActor = Actor & { accountId: string; dossier?: ActorDossier };

/** The members still in their dossier (not those who left), as `m`: where every query on current members starts. */
export function currentMembers(db: Kysely<Database>) {
  return db.selectFrom('household_members as m').where('m.left_at', 'is', null);
}

/** The current members of one dossier, as `m`. */
export function currentMembersOf(db: Kysely<Database>, householdId: string) {
  return currentMembers(db).where('m.household_id', '=', householdId);
}

/** The person behind an account: their current membership of a dossier, if any (not allocataire yet otherwise). */
export async function findActor(db: Kysely<Database>, accountId: string): Promise<HouseholdActor> {
  const row = await currentMembers(db)
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.household_id', 'm.role', 'm.birth_date', 'm.has_procuration', 'h.dossier_number'])
    .where('m.account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) return { accountId };
  const roles = await currentMembersOf(db, row.household_id).select('m.role').where('m.role', 'in', ['responsable', 'conjoint']).execute();
  return {
    accountId,
    couple: roles.some((r) => r.role === 'responsable') && roles.some((r) => r.role === 'conjoint'),
    membership: { role: row.role, birthDate: row.birth_date, hasProcuration: row.has_procuration === 1 },
    dossier: { householdId: row.household_id, dossierNumber: row.dossier_number, memberId: row.id },
  };
}

/** A dossier the person was a member of and left (a separation): their member row there, kept with its history. */
export interface FormerMembership {
  memberId: string;
  householdId: string;
  dossierNumber: string;
  /** when they left (epoch ms) */
  leftAt: number;
}

/** The dossiers this account's person left, the most recent first. */
export async function findFormerMemberships(db: Kysely<Database>, accountId: string): Promise<FormerMembership[]> {
  const rows = await db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .select(['m.id', 'm.household_id', 'm.left_at', 'h.dossier_number'])
    .where('m.account_id', '=', accountId)
    .where('m.left_at', 'is not', null)
    .orderBy('m.left_at', 'desc')
    .execute();
  return rows.map((r) => ({ memberId: r.id, householdId: r.household_id, dossierNumber: r.dossier_number, leftAt: Number(r.left_at) }));
}

export async function createHousehold(db: Kysely<Database>, dossierNumber: string, now: number, id = randomToken(16)): Promise<string> {
  await db.insertInto('households').values({ id, dossier_number: dossierNumber, created_at: now }).execute();
  return id;
}

export type MemberInput = Omit<NewHouseholdMember, 'id' | 'has_procuration' | 'procuration_granted_at' | 'left_at'> & {
  id?: string;
  has_procuration?: boolean;
};

export async function addMember(db: Kysely<Database>, m: MemberInput): Promise<HouseholdMember> {
  const row: HouseholdMember = {
    id: m.id ?? randomToken(16),
    household_id: m.household_id,
    account_id: m.account_id ?? null,
    nir: m.nir ?? null,
    civility: m.civility,
    birth_name: m.birth_name,
    given_names: m.given_names,
    birth_date: m.birth_date,
    role: m.role,
    has_procuration: m.has_procuration ? 1 : 0,
    procuration_granted_at: m.has_procuration ? m.joined_at : null,
    joined_at: m.joined_at,
    left_at: null,
  };
  await db.insertInto('household_members').values(row).execute();
  return row;
}

export function findMember(db: Kysely<Database>, memberId: string): Promise<HouseholdMember | undefined> {
  return db.selectFrom('household_members').selectAll().where('id', '=', memberId).executeTakeFirst();
}

/** A member with the usage name of their account, if they have one: how they are named (src/household/names.ts). */
export type NamedMember = HouseholdMember & { usage_name: string | null };

/** The current members of a dossier with their account's usage name, as `m`. */
function namedMembersOf(db: Kysely<Database>, householdId: string) {
  return currentMembersOf(db, householdId).leftJoin('accounts as a', 'a.id', 'm.account_id').selectAll('m').select('a.usage_name');
}

/** The current members of a dossier (not those who left), responsable first. */
export async function listMembers(db: Kysely<Database>, householdId: string): Promise<NamedMember[]> {
  const rows = await namedMembersOf(db, householdId).execute();
  const order: Record<Role, number> = { responsable: 0, conjoint: 1, enfant: 2, personne_a_charge: 3 };
  return rows.sort((a, b) => order[a.role] - order[b.role] || a.birth_date.localeCompare(b.birth_date) || a.id.localeCompare(b.id));
}

/** The current member of a dossier with this role (the responsable, the conjoint), if any. */
export function findMemberWithRole(db: Kysely<Database>, householdId: string, role: Role): Promise<NamedMember | undefined> {
  return namedMembersOf(db, householdId).where('m.role', '=', role).orderBy('m.joined_at').executeTakeFirst();
}

/** Current members known by this NIR who have no account yet (whom a new account may be linked to). */
export function findMembersWithoutAccountByNir(db: Kysely<Database>, nir: string): Promise<HouseholdMember[]> {
  return currentMembers(db).selectAll().where('m.nir', '=', nir).where('m.account_id', 'is', null).execute();
}

/** Links an account to a member who has none; false if someone was linked first (or the member left). */
export async function linkAccountToMember(db: Kysely<Database>, memberId: string, accountId: string): Promise<boolean> {
  return setOnce(db, 'household_members', { id: memberId }, { account_id: accountId }, ['account_id', 'left_at']);
}

/** Gives (or takes back) the autorisation de gestion of a current member; false if nothing changed. */
export async function setProcuration(db: Kysely<Database>, memberId: string, granted: boolean, now: number): Promise<boolean> {
  const values = { has_procuration: granted ? 1 : 0, procuration_granted_at: granted ? now : null };
  return setOnce(db, 'household_members', { id: memberId, has_procuration: granted ? 0 : 1 }, values, ['left_at']);
}

/** A member leaves the dossier (separation): their procuration ends with their membership. */
export async function endMembership(db: Kysely<Database>, memberId: string, now: number): Promise<boolean> {
  return setOnce(db, 'household_members', { id: memberId }, { left_at: now, has_procuration: 0, procuration_granted_at: null }, [
    'left_at',
  ]);
}

export interface AddressInput {
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  /** YYYY-MM-DD */
  since: string;
}

/** The tables a dossier's declarations are recorded in, never updated: the latest row is the current one. */
type Recorded = 'household_addresses' | 'household_bank_accounts';
type RecordedRow = { household_addresses: HouseholdAddress; household_bank_accounts: HouseholdBankAccount };

/**
 * The time a new row of a history is recorded at: `now`, or just after the latest row when that one
 * has the same millisecond (or a later one, from another instance's clock) — the latest declared
 * stays the current one.
 */
async function nextRecordedAt(db: Kysely<Database>, table: Recorded, householdId: string, now: number): Promise<number> {
  const last = await db
    .selectFrom(table)
    .select('recorded_at')
    .where('household_id', '=', householdId)
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last && Number(last.recorded_at) >= now ? Number(last.recorded_at) + 1 : now;
}

async function insertRecorded<T extends Recorded>(db: Kysely<Database>, table: T, row: RecordedRow[T]): Promise<RecordedRow[T]> {
  await db
    .insertInto(table as Recorded)
    .values(row)
    .execute();
  return row;
}

/** The latest row of `table` for the dossier (the id breaks a tie). */
async function latestRecorded<T extends Recorded>(
  db: Kysely<Database>,
  table: T,
  householdId: string,
): Promise<RecordedRow[T] | undefined> {
  const row = await db
    .selectFrom(table as Recorded)
    .selectAll()
    .where('household_id', '=', householdId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row as RecordedRow[T] | undefined;
}

export async function recordAddress(
  db: Kysely<Database>,
  householdId: string,
  a: AddressInput,
  by: string | null,
  now: number,
): Promise<HouseholdAddress> {
  const row: HouseholdAddress = {
    id: randomToken(16),
    household_id: householdId,
    line1: a.line1,
    line2: a.line2,
    postal_code: a.postalCode,
    city: a.city,
    since: a.since,
    recorded_at: await nextRecordedAt(db, 'household_addresses', householdId, now),
    recorded_by: by,
  };
  return insertRecorded(db, 'household_addresses', row);
}

/** The dossier's address: the latest declared. */
export function currentAddress(db: Kysely<Database>, householdId: string): Promise<HouseholdAddress | undefined> {
  return latestRecorded(db, 'household_addresses', householdId);
}

export async function recordBankAccount(
  db: Kysely<Database>,
  householdId: string,
  b: { iban: string; holder: string },
  by: string | null,
  now: number,
  /** from when it may be paid to (src/household/bank.ts); default: at once; null: when an agent confirms it */
  effectiveAt?: number | null,
): Promise<HouseholdBankAccount> {
  const recordedAt = await nextRecordedAt(db, 'household_bank_accounts', householdId, now);
  const row: HouseholdBankAccount = {
    id: randomToken(16),
    household_id: householdId,
    iban: b.iban,
    holder: b.holder,
    recorded_at: recordedAt,
    recorded_by: by,
    effective_at: effectiveAt === undefined ? recordedAt : effectiveAt,
    confirmed_by: null,
    confirmed_at: null,
  };
  return insertRecorded(db, 'household_bank_accounts', row);
}

/** The account the dossier's prestations are paid to: the latest declared. */
export function currentBankAccount(db: Kysely<Database>, householdId: string): Promise<HouseholdBankAccount | undefined> {
  return latestRecorded(db, 'household_bank_accounts', householdId);
}

export async function insertSeparation(db: Kysely<Database>, s: Omit<HouseholdSeparationsTable, 'id'>): Promise<string> {
  const id = randomToken(16);
  await db
    .insertInto('household_separations')
    .values({ ...s, id })
    .execute();
  return id;
}

export function listSeparations(db: Kysely<Database>, householdId: string) {
  return db.selectFrom('household_separations').selectAll().where('household_id', '=', householdId).orderBy('created_at', 'desc').execute();
}

/** The separation a démarche « Déclarer une séparation » recorded, if any. */
export function findSeparationOfDemarche(db: Kysely<Database>, demarcheId: string): Promise<HouseholdSeparation | undefined> {
  return db.selectFrom('household_separations').selectAll().where('demarche_id', '=', demarcheId).executeTakeFirst();
}

/** A separation of the dossier waiting for the Caf's check, if any (one at a time). */
export function findPendingSeparation(db: Kysely<Database>, householdId: string): Promise<HouseholdSeparation | undefined> {
  return db
    .selectFrom('household_separations')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** Settles a pending separation (confirmed or dismissed by the Caf); false if it was not pending any more. */
export async function settleSeparation(db: Kysely<Database>, id: string, status: 'confirmed' | 'dismissed'): Promise<boolean> {
  return updatedOneRow(db.updateTable('household_separations').set({ status }).where('id', '=', id).where('status', '=', 'pending'));
}
