import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/repository';
import type { DatabaseHandle } from '../../src/db/database';
import { listDemarches, onlinePrestation, startDemarche } from '../../src/demarches/repository';
import { testDatabases } from '../support/databases';
import { sampleAccount } from '../support/accounts';

const T0 = Date.UTC(2026, 10, 27, 10, 0, 0);

describe.each(testDatabases)('démarches on $name', ({ open }) => {
  const withDb = async (run: (h: DatabaseHandle, accountId: string) => Promise<void>) => {
    const h = await open();
    try {
      const r = await createAccount(h.db, sampleAccount(), T0);
      if (!r.ok) throw new Error('account not created');
      await run(h, r.account.id);
    } finally {
      await h.destroy();
    }
  };

  it('starts a démarche once per account and prestation, and lists the latest first', () =>
    withDb(async (h, accountId) => {
      expect(await listDemarches(h.db, accountId)).toEqual([]);
      const first = await startDemarche(h.db, accountId, 'prime-activite', T0);
      expect(first).toMatchObject({ account_id: accountId, prestation: 'prime-activite', status: 'a_completer', created_at: T0, updated_at: T0 });
      // Idempotent: the same démarche, its date unchanged.
      expect(await startDemarche(h.db, accountId, 'prime-activite', T0 + 60_000)).toEqual(first);
      const second = await startDemarche(h.db, accountId, 'aide-au-logement', T0 + 120_000);
      expect(second?.id).not.toBe(first?.id);
      const listed = await listDemarches(h.db, accountId);
      expect(listed.map((d) => d.prestation)).toEqual(['aide-au-logement', 'prime-activite']);
      expect(typeof listed[0]!.created_at).toBe('number');
    }));

  it('keeps each person’s démarches apart', () =>
    withDb(async (h, accountId) => {
      const other = await createAccount(h.db, sampleAccount({ login_id: '284127505612399', nir: '284127505612399', contact_value: 'autre@example.fr' }), T0);
      if (!other.ok) throw new Error('account not created');
      await startDemarche(h.db, accountId, 'rsa', T0);
      await startDemarche(h.db, other.account.id, 'rsa', T0);
      expect((await listDemarches(h.db, accountId)).map((d) => d.account_id)).toEqual([accountId]);
      expect(await listDemarches(h.db, other.account.id)).toHaveLength(1);
    }));

  it('records nothing for a slug outside the catalogue or a prestation not asked for online', () =>
    withDb(async (h, accountId) => {
      expect(await startDemarche(h.db, accountId, 'inconnue', T0)).toBeUndefined();
      expect(await startDemarche(h.db, accountId, 'aah', T0)).toBeUndefined();
      expect(await startDemarche(h.db, accountId, '', T0)).toBeUndefined();
      expect(await listDemarches(h.db, accountId)).toEqual([]);
      expect(onlinePrestation('aah')).toBeUndefined();
      expect(onlinePrestation('rsa')?.title).toBe('Revenu de solidarité active (RSA)');
    }));

  it('is safe inside a transaction, even when the démarche exists already (no aborted transaction on PostgreSQL)', () =>
    withDb(async (h, accountId) => {
      await startDemarche(h.db, accountId, 'rsa', T0);
      await h.db.transaction().execute(async (trx) => {
        await startDemarche(trx, accountId, 'rsa', T0 + 1);
        await startDemarche(trx, accountId, 'ajpa', T0 + 1);
      });
      expect((await listDemarches(h.db, accountId)).map((d) => d.prestation).sort()).toEqual(['ajpa', 'rsa']);
    }));

  it('the database refuses a second démarche à compléter for the same prestation, and one for an unknown account', () =>
    withDb(async (h, accountId) => {
      const row = { account_id: accountId, prestation: 'rsa', status: 'a_completer' as const, created_at: T0, updated_at: T0 };
      await h.db.insertInto('demarches').values({ id: 'd1', ...row }).execute();
      await expect(h.db.insertInto('demarches').values({ id: 'd2', ...row }).execute()).rejects.toThrow();
      await expect(h.db.insertInto('demarches').values({ id: 'd3', ...row, account_id: 'nobody' }).execute()).rejects.toThrow();
    }));
});
