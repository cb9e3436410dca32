import { findAccountById } from '../accounts/repository';
import { recordAudit, type AuditOrigin } from '../auth/audit';
import type { AppContext } from '../context';
import { recordDeclaration } from '../demarches/repository';
import { enqueueMessage } from '../messaging/outbox';
import type { SeparationInput } from './inputs';
import { separationMessage } from './messages';
import type { Role } from './permissions';
import { endMembership, findMemberWithRole, insertSeparation, recordAddress, type ActorDossier } from './repository';

/**
 * « Déclarer une séparation » (the responsable or the conjoint; the caller has checked
 * `can(actor, 'declare_separation')`). The dossier is the responsable's (the allocataire's): the
 * conjoint — whoever declares, whoever leaves the home — leaves it at once. In one transaction:
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
 * Where the children live is for the Caf to act on: the children stay in the dossier meanwhile.
 */
export type SeparationOutcome = { kind: 'declared'; demarcheId: string; sessionsEnded: number } | { kind: 'no_partner' };

export async function declareSeparation(
  ctx: AppContext,
  i: { accountId: string; sessionId: string; role: Role; dossier: ActorDossier; input: SeparationInput; origin: AuditOrigin },
): Promise<SeparationOutcome> {
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
    });
    if (partnerAccount) {
      await enqueueMessage(
        trx,
        separationMessage(partnerAccount, i.dossier.dossierNumber, now, ctx.config.agencyPhone, {
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
    if (conjoint.account_id)
      await recordAudit(
        trx,
        {
          type: 'household_left',
          accountId: conjoint.account_id,
          ...i.origin,
          details: { dossier: i.dossier.dossierNumber, reason: 'separation' },
        },
        now,
      );
    return demarche.id;
  });

  let sessionsEnded = 0;
  if (conjoint.account_id) {
    sessionsEnded = await ctx.sessions.endAllOf(conjoint.account_id, conjoint.account_id === i.accountId ? i.sessionId : undefined);
    if (sessionsEnded > 0) {
      await recordAudit(
        db,
        { type: 'session_ended', accountId: conjoint.account_id, ...i.origin, details: { reason: 'separation', count: sessionsEnded } },
        now,
      );
    }
  }
  return { kind: 'declared', demarcheId, sessionsEnded };
}
