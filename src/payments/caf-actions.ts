import type { Kysely } from 'kysely';
import { recordAudit, type AuditOrigin } from '../auth/audit';
import type { Database } from '../db/schema';
import { AppError } from '../errors/app-error';
import { currentMembersOf } from '../household/repository';
import { enqueueMessage, type OutgoingMessage } from '../messaging/outbox';
import { findPrestation } from '../prestations/catalogue';
import { changeDroit, type ChangeResult, type DroitChangeInput } from './changes';
import { releaseHeldPayments } from './run';

/**
 * The Caf side's actions on droits and payments, each one transaction with its audit row:
 * - a new amount from a month on, or the end of a droit, with a motif: the person concerned (the
 *   droit's member, else those who manage the dossier) is told through the outbox — no amount and no
 *   motif in an SMS, read on a locked screen; the e-mail gives the motif, the amounts are behind the login;
 * - the release of a held payment, after the agent checked the bank account.
 */
export async function changeDroitByAgent(
  db: Kysely<Database>,
  i: { agentId: string; droitId: string; change: DroitChangeInput; motif: string; now: number; origin: AuditOrigin; baseUrl: string },
): Promise<ChangeResult> {
  return db.transaction().execute(async (trx) => {
    const r = await changeDroit(trx, { droitId: i.droitId, change: i.change, motif: i.motif, agentId: i.agentId, now: i.now });
    for (const to of await recipientsOf(trx, r.droit.household_id, r.droit.member_id))
      await enqueueMessage(
        trx,
        droitChangedMessage(to, findPrestation(r.droit.prestation)?.title ?? r.droit.prestation, i.motif, i.baseUrl),
        i.now,
      );
    await recordAudit(
      trx,
      {
        type: 'agent_droit_changed',
        accountId: i.agentId,
        ...i.origin,
        details: { droitId: r.droit.id, kind: i.change.kind, seq: r.change.seq, adjustments: r.adjustments.length },
      },
      i.now,
    );
    return r;
  });
}

export async function releasePaymentByAgent(
  db: Kysely<Database>,
  i: { agentId: string; paymentId: string; now: number; origin: AuditOrigin },
): Promise<void> {
  const n = await releaseHeldPayments(db, i.now, { agentId: i.agentId, paymentId: i.paymentId });
  if (n !== 1) throw new AppError('PAYMENT_NOT_HELD');
  await recordAudit(db, { type: 'agent_payment_released', accountId: i.agentId, ...i.origin, details: { paymentId: i.paymentId } }, i.now);
}

/** Whom a change is told to: the member it concerns if they have an account, and those who manage the dossier. */
async function recipientsOf(db: Kysely<Database>, householdId: string, memberId: string | null) {
  const rows = await currentMembersOf(db, householdId)
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['m.id', 'm.role', 'm.has_procuration', 'a.contact_kind', 'a.contact_value', 'a.closed_at'])
    .execute();
  return rows.filter(
    (r) => r.closed_at === null && (r.id === memberId || r.role === 'responsable' || (r.role === 'conjoint' && r.has_procuration === 1)),
  );
}

export function droitChangedMessage(
  to: { contact_kind: 'email' | 'sms'; contact_value: string },
  prestationTitle: string,
  motif: string,
  baseUrl: string,
): OutgoingMessage {
  const where = `${baseUrl}/mon-espace/droits`;
  return to.contact_kind === 'sms'
    ? {
        channel: 'sms',
        to: to.contact_value,
        subject: 'Un droit a changé',
        text: `Mon Compte Caf : un de vos droits a changé. Le détail est dans « Mes droits » : ${where}`,
      }
    : {
        channel: 'email',
        to: to.contact_value,
        subject: 'Un droit a changé',
        text: `Bonjour,\n\nLa Caf a modifié votre droit « ${prestationTitle} ».\n\nMotif : ${motif}\n\nLe nouveau montant, les mois concernés et, s’il y a lieu, le rappel ou la retenue sur vos prochains paiements sont dans « Mes droits » et « Mes paiements » après vous être connecté à Mon Compte : ${where}\n\nLa Caf ne vous demandera jamais votre mot de passe ni un code reçu par message.`,
      };
}
