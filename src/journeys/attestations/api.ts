import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { PERIOD_ERRORS } from '../../attestations/errors';
import { issuePaymentAttestation, issueQfAttestation } from '../../attestations/issue';
import { allowIssue } from '../../attestations/limit';
import { myAttestation, myAttestations, revokeMine } from '../../attestations/manage';
import { AppError, fieldError } from '../../errors/app-error';
import { fieldsError, waitThen } from '../../http/api/answers';
import { apiRoute } from '../../http/api/route';
import { requirePermission } from '../../http/require-permission';
import { requestOrigin } from '../../http/session';
import { AttestationAnswer, AttestationId, AttestationList, PaymentForm, QfForm } from './schemas';
import { attestationAnswer, choicesOf, issueDeps, issuerOf, issueThrottledMessage, limitDeps } from './use-cases';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type AttestationsApiDeps = Pick<JourneyDeps, 'attestations' | 'clock' | 'config' | 'database' | 'rateLimiter'>;

/** « Mes attestations » in JSON, from the same use cases as the pages (src/attestations). */
export function attestationsApi(ctx: AttestationsApiDeps): FastifyPluginAsync {
  const tags = ['Attestations'];
  const own = requirePermission(ctx, 'consult_personal_data');
  const issuing = requirePermission(ctx, 'issue_attestation');
  const mine = async (accountId: string, id: string) => {
    const a = await myAttestation(ctx.database.db, accountId, id, ctx.clock.now());
    if (!a) throw new AppError('ATTESTATION_NOT_FOUND');
    return a;
  };
  const refuseIfThrottled = async (req: FastifyRequest, reply: FastifyReply) => {
    const limit = await allowIssue(limitDeps(ctx), { accountId: req.account!.id, origin: requestOrigin(req) });
    if (limit.kind === 'throttled')
      throw waitThen(reply, limit.retryAfterMs, new AppError('ATTESTATION_ISSUE_THROTTLED', undefined, issueThrottledMessage(limit)));
  };
  return async (app) => {
    apiRoute(app, {
      method: 'GET',
      url: '/api/attestations',
      summary: 'Les attestations délivrées par la personne connectée, et combien de fois chacune a été vérifiée',
      tags,
      session: true,
      guard: own,
      response: AttestationList,
      handler: async ({ req }) => ({
        attestations: (await myAttestations(ctx.database.db, req.account!.id, ctx.clock.now())).map(attestationAnswer),
      }),
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/attestations/paiement',
      summary: 'Obtenir une attestation de paiement pour un mois ou une période (le total seul par défaut)',
      tags,
      session: true,
      guard: issuing,
      body: PaymentForm,
      response: AttestationAnswer,
      status: 201,
      errors: [403, 409, 429],
      handler: async ({ body, req, reply }) => {
        await refuseIfThrottled(req, reply);
        const r = await issuePaymentAttestation(issueDeps(ctx), issuerOf(req), { from: body.from, to: body.to, choices: choicesOf(body) });
        if (r.kind === 'invalid') throw fieldsError([fieldError(r.field, PERIOD_ERRORS[r.error])]);
        if (r.kind === 'nothing_paid') throw new AppError('ATTESTATION_NOTHING_PAID');
        return attestationAnswer(await mine(req.account!.id, r.id));
      },
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/attestations/quotient-familial',
      summary: 'Obtenir une attestation de quotient familial pour un mois de l’année en cours',
      tags,
      session: true,
      guard: issuing,
      body: QfForm,
      response: AttestationAnswer,
      status: 201,
      errors: [403, 409, 429],
      handler: async ({ body, req, reply }) => {
        await refuseIfThrottled(req, reply);
        const r = await issueQfAttestation(issueDeps(ctx), issuerOf(req), { month: body.month, choices: choicesOf(body) });
        if (r.kind === 'invalid') throw fieldsError([fieldError('month', PERIOD_ERRORS[r.error])]);
        if (r.kind === 'resources_unknown') throw new AppError('ATTESTATION_RESOURCES_UNKNOWN');
        return attestationAnswer(await mine(req.account!.id, r.id));
      },
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/attestations/:id/revocation',
      summary: 'Révoquer une de ses attestations (définitif) : la vérification répondra « révoquée »',
      tags,
      session: true,
      guard: own,
      params: AttestationId,
      response: AttestationAnswer,
      errors: [404, 409],
      handler: async ({ params, req }) => {
        await mine(req.account!.id, params.id);
        const done = await revokeMine(
          { db: ctx.database.db, now: ctx.clock.now() },
          { accountId: req.account!.id, id: params.id, origin: requestOrigin(req) },
        );
        if (!done) throw new AppError('ATTESTATION_ALREADY_REVOKED');
        return attestationAnswer(await mine(req.account!.id, params.id));
      },
    });
  };
}
