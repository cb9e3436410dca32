import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { randomToken, sha256 } from '../shared/crypto';
import type { TransactionKind } from '../db/tables/franceconnect.table';

/**
 * Server-side state of the FranceConnect journeys (src/journeys/franceconnect), below them so that
 * the retention sweep reaches it: the browser only holds a random token in an HttpOnly cookie; rows
 * are keyed by its SHA-256, so a copy of the table cannot be replayed as cookies. The sign-ups are
 * flows of the engine (./store.ts).
 */

// ---------------------------------------------------------------------------------------------
// Transactions: between our redirect to FranceConnect and its return.

export const TRANSACTION_TTL_MS = 10 * 60_000;

/** login: state + nonce; logout: state; logout_handoff: the id_token, between our logout and the redirect to FranceConnect. */
export type { TransactionKind } from '../db/tables/franceconnect.table';

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
    .values({
      id: sha256(token),
      kind: t.kind,
      state: t.state,
      nonce: t.nonce,
      id_token: t.idToken ?? null,
      created_at: now,
      expires_at: now + TRANSACTION_TTL_MS,
    })
    .execute();
  return token;
}

/**
 * Takes the transaction a cookie token names, whatever comes next: it is deleted (single use).
 * `undefined` when there is none, it is of another kind, it was already used or it has expired.
 */
export async function takeTransaction(
  db: Kysely<Database>,
  token: string | undefined,
  kind: TransactionKind,
  now: number,
): Promise<Transaction | undefined> {
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
