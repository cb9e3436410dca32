import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTESTATION_RETENTION_MS, CHECK_LOG_RETENTION_MS, sweepAttestations, sweepCheckLog } from '../../src/attestations/retention';
import { insertAttestation } from '../../src/attestations/repository';
import { createHousehold } from '../../src/household/repository';
import { buildTestApp, type TestApp } from '../support/app';

/** The verification log goes after 6 months; an attestation a year after it expired or was revoked. */
describe('retention of the attestations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('keeps the verification log 6 months at most', async () => {
    const db = t.ctx.database.db;
    const now = t.clock.now();
    expect(CHECK_LOG_RETENTION_MS).toBeLessThanOrEqual(183 * 24 * 60 * 60_000);
    await db
      .insertInto('attestation_checks')
      .values([
        { id: 'old', attestation_id: null, checked_at: now - CHECK_LOG_RETENTION_MS - 1, outcome: 'non_conforme', ip: '192.0.2.1' },
        { id: 'recent', attestation_id: null, checked_at: now - CHECK_LOG_RETENTION_MS + 60_000, outcome: 'conforme', ip: '192.0.2.2' },
      ])
      .execute();
    expect(await sweepCheckLog(db, now)).toBe(1);
    expect((await db.selectFrom('attestation_checks').select('id').execute()).map((r) => r.id)).toEqual(['recent']);
  });

  it('deletes an attestation a year after its expiry or revocation, not before', async () => {
    const db = t.ctx.database.db;
    const now = t.clock.now();
    const householdId = await createHousehold(db, '7019019', now);
    const snapshot = {
      kind: 'paiement' as const,
      holder: { givenNames: 'A', surname: 'B' },
      from: '2026-01',
      to: '2026-01',
      totalCents: 1,
    };
    const base = { householdId, issuedBy: 'x', snapshot, surnameKeys: ['B'], issuedAt: now - 2 * ATTESTATION_RETENTION_MS };
    await insertAttestation(db, { ...base, id: 'EXPIREDLONGAGO00', expiresAt: now - ATTESTATION_RETENTION_MS - 1 });
    await insertAttestation(db, { ...base, id: 'EXPIREDRECENTLY0', expiresAt: now - ATTESTATION_RETENTION_MS + 60_000 });
    await insertAttestation(db, { ...base, id: 'REVOKEDLONGAGO00', expiresAt: now + 1 });
    await db
      .updateTable('attestations')
      .set({ revoked_at: now - ATTESTATION_RETENTION_MS - 1 })
      .where('id', '=', 'REVOKEDLONGAGO00')
      .execute();
    expect(await sweepAttestations(db, now)).toBe(2);
    expect((await db.selectFrom('attestations').select('id').execute()).map((r) => r.id)).toEqual(['EXPIREDRECENTLY0']);
  });
});
