import { getAccountById } from '../accounts/repository';
import { recordAudit, type AuditOrigin } from '../auth/audit';
import type { Config } from '../config/config';
import type { DatabaseHandle } from '../db/database';
import type { SessionService } from '../auth/sessions';
import type { Clock } from '../shared/clock';
import type { DemarcheEvent } from '../demarches/machine';
import { transitionDemarche, type Demarche } from '../demarches/repository';
import { closeOpenRequests, createRequest } from '../justificatifs/repository';
import { applySeparationDecision, endSessionsAfterSeparation } from '../demarches/separation';
import { enqueueMessage } from '../messaging/outbox';
import { appealRouteOf, appealSentence } from '../prestations/appeals';
import { findPrestation } from '../prestations/catalogue';
import { recordAcceptance } from '../payments/acceptance';
import type { DroitInput } from '../payments/inputs';
import { monthlyAmountLimit } from '../prestations/amount-limits';
import { NOTIFICATION_SUBJECTS, demarcheNotification, type NotifiedEvent } from './messages';
import type { Agent } from '../db/tables/agents.table';

/** What this module takes from the composition root (src/context.ts builds them). */
export interface InstructionDeps {
  clock: Clock;
  config: Config;
  database: DatabaseHandle;
  sessions: SessionService;
}

/**
 * What an agent does to a démarche: take it into instruction, ask for a justificatif (with a
 * message), resume, decide (acceptée, refusée with a motif, classée sans suite with a motif). One
 * transaction each: the transition and its history row (src/demarches/repository.ts), the piece
 * asked, the droit an acceptance opens (src/payments/acceptance.ts), the message to the person (outbox), the audit event — all or nothing.
 *
 * The démarche's version makes a stale page harmless: an agent acting on what they saw, after
 * another agent (or the person) moved it, gets WrongStateError or StaleDemarcheError, and nothing
 * is written.
 */
/** The events an agent causes (src/demarches/machine.ts EVENT_ACTOR): the person's are submit and provide_documents. */
export type AgentEvent = Exclude<DemarcheEvent, 'submit' | 'provide_documents'>;

const NOTIFIED = new Set<DemarcheEvent>(Object.keys(NOTIFICATION_SUBJECTS) as NotifiedEvent[]);

export interface AgentActionInput {
  agent: Agent;
  demarcheId: string;
  event: AgentEvent;
  /** the piece asked, the motif (required for request_documents, refuse, close: checked by the repository) */
  reason?: string | null;
  /** the version of the démarche the agent's page showed */
  version: number;
  /** the droit an acceptance records (required when the prestation is paid: src/prestations/amount-limits.ts) */
  droit?: DroitInput;
  origin: AuditOrigin;
}

function appealOf(slug: string): string | null {
  const r = appealRouteOf(slug);
  return r ? appealSentence(r) : null;
}

export async function actOnDemarche(ctx: InstructionDeps, i: AgentActionInput): Promise<Demarche> {
  const now = ctx.clock.now();
  let endSessionsOf: string | undefined;
  let bankAccountRecorded = false;
  const demarche = await ctx.database.db.transaction().execute(async (trx) => {
    const before = i.version;
    const d = await transitionDemarche(trx, {
      id: i.demarcheId,
      event: i.event,
      actor: { kind: 'agent', id: i.agent.id },
      reason: i.reason ?? null,
      now,
      version: i.version,
    });
    if (i.event === 'request_documents')
      await createRequest(trx, { demarcheId: d.id, message: i.reason!.trim(), agentId: i.agent.id, now });
    else await closeOpenRequests(trx, d.id, now);
    // An accepted request opens its droit (and the dossier, for a person attached to none): src/payments/acceptance.ts.
    if (i.event === 'accept' && monthlyAmountLimit(d.prestation) !== undefined) {
      if (!i.droit) throw new Error('an acceptance of a paid prestation needs its droit');
      const accepted = await recordAcceptance(trx, {
        demarche: d,
        droit: i.droit,
        agentId: i.agent.id,
        motif: i.reason?.trim() || null,
        now,
      });
      if (accepted.bankAccountRecorded) bankAccountRecorded = true;
    }
    // A separation declared by a child or a personne à charge takes effect when the Caf confirms it.
    if (d.prestation === 'declaration-separation')
      ({ endSessionsOf } = await applySeparationDecision(trx, ctx, { demarcheId: d.id, event: i.event, now, origin: i.origin }));
    if (NOTIFIED.has(i.event)) {
      const person = await getAccountById(trx, d.account_id);
      const title = findPrestation(d.prestation)?.title ?? d.prestation;
      await enqueueMessage(
        trx,
        demarcheNotification(
          person,
          {
            prestationTitle: title,
            reference: d.reference,
            declaration: d.prestation === 'declaration-separation',
            motif: i.reason?.trim() || null,
            appeal: appealOf(d.prestation),
          },
          i.event as NotifiedEvent,
          ctx.config.baseUrl,
        ),
        now,
      );
    }
    await recordAudit(
      trx,
      {
        type: i.event === 'request_documents' ? 'agent_justificatif_requested' : 'agent_demarche_transition',
        accountId: i.agent.id,
        ...i.origin,
        details: {
          demarcheId: d.id,
          event: i.event,
          status: d.status,
          fromVersion: before,
          ...(bankAccountRecorded ? { bankAccountRecorded } : {}),
        },
      },
      now,
    );
    return d;
  });
  if (endSessionsOf) await endSessionsAfterSeparation(ctx, endSessionsOf, i.origin);
  return demarche;
}
