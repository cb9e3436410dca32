import { describe, expect, it } from 'vitest';
import { createHousehold, recordBankAccount } from '../../src/household/repository';
import { bankChangeFrozenUntil, confirmBankAccount, holdPendingBankChanges, payableBankAccount } from '../../src/household/bank';
import { createRecovery, markRecoveryCompleted } from '../../src/recovery/repository';
import { createTestAccount } from '../support/accounts';
import { testDatabases, withTestContext } from '../support/databases';
import { addAccountMember } from '../support/household';
import { NEW_IBAN, OLD_IBAN } from '../recovery/support';

/** « Which IBAN is payable at date D », under each condition, on SQLite and PostgreSQL. */
const DAY = 86_400_000;
const PAYMENT_DAY = Date.UTC(2027, 0, 5, 8);

describe.each(testDatabases)('payable bank account on $name', ({ open }) => {
  const setUp = async (ctx: Parameters<Parameters<typeof withTestContext>[1]>[0]) => {
    const { db } = ctx.database;
    const account = await createTestAccount(ctx);
    const householdId = await createHousehold(db, '7123456', PAYMENT_DAY - 400 * DAY);
    await addAccountMember(db, householdId, account, {
      role: 'responsable',
      birth_date: account.birth_date,
      joined_at: PAYMENT_DAY - 400 * DAY,
    });
    await recordBankAccount(db, householdId, { iban: OLD_IBAN, holder: 'A' }, null, PAYMENT_DAY - 300 * DAY);
    return { db, account, householdId };
  };

  it('a fresh change before the payment day: the old account is paid until the delay ends; none before the first', () =>
    withTestContext(open, async (ctx) => {
      const { db, householdId } = await setUp(ctx);
      expect(await payableBankAccount(db, householdId, PAYMENT_DAY - 301 * DAY)).toBeUndefined();
      const declared = PAYMENT_DAY - 2 * DAY;
      await recordBankAccount(db, householdId, { iban: NEW_IBAN, holder: 'A' }, null, declared, declared + 10 * DAY);
      expect((await payableBankAccount(db, householdId, declared - 1))!.iban).toBe(OLD_IBAN);
      expect((await payableBankAccount(db, householdId, PAYMENT_DAY))!.iban).toBe(OLD_IBAN);
      expect((await payableBankAccount(db, householdId, declared + 10 * DAY))!.iban).toBe(NEW_IBAN);
    }));

  it('confirmed by an agent: payable from the confirmation, before the delay ends', () =>
    withTestContext(open, async (ctx) => {
      const { db, householdId } = await setUp(ctx);
      const declared = PAYMENT_DAY - 3 * DAY;
      const row = await recordBankAccount(db, householdId, { iban: NEW_IBAN, holder: 'A' }, null, declared, declared + 10 * DAY);
      expect(await confirmBankAccount(db, row.id, 'agent-1', PAYMENT_DAY - DAY)).toBe(true);
      expect(await confirmBankAccount(db, row.id, 'agent-1', PAYMENT_DAY - DAY)).toBe(false);
      expect((await payableBankAccount(db, householdId, PAYMENT_DAY - DAY - 1))!.iban).toBe(OLD_IBAN);
      expect((await payableBankAccount(db, householdId, PAYMENT_DAY))!.iban).toBe(NEW_IBAN);
    }));

  it('after a recovery: a change still waiting is held until an agent confirms it, and new changes are frozen', () =>
    withTestContext(open, async (ctx) => {
      const { db, householdId, account } = await setUp(ctx);
      const declared = PAYMENT_DAY - 4 * DAY;
      const row = await recordBankAccount(db, householdId, { iban: NEW_IBAN, holder: 'A' }, account.id, declared, declared + 2 * DAY);
      const recoveredAt = declared + DAY;
      const r = await createRecovery(
        db,
        {
          account_id: account.id,
          channel: 'letter',
          started_by: null,
          new_contact_kind: null,
          new_contact_value: null,
          expires_at: recoveredAt + DAY,
        },
        recoveredAt - 1,
      );
      expect(await markRecoveryCompleted(db, r.id, recoveredAt)).toBe(true);
      expect(await holdPendingBankChanges(db, account.id, recoveredAt)).toBe(1);
      // Long after its delay, still held.
      expect((await payableBankAccount(db, householdId, PAYMENT_DAY + 60 * DAY))!.iban).toBe(OLD_IBAN);
      expect(await bankChangeFrozenUntil(db, [account.id], 30, recoveredAt + 29 * DAY)).toBe(recoveredAt + 30 * DAY);
      expect(await bankChangeFrozenUntil(db, [account.id], 30, recoveredAt + 30 * DAY)).toBeUndefined();
      await confirmBankAccount(db, row.id, 'agent-1', PAYMENT_DAY + 61 * DAY);
      expect((await payableBankAccount(db, householdId, PAYMENT_DAY + 61 * DAY))!.iban).toBe(NEW_IBAN);
    }));
});
