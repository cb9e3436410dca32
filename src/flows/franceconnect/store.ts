import type { Kysely } from 'kysely';
import type { TransactionKind, SignupStep } from './franceconnect.table';
import type { Database } from '../../db/schema';
import type { FranceConnectIdentity } from '../../franceconnect';
import type { Contact } from '../contact-verification/contact';
import { randomToken, sha256 } from '../../shared/crypto';

/**
 * Server-side state of FranceConnect journeys (migration 0004), one query per function.
 * The browser only holds a random token in an HttpOnly cookie; rows are keyed by its SHA-256, so a
 * copy of the table cannot be replayed as cookies.
 */

// ---------------------------------------------------------------------------------------------
// Transactions: between our redirect to FranceConnect and its return.

export const TRANSACTION_TTL_MS = 10 * 60_000;

/** login: state + nonce; logout: state; logout_handoff: the id_token, between our logout and the redirect to FranceConnect. */
export type { TransactionKind } from './franceconnect.table';

export interface Transaction {
  kind: TransactionKind;
  state: string;
  nonce: string | null;
  idToken?: string | null;
}

/** Stores a transaction; returns the token for the cookie (never stored). */
export async function openTransaction(db: Kysely<Database>, t: Transaction, now: number): Promise<string> {
  const token = randomToken(32);
  await db
    .insertInto('franceconnect_transactions')
    .values({ id: sha256(token), kind: t.kind, state: t.state, nonce: t.nonce, id_token: t.idToken ?? null, created_at: now, expires_at: now + TRANSACTION_TTL_MS })
    .execute();
  return token;
}

/**
 * Takes the transaction a cookie token names, whatever comes next: it is deleted (single use).
 * `undefined` when there is none, it is of another kind, it was already used or it has expired.
 */
export async function takeTransaction(db: Kysely<Database>, token: string | undefined, kind: TransactionKind, now: number): Promise<Transaction | undefined> {
  if (!token || token.length < 40 || token.length > 64) return undefined;
  const id = sha256(token);
  const row = await db.selectFrom('franceconnect_transactions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const deleted = await db.deleteFrom('franceconnect_transactions').where('id', '=', id).executeTakeFirst();
  // Two requests with the same cookie: only the one that deleted the row may go on.
  if (Number(deleted.numDeletedRows) !== 1) return undefined;
  if (row.kind !== kind || Number(row.expires_at) <= now) return undefined;
  return { kind: row.kind, state: row.state, nonce: row.nonce, idToken: row.id_token };
}

export async function deleteExpiredTransactions(db: Kysely<Database>, now: number): Promise<number> {
  const r = await db.deleteFrom('franceconnect_transactions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---------------------------------------------------------------------------------------------
// Signups: an account being created with FranceConnect.

export const SIGNUP_TTL_MS = 60 * 60_000;

export type { SignupStep } from './franceconnect.table';

export interface SignupData {
  identity: FranceConnectIdentity;
  /** kept for the logout at FranceConnect once the account is created and signed in */
  idToken: string;
  /** how many people of the répertoire match the identity (0, 1, or more) */
  repertoireMatches: number;
  /** the NIR found (exactly one match) or typed and checked */
  nir: { value: string; source: 'repertoire' | 'typed' } | null;
  /** the account that already has this NIR (password proof needed) */
  existingAccountId?: string;
  /** the contact being verified (src/flows/contact-verification), then the account's */
  contact?: Contact;
  /** the account created or linked */
  accountId?: string;
}

export interface Signup {
  id: string;
  sub: string;
  step: SignupStep;
  data: SignupData;
  version: number;
  createdAt: number;
  expiresAt: number;
}

export async function insertSignup(db: Kysely<Database>, s: { sub: string; step: SignupStep; data: SignupData }, now: number): Promise<{ token: string; signup: Signup }> {
  const token = randomToken(32);
  const signup: Signup = { id: sha256(token), sub: s.sub, step: s.step, data: s.data, version: 1, createdAt: now, expiresAt: now + SIGNUP_TTL_MS };
  await db
    .insertInto('franceconnect_signups')
    .values({
      id: signup.id,
      sub: signup.sub,
      step: signup.step,
      data: JSON.stringify(signup.data),
      version: signup.version,
      created_at: now,
      updated_at: now,
      expires_at: signup.expiresAt,
    })
    .execute();
  return { token, signup };
}

/** The signup a cookie token names, when it exists and has not expired. */
export async function findSignup(db: Kysely<Database>, token: string | undefined, now: number): Promise<Signup | undefined> {
  if (!token || token.length < 40 || token.length > 64) return undefined;
  const row = await db.selectFrom('franceconnect_signups').selectAll().where('id', '=', sha256(token)).executeTakeFirst();
  if (!row || Number(row.expires_at) <= now) return undefined;
  return {
    id: row.id,
    sub: row.sub,
    step: row.step,
    data: JSON.parse(row.data) as SignupData,
    version: Number(row.version),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}

/** Saves step and data if nobody changed the signup since it was read (another tab); false otherwise. */
export async function updateSignup(db: Kysely<Database>, s: Signup, change: { step: SignupStep; data: SignupData }, now: number): Promise<boolean> {
  const r = await db
    .updateTable('franceconnect_signups')
    .set({ step: change.step, data: JSON.stringify(change.data), version: s.version + 1, updated_at: now, expires_at: now + SIGNUP_TTL_MS })
    .where('id', '=', s.id)
    .where('version', '=', s.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteSignup(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('franceconnect_signups').where('id', '=', id).execute();
}

export async function deleteExpiredSignups(db: Kysely<Database>, now: number): Promise<number> {
  const r = await db.deleteFrom('franceconnect_signups').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
