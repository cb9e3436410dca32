import { findAccountById } from '../accounts/repository';
import { recordAudit, type AuditOrigin } from '../auth/audit';
import type { SessionService } from '../auth/sessions';
import type { Config } from '../config/config';
import type { DatabaseHandle } from '../db/database';
import type { Clock } from '../shared/clock';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { recordDeclaration } from './repository';
import { enqueueMessage } from '../messaging/outbox';
import type { SeparationInput } from '../household/inputs';
import { separationConfirmedMessage, separationMessage } from '../household/messages';
import { inCouple, type Role } from '../household/permissions';
import {
  endMembership,
  findMember,
  findMemberWithRole,
  findPendingSeparation,
  findSeparationOfDemarche,
  insertSeparation,
  recordAddress,
  settleSeparation,
  type ActorDossier,
} from '../household/repository';

/** What this module takes from the composition root (src/context.ts builds them). */
export interface SeparationDeps {
  clock: Clock;
  config: Config;
  database: DatabaseHandle;
  sessions: SessionService;
}

/**
 * « Déclarer une séparation » (any member with a space; the caller has checked
 * `can(actor, 'declare_separation')`). The dossier is the responsable's (the allocataire's): the
 * conjoint — whoever declares, whoever leaves the home — leaves it.
 *
 * Declared by one of the couple, it takes effect at once, in one transaction:
 * - the conjoint's membership ends, and with it the autorisation de gestion;
 * - when the responsable declares that they leave the home, their new address becomes the dossier's;
 * - the declaration is kept (date, who leaves, new address, where the children live) and shown as a
 *   démarche « Séparation déclarée » in the declarer's « Mes démarches »;
 * - the other partner is told through their verified contact; audit for both.
 * Then every session of the conjoint on the dossier is ended — all of them when the responsable
 * declared, all but the one declaring when it is the conjoint (who must still see their démarche);
 * the declaring session, whoever declares, then gets a new id (the routes call rotateSession: its
 * privilege changed, the old id is worthless). The responsable's other sessions stay open: their
 * rights are read at each request, and the dossier stays theirs.
 *
 * Declared by another member (a child over 15, a personne à charge), it is a declaration the Caf
 * checks: a démarche the Caf side instructs, and NOTHING changes on the dossier nor is anybody else
 * told until an agent confirms it (`applySeparationDecision`, called by the agent's decision). Then
 * the effects above apply, and the couple is told that the Caf confirmed a separation — never who
 * declared it, never the declarer's new address or contact (kept for the Caf alone).
 *
 * Where the children live is for the Caf to act on: the children stay in the dossier meanwhile.
 */
export type SeparationOutcome =
  | { kind: 'declared'; demarcheId: string; sessionsEnded: number }
  /** declared by another member: waiting for the Caf */
  | { kind: 'submitted'; demarcheId: string }
  | { kind: 'no_partner' }
  | { kind: 'already_pending' };

interface DeclareInput {
  accountId: string;
  sessionId: string;
  role: Role;
  dossier: ActorDossier;
  input: SeparationInput;
  origin: AuditOrigin;
}

export async function declareSeparation(ctx: SeparationDeps, i: DeclareInput): Promise<SeparationOutcome> {
  return inCouple(i) ? declareInCouple(ctx, i) : declareForReview(ctx, i);
}

async function declareForReview(ctx: SeparationDeps, i: DeclareInput): Promise<SeparationOutcome> {
  const { db } = ctx.database;
  const conjoint = await findMemberWithRole(db, i.dossier.householdId, 'conjoint');
  if (!conjoint || !(await findMemberWithRole(db, i.dossier.householdId, 'responsable'))) return { kind: 'no_partner' };
  if (await findPendingSeparation(db, i.dossier.householdId)) return { kind: 'already_pending' };
  const now = ctx.clock.now();
  const demarcheId = await db.transaction().execute(async (trx) => {
    const demarche = await recordDeclaration(trx, i.accountId, 'declaration-separation', now, i.dossier.householdId);
    await insertSeparation(trx, {
      household_id: i.dossier.householdId,
      declared_by: i.accountId,
      former_member_id: conjoint.id,
      separation_date: i.input.date,
      leaver: i.input.leaver,
      new_address: i.input.newAddress ? JSON.stringify(i.input.newAddress) : null,
      children: i.input.children,
      demarche_id: demarche.id,
      created_at: now,
      status: 'pending',
      declarer_role: i.role,
    });
    await recordAudit(
      trx,
      {
        type: 'separation_declared',
        accountId: i.accountId,
        ...i.origin,
        details: { dossier: i.dossier.dossierNumber, date: i.input.date, side: 'by', pending: true },
      },
      now,
    );
    return demarche.id;
  });
  return { kind: 'submitted', demarcheId };
}

async function declareInCouple(ctx: SeparationDeps, i: DeclareInput): Promise<SeparationOutcome> {
  const { db } = ctx.database;
  const partnerRole: Role = i.role === 'responsable' ? 'conjoint' : 'responsable';
  const partner = await findMemberWithRole(db, i.dossier.householdId, partnerRole);
  const conjoint = i.role === 'conjoint' ? await findMemberWithRole(db, i.dossier.householdId, 'conjoint') : partner;
  if (!partner || !conjoint || (i.role === 'conjoint' && conjoint.id !== i.dossier.memberId)) return { kind: 'no_partner' };
  const partnerAccount = partner.account_id ? await findAccountById(db, partner.account_id) : undefined;
  const now = ctx.clock.now();
  const { input } = i;

  const demarcheId = await db.transaction().execute(async (trx) => {
    if (!(await endMembership(trx, conjoint.id, now))) throw new Error('separation: the conjoint left meanwhile');
    if (i.role === 'responsable' && input.leaver === 'declarer' && input.newAddress) {
      await recordAddress(trx, i.dossier.householdId, { ...input.newAddress, since: input.date }, i.accountId, now);
    }
    const demarche = await recordDeclaration(trx, i.accountId, 'declaration-separation', now, i.dossier.householdId);
    await insertSeparation(trx, {
      household_id: i.dossier.householdId,
      declared_by: i.accountId,
      former_member_id: conjoint.id,
      separation_date: input.date,
      leaver: input.leaver,
      new_address: input.newAddress ? JSON.stringify(input.newAddress) : null,
      children: input.children,
      demarche_id: demarche.id,
      created_at: now,
      status: 'effective',
      declarer_role: i.role,
    });
    if (partnerAccount) {
      await enqueueMessage(
        trx,
        separationMessage(partnerAccount, {
          dossier: i.dossier.dossierNumber,
          at: now,
          phone: ctx.config.agencyPhone,
          leavesDossier: partnerRole === 'conjoint',
        }),
        now,
      );
    }
    const details = { dossier: i.dossier.dossierNumber, date: input.date, leaver: input.leaver, children: input.children };
    await recordAudit(trx, { type: 'separation_declared', accountId: i.accountId, ...i.origin, details: { ...details, side: 'by' } }, now);
    if (partnerAccount)
      await recordAudit(
        trx,
        { type: 'separation_declared', accountId: partnerAccount.id, ...i.origin, details: { ...details, side: 'to' } },
        now,
      );
    if (conjoint.account_id) await recordLeft(trx, conjoint.account_id, i.dossier.dossierNumber, i.origin, now);
    return demarche.id;
  });

  const sessionsEnded = conjoint.account_id
    ? await endSessionsAfterSeparation(ctx, conjoint.account_id, i.origin, conjoint.account_id === i.accountId ? i.sessionId : undefined)
    : 0;
  return { kind: 'declared', demarcheId, sessionsEnded };
}

function recordLeft(db: Kysely<Database>, accountId: string, dossier: string, origin: AuditOrigin, now: number) {
  return recordAudit(db, { type: 'household_left', accountId, ...origin, details: { dossier, reason: 'separation' } }, now);
}

/** Ends the former conjoint's sessions (all but `keep`), audited; how many were ended. */
export async function endSessionsAfterSeparation(
  ctx: SeparationDeps,
  accountId: string,
  origin: AuditOrigin,
  keep?: string,
): Promise<number> {
  const ended = await ctx.sessions.endAllOf(accountId, keep);
  if (ended > 0) {
    await recordAudit(
      ctx.database.db,
      { type: 'session_ended', accountId, ...origin, details: { reason: 'separation', count: ended } },
      ctx.clock.now(),
    );
  }
  return ended;
}

/**
 * The Caf's decision on a separation declared by another member, inside the agent's transaction
 * (src/agents/instruction.ts). Confirmed (`accept`): the conjoint leaves the dossier (procuration
 * ended), the couple is told that the Caf confirmed a separation; the caller then ends the former
 * conjoint's sessions with the account returned. Refused or classée sans suite: nothing changes and
 * nobody but the declarer (told by the agent's notification) hears of it. A separation declared by
 * one of the couple was effective already: nothing to do.
 */
export async function applySeparationDecision(
  trx: Kysely<Database>,
  ctx: Pick<SeparationDeps, 'config'>,
  d: { demarcheId: string; event: string; now: number; origin: AuditOrigin },
): Promise<{ endSessionsOf?: string }> {
  const sep = await findSeparationOfDemarche(trx, d.demarcheId);
  if (!sep || sep.status !== 'pending') return {};
  if (d.event !== 'accept') {
    if (d.event === 'refuse' || d.event === 'close') await settleSeparation(trx, sep.id, 'dismissed');
    return {};
  }
  await settleSeparation(trx, sep.id, 'confirmed');
  const former = await findMember(trx, sep.former_member_id);
  const household = await trx.selectFrom('households').select('dossier_number').where('id', '=', sep.household_id).executeTakeFirst();
  const dossier = household?.dossier_number ?? '';
  const responsable = await findMemberWithRole(trx, sep.household_id, 'responsable');
  const left = former ? await endMembership(trx, former.id, d.now) : false;
  for (const m of [responsable, former]) {
    if (!m?.account_id) continue;
    const account = await findAccountById(trx, m.account_id);
    if (!account) continue;
    const leaves = m === former;
    await enqueueMessage(
      trx,
      separationConfirmedMessage(account, { dossier, at: d.now, phone: ctx.config.agencyPhone, leavesDossier: leaves }),
      d.now,
    );
    await recordAudit(
      trx,
      { type: 'separation_declared', accountId: account.id, ...d.origin, details: { dossier, side: 'to', confirmed: true } },
      d.now,
    );
    if (leaves && left) await recordLeft(trx, account.id, dossier, d.origin, d.now);
  }
  return left && former?.account_id ? { endSessionsOf: former.account_id } : {};
}
