import type { Kysely } from 'kysely';
import type { Account } from '../../src/accounts/repository';
import type { Database } from '../../src/db/schema';
import { addMember, type MemberInput } from '../../src/household/repository';

/** Adds `account` to a household under its own identity; the test gives the role, birth date and procuration. */
export const addAccountMember = (
  db: Kysely<Database>,
  householdId: string,
  account: Account,
  m: Pick<MemberInput, 'role' | 'birth_date' | 'has_procuration' | 'joined_at'>,
) =>
  addMember(db, {
    household_id: householdId,
    account_id: account.id,
    nir: account.nir,
    civility: account.civility,
    birth_name: account.birth_name,
    given_names: account.given_names,
    ...m,
  });
