import type { Kysely } from 'kysely';
import { type AuditOrigin, recordAudit } from '../auth/audit';
import type { Database } from '../db/schema';
import type { Attestation, AttestationKind } from '../db/tables/attestations.table';
import { formatCode } from './code';
import { auditRef } from './issue';
import { attestationsIssuedBy, findAttestation, parseSnapshot, revokeAttestation } from './repository';
import type { Snapshot } from './snapshot';

/** « Mes attestations »: what the person issued, how many times each was checked, and revoking one. */

export type AttestationStatus = 'valide' | 'expiree' | 'revoquee';

export const ATTESTATION_STATUS_LABELS: Record<AttestationStatus, string> = { valide: 'Valide', expiree: 'Expirée', revoquee: 'Révoquée' };

export interface IssuedAttestation {
  id: string;
  code: string;
  kind: AttestationKind;
  snapshot: Snapshot;
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | null;
  status: AttestationStatus;
  /** checks with the right surname */
  checkedCount: number;
  /** checks of the code with another surname */
  refusedCount: number;
}

export async function myAttestations(db: Kysely<Database>, accountId: string, now: number): Promise<IssuedAttestation[]> {
  return (await attestationsIssuedBy(db, accountId)).map((a) => toIssued(a, now));
}

/** One of the person's own attestations (to download it again), or undefined. */
export async function myAttestation(
  db: Kysely<Database>,
  accountId: string,
  id: string,
  now: number,
): Promise<IssuedAttestation | undefined> {
  const row = await findAttestation(db, id);
  return row && row.issued_by === accountId ? toIssued(row, now) : undefined;
}

function toIssued(a: Attestation, now: number): IssuedAttestation {
  const revokedAt = a.revoked_at === null ? null : Number(a.revoked_at);
  const expiresAt = Number(a.expires_at);
  return {
    id: a.id,
    code: formatCode(a.id),
    kind: a.kind,
    snapshot: parseSnapshot(a),
    issuedAt: Number(a.issued_at),
    expiresAt,
    revokedAt,
    status: revokedAt !== null ? 'revoquee' : now >= expiresAt ? 'expiree' : 'valide',
    checkedCount: Number(a.checked_count),
    refusedCount: Number(a.refused_count),
  };
}

export async function revokeMine(
  d: { db: Kysely<Database>; now: number },
  i: { accountId: string; id: string; origin: AuditOrigin },
): Promise<boolean> {
  const done = await revokeAttestation(d.db, i.id, i.accountId, d.now);
  if (done)
    await recordAudit(
      d.db,
      { type: 'attestation_revoked', accountId: i.accountId, ...i.origin, details: { attestation: auditRef(i.id) } },
      d.now,
    );
  return done;
}
