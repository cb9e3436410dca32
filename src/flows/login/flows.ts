import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { randomToken, sha256 } from '../../shared/crypto';

/**
 * Pending login and password-reset flows: what lies between two steps, kept server-side.
 *
 * Why a row and not a signed cookie: a row can be consumed exactly once (atomic delete), expires
 * on the server's clock, survives nothing once used, is shared by every instance through the
 * database, and keeps the account out of the browser entirely. The browser holds a random
 * 256-bit token (HttpOnly cookie); the row's id is its SHA-256, so a copy of the table gives no
 * usable token.
 */
export interface LoginFlowsTable {
  id: string;
  /** agent_login: the login of a Caf agent on /gestion (src/agents/login.ts); account_id then names an agent */
  kind: 'login' | 'password_reset' | 'agent_login';
  /** null for a password reset asked for an identifier that has no account (it goes nowhere, silently) */
  account_id: string | null;
  state: 'awaiting_code' | 'code_verified';
  destination: string | null;
  created_at: number;
  expires_at: number;
}

export type LoginFlow = LoginFlowsTable;
type FlowKind = LoginFlow['kind'];

export const LOGIN_FLOW_TTL_MS = 15 * 60_000;
export const RESET_FLOW_TTL_MS = 20 * 60_000;

function flows(db: Kysely<Database>) {
  return db.withTables<{ login_flows: LoginFlowsTable }>();
}

/** A new flow and the browser's token for it, not yet stored: the caller writes it with its code (`insertAll`). */
export function newFlow(f: { kind: FlowKind; accountId: string | null; destination: string | null }, now: number): { token: string; flow: LoginFlow } {
  const token = randomToken(32);
  const flow: LoginFlow = {
    id: sha256(token),
    kind: f.kind,
    account_id: f.accountId,
    state: 'awaiting_code',
    destination: f.destination,
    created_at: now,
    expires_at: now + (f.kind === 'password_reset' ? RESET_FLOW_TTL_MS : LOGIN_FLOW_TTL_MS),
  };
  return { token, flow };
}

/** The live flow of that kind named by a cookie token (undefined when unknown, used or expired). */
export async function findFlow(db: Kysely<Database>, kind: FlowKind, token: string | undefined, now: number): Promise<LoginFlow | undefined> {
  if (!token || token.length < 40 || token.length > 64) return undefined;
  const f = await flows(db).selectFrom('login_flows').selectAll().where('id', '=', sha256(token)).where('kind', '=', kind).executeTakeFirst();
  if (!f || Number(f.expires_at) <= now) return undefined;
  return { ...f, created_at: Number(f.created_at), expires_at: Number(f.expires_at) };
}

/** Moves a flow from one state to the next, once (false when it was not in `from` any more). */
export async function advanceFlow(db: Kysely<Database>, id: string, from: LoginFlow['state'], to: LoginFlow['state']): Promise<boolean> {
  const r = await flows(db).updateTable('login_flows').set({ state: to }).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Consumes a flow: only one caller ever gets true. */
export async function consumeFlow(db: Kysely<Database>, id: string, state: LoginFlow['state']): Promise<boolean> {
  const r = await flows(db).deleteFrom('login_flows').where('id', '=', id).where('state', '=', state).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Deletes expired flows (called from time to time by the flows that create them). */
export async function purgeExpiredFlows(db: Kysely<Database>, now: number): Promise<number> {
  const r = await flows(db).deleteFrom('login_flows').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
