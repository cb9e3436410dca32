import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Verification, verifyAttestation } from '../../attestations/verify';
import { fieldError, type FieldError } from '../../errors/app-error';
import { waitMessage } from '../../security/login-throttle';
import type { JourneyDeps } from '../deps';

/** What the page and the JSON route of « Vérifier une attestation » share. */
export type Checked =
  | { kind: 'refused'; errors: FieldError[]; status: number; retryAfterMs?: number }
  | { kind: 'answered'; result: Exclude<Verification, { kind: 'invalid_code' } | { kind: 'throttled' }> };

export async function check(
  ctx: Pick<JourneyDeps, 'database' | 'clock' | 'rateLimiter'>,
  req: FastifyRequest,
  i: { code: string; surname: string },
): Promise<Checked> {
  const missing: FieldError[] = [];
  if (!i.code) missing.push(fieldError('code', 'ATTESTATION_CODE_REQUIRED'));
  if (!i.surname) missing.push(fieldError('surname', 'ATTESTATION_SURNAME_REQUIRED'));
  if (missing.length) return { kind: 'refused', errors: missing, status: 400 };
  const r = await verifyAttestation(
    { db: ctx.database.db, now: ctx.clock.now(), rateLimiter: ctx.rateLimiter },
    { ...i, ip: req.ip ?? null },
  );
  if (r.kind === 'throttled')
    return {
      kind: 'refused',
      status: 429,
      retryAfterMs: r.retryAfterMs,
      errors: [fieldError('code', 'ATTESTATION_CHECKS_THROTTLED', `Trop de vérifications en peu de temps. ${waitMessage(r.retryAfterMs)}`)],
    };
  if (r.kind === 'invalid_code')
    return {
      kind: 'refused',
      status: 400,
      errors: [fieldError('code', r.reason === 'check' ? 'ATTESTATION_CODE_CHECK' : 'ATTESTATION_CODE_FORMAT')],
    };
  return { kind: 'answered', result: r };
}

/**
 * The public page's headers: never stored by a cache (a verifier's answer is for them only), never
 * indexed, no referrer sent by its links (the code in the address stays here).
 */
export function privateHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow').header('referrer-policy', 'no-referrer');
}

export const NOT_PROVEN =
  'La vérification prouve que la Caf a délivré cette attestation à une personne portant ce nom ; elle ne prouve pas que la personne qui présente le papier en est le titulaire.';
