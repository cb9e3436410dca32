import type { Kysely } from 'kysely';
import { deleteBatch } from '../db/batch-delete';
import type { Database } from '../db/schema';

/** How long the attestations and their verification log are kept (declared in src/retention/registry.ts). */
const DAY_MS = 24 * 60 * 60_000;
const MONTH_MS = (365 * DAY_MS) / 12;
/** The verification log of the public page: 6 months at most. */
export const CHECK_LOG_RETENTION_MS = 6 * MONTH_MS;
/**
 * An attestation stays a year after it expired or was revoked, so that a late check of an old paper
 * still reads « expirée » or « révoquée » rather than « non conforme »; then it goes.
 */
export const ATTESTATION_RETENTION_MS = 12 * MONTH_MS;
const BATCH = 500;

export function sweepCheckLog(db: Kysely<Database>, now: number): Promise<number> {
  return deleteBatch(db, 'attestation_checks', (eb) => eb('checked_at', '<', now - CHECK_LOG_RETENTION_MS), BATCH);
}

export function sweepAttestations(db: Kysely<Database>, now: number): Promise<number> {
  const before = now - ATTESTATION_RETENTION_MS;
  return deleteBatch(db, 'attestations', (eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]), BATCH);
}
