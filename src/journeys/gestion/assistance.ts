import type { FastifyRequest } from 'fastify';
import { findAccountById, findAccountByLoginId, type Account } from '../../accounts/repository';
import { auditEventsOf, maskIdentifier, recordAudit, type AuditOrigin, type StoredAuditEvent } from '../../auth/audit';
import type { SessionRecord, SessionService } from '../../auth/sessions';
import type { JourneyDeps } from '../deps';
import { normaliseLoginId } from '../login/use-cases';
import type { HouseholdBankAccount } from '../../db/tables/household.table';
import { findActor } from '../../household/repository';
import { pendingBankAccount } from '../../household/bank';
import { pendingRecoveriesOf, type Recovery } from '../../recovery/repository';
import { agentNames } from '../../agents/repository';
import type { Agent } from '../../db/tables/agents.table';

/**
 * The assistance console's rules (src/journeys/gestion/accounts.ts): an agent with the
 * `assistance` right finds an account by its identifier and opens it for a reason they type; each
 * look is audited with that reason and lasts 15 minutes in the agent's session, within which the
 * page can be shown again and acted on. What the console reads never holds a code or a password.
 * Audit rows of the console name the agent (`account_id`) and the person (`details.account`).
 */
export const LOOK_TTL_MS = 15 * 60_000;

/** What the console's use cases need, handed down by the composition root (src/journeys/deps.ts). */
export type AssistanceDeps = Pick<JourneyDeps, 'clock' | 'database' | 'loginThrottle' | 'sessions'> & {
  agentSessions: Pick<SessionService, 'setData'>;
};
export const MAX_LOOK_REASON = 300;

/** « 1 84 12 75 *** *** ** »: the identifier as lists show it (the full one only on the account's page). */
export const maskedIdentifier = (a: Pick<Account, 'login_id'>): string => maskIdentifier(a.login_id);

/** The account an identifier names (NIR or identifiant provisoire, typed with or without spaces). */
export async function searchAccount(
  ctx: AssistanceDeps,
  i: { agent: Agent; identifier: string; reason: string; origin: AuditOrigin },
): Promise<Account | undefined> {
  const loginId = normaliseLoginId(i.identifier);
  const account = loginId.length <= 32 ? await findAccountByLoginId(ctx.database.db, loginId) : undefined;
  await recordAudit(
    ctx.database.db,
    {
      type: 'agent_account_searched',
      accountId: i.agent.id,
      ...i.origin,
      details: { identifier: maskIdentifier(loginId), found: !!account, reason: i.reason },
    },
    ctx.clock.now(),
  );
  return account;
}

type Looks = Record<string, { reason: string; at: number }>;

/** The reason of the agent's current look at this account, when it is recent enough. */
export function currentLook(ctx: AssistanceDeps, req: FastifyRequest, accountId: string): string | undefined {
  const look = ((req.agentSession?.data.looks ?? {}) as Looks)[accountId];
  return look && ctx.clock.now() - look.at < LOOK_TTL_MS ? look.reason : undefined;
}

/** A look begins: kept in the agent's session (older looks dropped), audited by the caller's `auditLook`. */
export async function beginLook(ctx: AssistanceDeps, req: FastifyRequest, accountId: string, reason: string): Promise<void> {
  const s = req.agentSession!;
  const now = ctx.clock.now();
  const looks = Object.fromEntries(Object.entries((s.data.looks ?? {}) as Looks).filter(([, l]) => now - l.at < LOOK_TTL_MS)) as Looks;
  looks[accountId] = { reason, at: now };
  s.data = { ...s.data, looks };
  await ctx.agentSessions.setData(s.id, s.data);
}

export function auditLook(ctx: AssistanceDeps, agent: Agent, account: Account, reason: string, origin: AuditOrigin): Promise<void> {
  return recordAudit(
    ctx.database.db,
    { type: 'agent_account_viewed', accountId: agent.id, ...origin, details: { account: account.id, reason } },
    ctx.clock.now(),
  );
}

export interface AccountState {
  account: Account;
  /** ms the login stays refused for the identifier (0: not throttled) */
  throttledForMs: number;
  sessions: SessionRecord[];
  logins: StoredAuditEvent[];
  recoveries: (Recovery & { startedByName: string | null })[];
  dossier: { number: string; pendingBank: HouseholdBankAccount | undefined } | undefined;
}

export async function accountState(ctx: AssistanceDeps, accountId: string): Promise<AccountState | undefined> {
  const { db } = ctx.database;
  const account = await findAccountById(db, accountId);
  if (!account) return undefined;
  const now = ctx.clock.now();
  const [throttledForMs, sessions, logins, recoveries, actor] = await Promise.all([
    ctx.loginThrottle.identifierBlockedFor(account.login_id),
    ctx.sessions.activeOf(account.id),
    auditEventsOf(db, account.id, { types: ['login_succeeded'], limit: 5 }),
    pendingRecoveriesOf(db, account.id, now),
    findActor(db, account.id),
  ]);
  const names = await agentNames(
    db,
    recoveries.map((r) => r.started_by).filter((x): x is string => !!x),
  );
  const dossier = actor.dossier
    ? { number: actor.dossier.dossierNumber, pendingBank: await pendingBankAccount(db, actor.dossier.householdId, now) }
    : undefined;
  return {
    account,
    throttledForMs,
    sessions,
    logins,
    recoveries: recoveries.map((r) => ({ ...r, startedByName: r.started_by ? (names.get(r.started_by) ?? null) : null })),
    dossier,
  };
}

/** Ends every session of the person (a stolen phone, a shared computer): audited on both sides. */
export async function endSessionsForPerson(
  ctx: AssistanceDeps,
  i: { agent: Agent; account: Account; reason: string; origin: AuditOrigin },
): Promise<number> {
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const count = await ctx.sessions.endAllOf(i.account.id, undefined, trx);
    await recordAudit(
      trx,
      { type: 'agent_sessions_ended', accountId: i.agent.id, ...i.origin, details: { account: i.account.id, count, reason: i.reason } },
      now,
    );
    await recordAudit(
      trx,
      { type: 'session_ended', accountId: i.account.id, ...i.origin, details: { reason: 'ended_by_agent', count } },
      now,
    );
    return count;
  });
}

/** Lifts the login throttle of the person's identifier, after the agent checked an identity document. */
export async function liftThrottle(
  ctx: AssistanceDeps,
  i: { agent: Agent; account: Account; document: string; reason: string; origin: AuditOrigin },
): Promise<void> {
  const before = await ctx.loginThrottle.identifierBlockedFor(i.account.login_id);
  await ctx.loginThrottle.success(i.account.login_id);
  await recordAudit(
    ctx.database.db,
    {
      type: 'agent_throttle_lifted',
      accountId: i.agent.id,
      ...i.origin,
      details: { account: i.account.id, document: i.document, blockedForMs: before, reason: i.reason },
    },
    ctx.clock.now(),
  );
}
