import type { Kysely } from 'kysely';
import { setOnce } from '../db/updated-one';
import type { Database } from '../db/schema';
import { randomToken } from '../shared/crypto';
import type { Attestation, AttestationKind, CheckOutcome } from '../db/tables/attestations.table';
import type { Snapshot } from './snapshot';

/** The attestations' rows: one query per function. */

export interface NewAttestation {
  id: string;
  householdId: string;
  issuedBy: string;
  snapshot: Snapshot;
  surnameKeys: string[];
  issuedAt: number;
  expiresAt: number;
}

export async function insertAttestation(db: Kysely<Database>, a: NewAttestation): Promise<void> {
  await db
    .insertInto('attestations')
    .values({
      id: a.id,
      household_id: a.householdId,
      issued_by: a.issuedBy,
      kind: a.snapshot.kind,
      snapshot: JSON.stringify(a.snapshot),
      surname_keys: JSON.stringify(a.surnameKeys),
      issued_at: a.issuedAt,
      expires_at: a.expiresAt,
      revoked_at: null,
      checked_count: 0,
      refused_count: 0,
    })
    .execute();
}

export function findAttestation(db: Kysely<Database>, id: string): Promise<Attestation | undefined> {
  return db.selectFrom('attestations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The attestations an account issued, newest first. */
export function attestationsIssuedBy(db: Kysely<Database>, accountId: string, limit = 100): Promise<Attestation[]> {
  return db
    .selectFrom('attestations')
    .selectAll()
    .where('issued_by', '=', accountId)
    .orderBy('issued_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Revokes one of the account's attestations; false when it is not theirs or already revoked. */
export async function revokeAttestation(db: Kysely<Database>, id: string, accountId: string, now: number): Promise<boolean> {
  return setOnce(db, 'attestations', { id, issued_by: accountId }, { revoked_at: now }, ['revoked_at']);
}

/**
 * One verification: the counter of the attestation (an update that touches no row when the code
 * names none: the same statement whatever the code) and the log row.
 */
export async function recordCheck(
  db: Kysely<Database>,
  c: { id: string; surnameMatched: boolean; attestationId: string | null; outcome: CheckOutcome; ip: string | null; now: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('attestations')
      .set((eb) => (c.surnameMatched ? { checked_count: eb('checked_count', '+', 1) } : { refused_count: eb('refused_count', '+', 1) }))
      .where('id', '=', c.id)
      .execute();
    await trx
      .insertInto('attestation_checks')
      .values({ id: randomToken(16), attestation_id: c.attestationId, checked_at: c.now, outcome: c.outcome, ip: c.ip })
      .execute();
  });
}

export function parseSnapshot(a: Pick<Attestation, 'snapshot'>): Snapshot {
  return JSON.parse(a.snapshot) as Snapshot;
}

export type { AttestationKind };
