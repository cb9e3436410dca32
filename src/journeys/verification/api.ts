import type { FastifyPluginAsync } from 'fastify';
import { certifiedRows } from '../../attestations/snapshot';
import { AppError } from '../../errors/app-error';
import { fieldsError, waitThen } from '../../http/api/answers';
import { apiRoute } from '../../http/api/route';
import { VerifyAnswer, VerifyForm } from './schemas';
import { check, NOT_PROVEN, privateHeaders } from './use-cases';
import { VERIFY_PATH } from './views';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type VerificationApiDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'rateLimiter'>;

/** « Vérifier une attestation » in JSON: the same check as the public page, the same limits and headers. */
export function verificationApi(ctx: VerificationApiDeps): FastifyPluginAsync {
  const serviceUrl = new URL(VERIFY_PATH, ctx.config.baseUrl).toString();
  const iso = (ms: number) => new Date(ms).toISOString();
  return async (app) => {
    apiRoute(app, {
      method: 'POST',
      url: '/api/attestations/verification',
      summary: 'Vérifier une attestation avec son code et le nom de famille de l’allocataire (sans compte)',
      description:
        'Même réponse « non_conforme » pour un code inconnu et un nom qui ne correspond pas ; ce que l’attestation certifie n’est donné que si elle est conforme. Limité par adresse IP et par code.',
      tags: ['Attestations'],
      body: VerifyForm,
      response: VerifyAnswer,
      errors: [429],
      handler: async ({ body, req, reply }) => {
        privateHeaders(reply);
        const r = await check(ctx, req, body);
        if (r.kind === 'refused') {
          if (r.status === 429)
            throw waitThen(reply, r.retryAfterMs ?? 0, new AppError('ATTESTATION_CHECKS_THROTTLED', 'code', r.errors[0]!.message));
          throw fieldsError(r.errors);
        }
        const v = r.result;
        const base = { serviceUrl, notProven: NOT_PROVEN };
        if (v.kind === 'conforme')
          return {
            ...base,
            result: v.kind,
            kind: v.snapshot.kind,
            certified: certifiedRows(v.snapshot),
            issuedAt: iso(v.issuedAt),
            expiresAt: iso(v.expiresAt),
          };
        if (v.kind === 'revoquee') return { ...base, result: v.kind, revokedAt: iso(v.revokedAt) };
        if (v.kind === 'expiree') return { ...base, result: v.kind, expiresAt: iso(v.expiresAt) };
        return { ...base, result: v.kind };
      },
    });
  };
}
