import { retryAfter } from '../../http/api/answers';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Issuer, IssueDeps } from '../../attestations/issue';
import { type IssueAllowance, ISSUES_PER_ACCOUNT_PER_HOUR } from '../../attestations/limit';
import type { IssuedAttestation } from '../../attestations/manage';
import type { DisclosureChoices } from '../../attestations/privacy';
import { certifiedRows } from '../../attestations/snapshot';
import { type FieldError, fieldError } from '../../errors/app-error';
import { requestOrigin } from '../../http/session';
import { waitMessage } from '../../security/login-throttle';
import { VERIFY_PATH } from '../verification/views';
import { pdfPath } from './views';
import type { JourneyDeps } from '../deps';

/** What pages and JSON routes of « Mes attestations » share: the narrow dependencies of the use cases, and the answer's shape. */
export function issueDeps(ctx: Pick<JourneyDeps, 'database' | 'clock' | 'attestations'>): IssueDeps {
  return { db: ctx.database.db, now: ctx.clock.now(), payments: ctx.attestations.payments, resources: ctx.attestations.resources };
}

export function limitDeps(ctx: Pick<JourneyDeps, 'database' | 'clock' | 'rateLimiter'>) {
  return { db: ctx.database.db, now: ctx.clock.now(), rateLimiter: ctx.rateLimiter };
}

type Throttled = Extract<IssueAllowance, { kind: 'throttled' }>;

/** The refusal of the issuing limit, saying how long to wait. */
export function issueThrottledMessage(t: Throttled): string {
  return `Vous avez demandé beaucoup d’attestations en peu de temps (${ISSUES_PER_ACCOUNT_PER_HOUR} par heure au plus). ${waitMessage(t.retryAfterMs)}`;
}

/** …at a field of the form. */
export function issueThrottled(field: string, t: Throttled): FieldError {
  return fieldError(field, 'ATTESTATION_ISSUE_THROTTLED', issueThrottledMessage(t));
}

/** Sets Retry-After on a throttled answer. */
export function throttled(reply: FastifyReply, t: Throttled): FastifyReply {
  return retryAfter(reply, t.retryAfterMs);
}

/** The signed-in person and their dossier (requirePermission has read `req.actor` for this request). */
export function issuerOf(req: FastifyRequest): Issuer {
  const dossier = req.actor?.dossier;
  if (!dossier) throw new Error('issue_attestation allowed without a dossier');
  return { account: req.account!, householdId: dossier.householdId, dossierNumber: dossier.dossierNumber, origin: requestOrigin(req) };
}

export function choicesOf(d: DisclosureChoices): DisclosureChoices {
  return { detail: d.detail, sensitive: d.sensitive, dossierNumber: d.dossierNumber, address: d.address, childrenNames: d.childrenNames };
}

export function verifyUrl(ctx: Pick<JourneyDeps, 'config'>): string {
  return new URL(VERIFY_PATH, ctx.config.baseUrl).toString();
}

const iso = (ms: number) => new Date(ms).toISOString();

export function attestationAnswer(a: IssuedAttestation) {
  return {
    id: a.id,
    code: a.code,
    kind: a.kind,
    status: a.status,
    issuedAt: iso(a.issuedAt),
    expiresAt: iso(a.expiresAt),
    revokedAt: a.revokedAt === null ? null : iso(a.revokedAt),
    certified: certifiedRows(a.snapshot),
    checkedCount: a.checkedCount,
    refusedCount: a.refusedCount,
    pdfUrl: a.status === 'revoquee' ? null : pdfPath(a.id),
  };
}
