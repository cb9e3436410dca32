import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { PERIOD_ERRORS } from '../../attestations/errors';
import { issuePaymentAttestation, issueQfAttestation, type PaymentIssue, type QfIssue } from '../../attestations/issue';
import { allowIssue } from '../../attestations/limit';
import { myAttestation, myAttestations, revokeMine } from '../../attestations/manage';
import { AppError, fieldError } from '../../errors/app-error';
import type { ErrorCode } from '../../errors/registry';
import { fieldsError, waitThen } from '../../http/api/answers';
import { type ApiInput, apiRoutes } from '../../http/api/route';
import { requirePermission } from '../../http/require-permission';
import { requestOrigin } from '../../http/session';
import { AttestationAnswer, AttestationId, AttestationList, PaymentForm, QfForm } from './schemas';
import { attestationAnswer, choicesOf, issueDeps, issuerOf, issueThrottledMessage, limitDeps } from './use-cases';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type AttestationsApiDeps = Pick<JourneyDeps, 'attestations' | 'clock' | 'config' | 'database' | 'rateLimiter'>;

/** When there is nothing to certify for the period asked: the refusal of each kind. */
const NOTHING_TO_CERTIFY = {
  nothing_paid: 'ATTESTATION_NOTHING_PAID',
  resources_unknown: 'ATTESTATION_RESOURCES_UNKNOWN',
} as const satisfies Record<Exclude<PaymentIssue | QfIssue, { kind: 'issued' | 'invalid' }>['kind'], ErrorCode>;

/** « Mes attestations » in JSON, from the same use cases as the pages (src/attestations). */
export function attestationsApi(ctx: AttestationsApiDeps): FastifyPluginAsync {
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
    const route = apiRoutes(app, { tags: ['Attestations'], session: true, guard: own });
    route({
      method: 'GET',
      url: '/api/attestations',
      summary: 'Les attestations délivrées par la personne connectée, et combien de fois chacune a été vérifiée',
      response: AttestationList,
      handler: async ({ req }) => ({
        attestations: (await myAttestations(ctx.database.db, req.account!.id, ctx.clock.now())).map(attestationAnswer),
      }),
    });

    /** Both kinds are issued alike: the issuing limit first, then the use case, and the attestation as the list shows it. */
    const issueRoute = <B extends z.ZodType>(o: {
      url: `/api/${string}`;
      summary: string;
      body: B;
      issue: (input: ApiInput<B, undefined, undefined>) => Promise<PaymentIssue | QfIssue>;
    }) =>
      route({
        method: 'POST',
        url: o.url,
        summary: o.summary,
        guard: issuing,
        body: o.body,
        response: AttestationAnswer,
        status: 201,
        errors: [403, 409, 429],
        handler: async (input) => {
          await refuseIfThrottled(input.req, input.reply);
          const r = await o.issue(input);
          if (r.kind === 'invalid') throw fieldsError([fieldError(r.field, PERIOD_ERRORS[r.error])]);
          if (r.kind !== 'issued') throw new AppError(NOTHING_TO_CERTIFY[r.kind]);
          return attestationAnswer(await mine(input.req.account!.id, r.id));
        },
      });

    issueRoute({
      url: '/api/attestations/paiement',
      summary: 'Obtenir une attestation de paiement pour un mois ou une période (le total seul par défaut)',
      body: PaymentForm,
      issue: ({ body, req }) =>
        issuePaymentAttestation(issueDeps(ctx), issuerOf(req), { from: body.from, to: body.to, choices: choicesOf(body) }),
    });

    issueRoute({
      url: '/api/attestations/quotient-familial',
      summary: 'Obtenir une attestation de quotient familial pour un mois de l’année en cours',
      body: QfForm,
      issue: ({ body, req }) => issueQfAttestation(issueDeps(ctx), issuerOf(req), { month: body.month, choices: choicesOf(body) }),
    });

    route({
      method: 'POST',
      url: '/api/attestations/:id/revocation',
      summary: 'Révoquer une de ses attestations (définitif) : la vérification répondra « révoquée »',
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
