import type { Account } from '../../src/accounts/repository';
import type { AppContext } from '../../src/context';
import { addMember, createHousehold, recordAddress } from '../../src/household/repository';
import type { Role } from '../../src/household/permissions';
import { grantDroit } from '../../src/payments/droits';
import { createTestAccount } from '../support/accounts';

/**
 * A dossier of its own for the attestations' tests: an account as the responsable (or another
 * role), children, an address, and droits with payments made (status versé) for the months given.
 */
export interface PaidMonths {
  prestation: string;
  months: string[];
  cents: number;
}

let dossiers = 0;

export async function dossierWithPayments(
  ctx: AppContext,
  o: {
    birthName?: string;
    usageName?: string | null;
    role?: Role;
    procuration?: boolean;
    children?: { givenNames: string; birthDate: string }[];
    paid?: PaidMonths[];
  } = {},
): Promise<{ account: Account; householdId: string; dossierNumber: string }> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const account = await createTestAccount(ctx, { birth_name: o.birthName ?? 'DUPONT', usage_name: o.usageName ?? null });
  dossiers += 1;
  const dossierNumber = String(8_000_000 + dossiers * 7 + Math.floor(Math.random() * 5));
  const householdId = await createHousehold(db, dossierNumber, now);
  await addMember(db, {
    household_id: householdId,
    account_id: account.id,
    nir: account.nir,
    civility: account.civility,
    birth_name: account.birth_name,
    given_names: account.given_names,
    birth_date: '1985-04-02',
    role: o.role ?? 'responsable',
    has_procuration: o.procuration ?? false,
    joined_at: now,
  });
  for (const c of o.children ?? [])
    await addMember(db, {
      household_id: householdId,
      account_id: null,
      nir: null,
      civility: 'M',
      birth_name: account.birth_name,
      given_names: c.givenNames,
      birth_date: c.birthDate,
      role: 'enfant',
      joined_at: now,
    });
  await recordAddress(
    db,
    householdId,
    { line1: '5 rue des Tanneurs', line2: null, postalCode: '67000', city: 'STRASBOURG', since: '2020-01-01' },
    null,
    now,
  );
  for (const p of o.paid ?? []) {
    const droit = await grantDroit(db, {
      householdId,
      memberId: null,
      prestation: p.prestation,
      monthlyAmountCents: p.cents,
      firstMonth: p.months[0]!,
      lastMonth: null,
      demarcheId: null,
      agentId: null,
      motif: 'Demande acceptée',
      now,
    });
    for (const month of p.months) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      const day = `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-05`;
      await db
        .insertInto('payments')
        .values({
          id: `${droit.id}-${month}`,
          droit_id: droit.id,
          household_id: householdId,
          month,
          amount_cents: p.cents,
          payment_day: day,
          status: 'verse',
          paid_on: day,
          bank_account_id: null,
          created_at: now,
          released_at: null,
          released_by: null,
        })
        .execute();
    }
  }
  return { account, householdId, dossierNumber };
}
