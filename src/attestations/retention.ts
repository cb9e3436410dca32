import type { Kysely } from 'kysely';
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

export async function sweepCheckLog(db: Kysely<Database>, now: number): Promise<number> {
  const r = await db
    .deleteFrom('attestation_checks')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('attestation_checks')
        .select('id')
        .where('checked_at', '<', now - CHECK_LOG_RETENTION_MS)
        .limit(BATCH),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function sweepAttestations(db: Kysely<Database>, now: number): Promise<number> {
  const before = now - ATTESTATION_RETENTION_MS;
  const r = await db
    .deleteFrom('attestations')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('attestations')
        .select('id')
        .where((w) => w.or([w('expires_at', '<', before), w('revoked_at', '<', before)]))
        .limit(BATCH),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
