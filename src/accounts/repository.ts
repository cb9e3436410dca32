import type { Kysely, Selectable } from 'kysely';
import type { AccountsTable, Database } from '../db/schema';
import { hotQuery } from '../db/hot-query';
import { randomToken } from '../shared/crypto';

/**
 * Accounts: one query per function. `find…` returns undefined when nothing matches; `get…` throws.
 * The unique constraints of the table (login_id, nir, provisional_id, franceconnect_sub) are the
 * last word on duplicates: `createAccount` reports a clash as `{ ok: false }`.
 */
export type Account = Selectable<AccountsTable>;

export type NewAccount = Omit<AccountsTable, 'id' | 'created_at' | 'updated_at' | 'last_login_at' | 'closed_at'>;

export async function createAccount(
  db: Kysely<Database>,
  a: NewAccount,
  now: number,
): Promise<{ ok: true; account: Account } | { ok: false; reason: 'duplicate' }> {
  const row = { ...a, id: randomToken(16), created_at: now, updated_at: now };
  const account: Account = { ...row, last_login_at: null, closed_at: null };
  try {
    // the columns a new account leaves empty are not named (the migration tests insert on older schemas)
    await db.insertInto('accounts').values(row).execute();
    return { ok: true, account };
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, reason: 'duplicate' };
    throw e;
  }
}

export function findAccountByLoginId(db: Kysely<Database>, loginId: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('login_id', '=', loginId).executeTakeFirst();
}

export function findAccountByNir(db: Kysely<Database>, nir: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('nir', '=', nir).executeTakeFirst();
}

/** Read on every signed-in request: compiled once (src/db/hot-query.ts). */
const accountById = hotQuery((db, id: string) => db.selectFrom('accounts').selectAll().where('id', '=', id));

export async function findAccountById(db: Kysely<Database>, id: string): Promise<Account | undefined> {
  return (await accountById(db, id))[0];
}

export async function getAccountById(db: Kysely<Database>, id: string): Promise<Account> {
  const a = await findAccountById(db, id);
  if (!a) throw new Error(`account ${id} not found`);
  return a;
}

/** The last sign-in: an account never linked to a dossier is erased two years after it (src/retention/registry.ts). */
export async function recordSignIn(db: Kysely<Database>, id: string, now: number): Promise<void> {
  await db.updateTable('accounts').set({ last_login_at: now }).where('id', '=', id).execute();
}

export function findAccountByFranceConnectSub(db: Kysely<Database>, sub: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('franceconnect_sub', '=', sub).executeTakeFirst();
}

export async function updatePasswordHash(db: Kysely<Database>, id: string, passwordHash: string, now: number): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', id).execute();
}

export async function updateContact(
  db: Kysely<Database>,
  id: string,
  c: { kind: 'email' | 'sms'; value: string },
  now: number,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ contact_kind: c.kind, contact_value: c.value, contact_verified_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function linkFranceConnect(db: Kysely<Database>, id: string, sub: string, now: number): Promise<void> {
  await db.updateTable('accounts').set({ franceconnect_sub: sub, updated_at: now }).where('id', '=', id).execute();
}

/** A person's name as shown on pages: « Marie Dupont » (first given name + usage or birth name). */
export function displayName(a: Pick<Account, 'given_names' | 'birth_name' | 'usage_name'>): string {
  const first = a.given_names.split(/\s+/)[0] ?? '';
  return `${first} ${a.usage_name ?? a.birth_name}`.trim();
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key/i.test(err.message ?? '')
  );
}
