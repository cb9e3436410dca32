import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AGENT_PATH, requireAgentRole } from '../../http/agent-session';
import { agentFlash, redirectWithNotice, takeNotice } from '../../http/flash';
import { actOnDemarche, type AgentEvent } from '../../agents/instruction';
import { recordAudit } from '../../auth/audit';
import { requestOrigin } from '../../http/session';
import { WrongStateError } from '../../flows/machine';
import { StaleDemarcheError, findDemarche, type Demarche } from '../../demarches/repository';
import { AppError, fieldError, type FieldError } from '../../errors/app-error';
import { readJustificatif } from '../../justificatifs/service';
import { sendHtml } from '../../http/errors';
import { keptValue, takeFormState } from '../../http/form-state';
import { formRefusal, refuseForm } from '../refusal';
import { sendAuditedDownload } from '../../http/uploads';
import { DONE, MAX_REASON, detailPage, type DetailValues } from './detail';
import { demarchePath } from './list';
import { readDroitInput, type DroitInput } from '../../payments/inputs';
import { monthlyAmountLimit } from '../../prestations/amount-limits';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type GestionActionsDeps = Pick<JourneyDeps, 'agentSessions' | 'clock' | 'config' | 'database' | 'justificatifStorage' | 'sessions'>;

/**
 * The Caf side's routes on one démarche: open it (audited: an agent read a person's file), act on
 * it (one POST per action, each with the version the page showed), download its files (audited).
 * An action refused for its fields goes back to the démarche's page (303, src/http/form-state.ts)
 * with what was typed.
 */
const Version = z.coerce.number().int().min(1).max(1_000_000);
const Text = z.string().max(10_000).optional();
const Short = z.string().max(40).optional();
const ActionBody = z.object({
  version: Version,
  message: Text,
  motif: Text,
  decision: Short,
  montant: Short,
  premierMois: Short,
  dernierMois: Short,
});

/** The démarche of the address, as agents see it (a brouillon is nobody's business but its author's). */
async function sentDemarche(ctx: GestionActionsDeps, req: FastifyRequest): Promise<Demarche> {
  const d = await findDemarche(ctx.database.db, (req.params as { id: string }).id);
  if (!d || d.status === 'brouillon') throw new AppError('AGENT_DEMARCHE_NOT_FOUND');
  return d;
}

/** A reason typed by the agent: required (field error), at most 1 000 characters, trimmed. */
function reasonOf(value: string | undefined, field: 'message' | 'motif', required: boolean): { reason: string | null; error?: FieldError } {
  const reason = (value ?? '').trim();
  if (!reason && required)
    return { reason: null, error: fieldError(field, field === 'message' ? 'AGENT_MESSAGE_REQUIRED' : 'AGENT_MOTIF_REQUIRED') };
  if (reason.length > MAX_REASON)
    return { reason: null, error: fieldError(field, field === 'message' ? 'AGENT_MESSAGE_TOO_LONG' : 'AGENT_MOTIF_TOO_LONG') };
  return { reason: reason || null };
}

export function agentDemarcheRoutes(app: FastifyInstance, ctx: GestionActionsDeps): void {
  const instructing = requireAgentRole(ctx, 'instruction');
  app.get(`${AGENT_PATH}/demarches/:id`, { preHandler: instructing }, async (req, reply) => {
    const d = await sentDemarche(ctx, req);
    await recordAudit(
      ctx.database.db,
      { type: 'agent_demarche_viewed', accountId: req.agent!.id, ...requestOrigin(req), details: { demarcheId: d.id } },
      ctx.clock.now(),
    );
    const shown = await takeFormState(ctx, req, reply);
    if (shown) {
      const kept = (name: string) => keptValue(shown, name);
      const values: DetailValues = {
        errors: shown.errors,
        ...(kept('message') !== undefined ? { message: kept('message') } : {}),
        ...(kept('motif') !== undefined ? { motif: kept('motif') } : {}),
        ...(kept('decision') ? { decision: kept('decision') } : {}),
        droit: { montant: kept('montant') ?? '', premierMois: kept('premierMois') ?? '', dernierMois: kept('dernierMois') ?? '' },
      };
      return sendHtml(reply, await detailPage(ctx, req, d, values));
    }
    const done = await takeNotice(agentFlash(ctx, req), req);
    return sendHtml(reply, await detailPage(ctx, req, d, done && Object.hasOwn(DONE, done) ? { done: done as AgentEvent } : {}));
  });

  /** Runs one action; a field error goes back to the page with what was typed (303), a stale page is a 409. */
  const act = async (
    req: FastifyRequest,
    reply: FastifyReply,
    choose: (
      body: z.output<typeof ActionBody>,
      d: Demarche,
    ) => { event?: AgentEvent; reason: string | null; errors: FieldError[]; droit?: DroitInput | undefined },
  ) => {
    const d = await sentDemarche(ctx, req);
    const parsed = ActionBody.safeParse(req.body ?? {});
    if (!parsed.success) throw new AppError('VALIDATION_FAILED');
    const body = parsed.data;
    const { event, reason, errors, droit } = choose(body, d);
    if (errors.length || !event) {
      const values: DetailValues = {
        errors,
        ...(body.message !== undefined ? { message: body.message } : {}),
        ...(body.motif !== undefined ? { motif: body.motif } : {}),
        ...(body.decision ? { decision: body.decision } : {}),
        droit: { montant: body.montant ?? '', premierMois: body.premierMois ?? '', dernierMois: body.dernierMois ?? '' },
      };
      return refuseForm(ctx, req, reply, formRefusal(errors), {
        to: demarchePath(d.id),
        values: {
          message: body.message,
          motif: body.motif,
          decision: body.decision || undefined,
          montant: body.montant,
          premierMois: body.premierMois,
          dernierMois: body.dernierMois,
        },
        render: async (shown) => detailPage(ctx, req, d, { ...values, errors: shown }),
      });
    }
    try {
      await actOnDemarche(ctx, {
        agent: req.agent!,
        demarcheId: d.id,
        event,
        reason,
        version: body.version,
        origin: requestOrigin(req),
        ...(droit ? { droit } : {}),
      });
    } catch (e) {
      if (e instanceof WrongStateError || e instanceof StaleDemarcheError) throw new AppError('AGENT_ACTION_NOT_ALLOWED');
      throw e;
    }
    return redirectWithNotice(agentFlash(ctx, req), reply, demarchePath(d.id), event);
  };

  const simple = (event: AgentEvent) => () => ({ event, reason: null, errors: [] });
  app.post(`${AGENT_PATH}/demarches/:id/instruction`, { preHandler: instructing }, (req, reply) =>
    act(req, reply, simple('start_instruction')),
  );
  app.post(`${AGENT_PATH}/demarches/:id/reprise`, { preHandler: instructing }, (req, reply) =>
    act(req, reply, simple('resume_instruction')),
  );
  app.post(`${AGENT_PATH}/demarches/:id/justificatif`, { preHandler: instructing }, (req, reply) =>
    act(req, reply, (b) => {
      const r = reasonOf(b.message, 'message', true);
      return { event: 'request_documents', reason: r.reason, errors: r.error ? [r.error] : [] };
    }),
  );
  app.post(`${AGENT_PATH}/demarches/:id/decision`, { preHandler: instructing }, (req, reply) =>
    act(req, reply, (b, d) => {
      const decision = (['accept', 'refuse', 'close'] as const).find((x) => x === b.decision);
      const r = reasonOf(b.motif, 'motif', decision !== 'accept');
      // An accepted request of a paid prestation opens its droit: the amount and months the agent entered.
      const droit = decision === 'accept' && monthlyAmountLimit(d.prestation) !== undefined ? readDroitInput(d.prestation, b) : undefined;
      const errors = [
        ...(decision ? [] : [fieldError('decision', 'AGENT_DECISION_REQUIRED')]),
        ...(decision && r.error ? [r.error] : []),
        ...(droit?.errors ?? []),
      ];
      return { ...(decision ? { event: decision } : {}), reason: r.reason, errors, droit: droit?.droit };
    }),
  );

  app.get(`${AGENT_PATH}/justificatifs/:id`, { preHandler: instructing }, async (req, reply) => {
    const file = await readJustificatif(ctx, (req.params as { id: string }).id);
    return sendAuditedDownload(ctx, req, reply, file, { type: 'agent_justificatif_downloaded', accountId: req.agent!.id });
  });
}
