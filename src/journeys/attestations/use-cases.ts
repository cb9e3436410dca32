import type { FastifyRequest } from 'fastify';
import type { Issuer, IssueDeps } from '../../attestations/issue';
import type { IssuedAttestation } from '../../attestations/manage';
import type { DisclosureChoices } from '../../attestations/privacy';
import { certifiedRows } from '../../attestations/snapshot';
import type { AppContext } from '../../context';
import { requestOrigin } from '../../http/session';
import { VERIFY_PATH } from '../verification/views';
import { pdfPath } from './views';

/** What pages and JSON routes of « Mes attestations » share: the narrow dependencies of the use cases, and the answer's shape. */
export function issueDeps(ctx: Pick<AppContext, 'database' | 'clock' | 'attestations'>): IssueDeps {
  return { db: ctx.database.db, now: ctx.clock.now(), payments: ctx.attestations.payments, resources: ctx.attestations.resources };
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

export function verifyUrl(ctx: Pick<AppContext, 'config'>): string {
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
