import { describe, expect, it } from 'vitest';
import { formatCode } from '../../src/attestations/code';
import { revokeMine } from '../../src/attestations/manage';
import { insertAttestation } from '../../src/attestations/repository';
import { sweepAttestations, sweepCheckLog } from '../../src/attestations/retention';
import { verifyAttestation } from '../../src/attestations/verify';
import { createHousehold } from '../../src/household/repository';
import { MemoryRateLimiter } from '../support/rate-limiter';
import { testDatabases } from '../support/databases';

const NOW = Date.UTC(2026, 10, 26, 9, 0, 0);

/** The attestations' statements on SQLite and PostgreSQL: store, verify (counters, log), revoke, sweep. */
describe.each(testDatabases)('attestations on $name', { timeout: 120_000 }, ({ open }) => {
  it('stores, verifies, counts, revokes and sweeps', async () => {
    const h = await open();
    try {
      const db = h.db;
      const householdId = await createHousehold(db, '7019020', NOW);
      const snapshot = {
        kind: 'paiement' as const,
        holder: { givenNames: 'Léa', surname: 'MOREAU' },
        from: '2026-10',
        to: '2026-10',
        totalCents: 24_550,
      };
      const id = '0123456789ABCDEF';
      await insertAttestation(db, {
        id,
        householdId,
        issuedBy: 'acc',
        snapshot,
        surnameKeys: ['MOREAU'],
        issuedAt: NOW,
        expiresAt: NOW + 1000,
      });
      const d = { db, now: NOW, rateLimiter: new MemoryRateLimiter(() => NOW) };
      const code = formatCode(id);
      expect(await verifyAttestation(d, { code, surname: 'Moreau', ip: '192.0.2.1' })).toEqual({
        kind: 'conforme',
        snapshot,
        issuedAt: NOW,
        expiresAt: NOW + 1000,
      });
      expect(await verifyAttestation(d, { code, surname: 'Petit', ip: '192.0.2.1' })).toEqual({ kind: 'non_conforme' });
      expect(await verifyAttestation(d, { code: formatCode('0123456789ABCDEG'), surname: 'Moreau', ip: '192.0.2.1' })).toEqual({
        kind: 'non_conforme',
      });
      expect(await revokeMine({ db, now: NOW }, { accountId: 'acc', id, origin: { ip: null, userAgent: null } })).toBe(true);
      expect(await revokeMine({ db, now: NOW }, { accountId: 'acc', id, origin: { ip: null, userAgent: null } })).toBe(false);
      expect(await verifyAttestation(d, { code, surname: 'MOREAU', ip: '192.0.2.1' })).toEqual({ kind: 'revoquee', revokedAt: NOW });
      const row = await db
        .selectFrom('attestations')
        .select(['checked_count', 'refused_count'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect({ checked: Number(row.checked_count), refused: Number(row.refused_count) }).toEqual({ checked: 2, refused: 1 });
      const log = await db.selectFrom('attestation_checks').select(['attestation_id', 'outcome']).orderBy('checked_at').execute();
      expect(log.map((l) => l.outcome).sort()).toEqual(['conforme', 'non_conforme', 'non_conforme', 'revoquee']);
      expect(log.filter((l) => l.attestation_id === null)).toHaveLength(1);
      const later = NOW + 2 * 365 * 24 * 60 * 60_000;
      expect(await sweepCheckLog(db, later)).toBe(4);
      expect(await sweepAttestations(db, later)).toBe(1);
    } finally {
      await h.destroy();
    }
  });
});
