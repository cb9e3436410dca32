import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/accounts/repository';
import type { DatabaseHandle } from '../../src/db/database';
import {
  addMember,
  createHousehold,
  currentAddress,
  currentBankAccount,
  endMembership,
  findActor,
  findMembersWithoutAccountByNir,
  linkAccountToMember,
  listMembers,
  recordAddress,
  recordBankAccount,
  setProcuration,
} from '../../src/household/repository';
import { testDatabases } from '../support/databases';
import { sampleAccount } from '../support/accounts';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const person = { civility: 'MME' as const, birth_name: 'PETIT', given_names: 'Sophie', birth_date: '1987-05-04' };

describe.each(testDatabases)('household data on $name', { timeout: 120_000 }, ({ open }) => {
  const withDb = async (run: (h: DatabaseHandle, accountId: string, householdId: string) => Promise<void>) => {
    const h = await open();
    try {
      const r = await createAccount(h.db, sampleAccount(), T0);
      if (!r.ok) throw new Error('account not created');
      const householdId = await createHousehold(h.db, '7654321', T0);
      await run(h, r.account.id, householdId);
    } finally {
      await h.destroy();
    }
  };

  it('reads an account’s membership afresh: role, birth date, procuration, dossier', () =>
    withDb(async (h, accountId, householdId) => {
      expect(await findActor(h.db, accountId)).toEqual({ accountId });
      const m = await addMember(h.db, {
        household_id: householdId,
        account_id: accountId,
        nir: null,
        ...person,
        role: 'conjoint',
        joined_at: T0,
      });
      expect(await findActor(h.db, accountId)).toEqual({
        accountId,
        couple: false, // a conjoint without a responsable in the dossier
        membership: { role: 'conjoint', birthDate: '1987-05-04', hasProcuration: false },
        dossier: { householdId, dossierNumber: '7654321', memberId: m.id },
      });
      expect(await setProcuration(h.db, m.id, true, T0 + 1)).toBe(true);
      expect(await setProcuration(h.db, m.id, true, T0 + 2)).toBe(false);
      expect((await findActor(h.db, accountId)).membership?.hasProcuration).toBe(true);
      expect(await setProcuration(h.db, m.id, false, T0 + 3)).toBe(true);
      expect((await findActor(h.db, accountId)).membership?.hasProcuration).toBe(false);
      await setProcuration(h.db, m.id, true, T0 + 4);
      // Leaving the dossier ends the procuration with the membership.
      expect(await endMembership(h.db, m.id, T0 + 5)).toBe(true);
      expect(await endMembership(h.db, m.id, T0 + 6)).toBe(false);
      expect(await findActor(h.db, accountId)).toEqual({ accountId });
      expect(await setProcuration(h.db, m.id, true, T0 + 7)).toBe(false);
    }));

  it('keeps members without an account, and links an account to one of them once', () =>
    withDb(async (h, accountId, householdId) => {
      const child = await addMember(h.db, {
        household_id: householdId,
        account_id: null,
        nir: '109064410915239',
        ...person,
        given_names: 'Zoé',
        birth_date: '2009-06-30',
        role: 'enfant',
        joined_at: T0,
      });
      await addMember(h.db, { household_id: householdId, account_id: null, nir: null, ...person, role: 'responsable', joined_at: T0 });
      expect((await listMembers(h.db, householdId)).map((m) => m.role)).toEqual(['responsable', 'enfant']);
      expect((await findMembersWithoutAccountByNir(h.db, '109064410915239')).map((m) => m.id)).toEqual([child.id]);
      expect(await linkAccountToMember(h.db, child.id, accountId)).toBe(true);
      expect(await linkAccountToMember(h.db, child.id, accountId)).toBe(false);
      expect(await findMembersWithoutAccountByNir(h.db, '109064410915239')).toEqual([]);
      expect((await findActor(h.db, accountId)).membership).toEqual({ role: 'enfant', birthDate: '2009-06-30', hasProcuration: false });
    }));

  it('an account is in one dossier at a time; a member who left keeps their row', () =>
    withDb(async (h, accountId, householdId) => {
      const first = await addMember(h.db, {
        household_id: householdId,
        account_id: accountId,
        nir: null,
        ...person,
        role: 'conjoint',
        joined_at: T0,
      });
      const other = await createHousehold(h.db, '1111111', T0);
      await expect(
        addMember(h.db, { household_id: other, account_id: accountId, nir: null, ...person, role: 'responsable', joined_at: T0 }),
      ).rejects.toThrow();
      await endMembership(h.db, first.id, T0 + 1);
      await addMember(h.db, { household_id: other, account_id: accountId, nir: null, ...person, role: 'responsable', joined_at: T0 + 2 });
      expect((await findActor(h.db, accountId)).dossier?.dossierNumber).toBe('1111111');
      expect(await listMembers(h.db, householdId)).toEqual([]);
    }));

  it('keeps the history of addresses and bank accounts; the latest is current', () =>
    withDb(async (h, accountId, householdId) => {
      expect(await currentAddress(h.db, householdId)).toBeUndefined();
      await recordAddress(
        h.db,
        householdId,
        { line1: '3 rue des Lilas', line2: null, postalCode: '44000', city: 'Nantes', since: '2020-01-01' },
        null,
        T0,
      );
      await recordAddress(
        h.db,
        householdId,
        { line1: '8 avenue Foch', line2: 'Bât. B', postalCode: '69006', city: 'Lyon', since: '2026-11-15' },
        accountId,
        T0 + 10,
      );
      expect(await currentAddress(h.db, householdId)).toMatchObject({
        line1: '8 avenue Foch',
        line2: 'Bât. B',
        recorded_by: accountId,
        recorded_at: T0 + 10,
      });
      await recordBankAccount(h.db, householdId, { iban: 'FR7630006000011234567890189', holder: 'Sophie PETIT' }, accountId, T0);
      expect(await currentBankAccount(h.db, householdId)).toMatchObject({ iban: 'FR7630006000011234567890189', holder: 'Sophie PETIT' });
      expect(await h.db.selectFrom('household_addresses').select('id').execute()).toHaveLength(2);
      // Declared in the same millisecond: the latest declared is still the current one.
      await recordBankAccount(h.db, householdId, { iban: 'DE89370400440532013000', holder: 'Sophie PETIT' }, accountId, T0);
      expect(await currentBankAccount(h.db, householdId)).toMatchObject({ iban: 'DE89370400440532013000', recorded_at: T0 + 1 });
    }));
});
