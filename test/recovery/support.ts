import type { Account } from '../../src/accounts/repository';
import type { AppContext } from '../../src/context';
import { createHousehold, recordAddress, recordBankAccount } from '../../src/household/repository';
import type { LightMyRequestResponse } from 'fastify';
import { createTestAccount, PASSWORD } from '../support/accounts';
import type { TestBrowser } from '../support/app';
import { lastCode } from '../support/outbox';
import { addAccountMember } from '../support/household';

export const OLD_IBAN = 'FR7630006000011234567890189';
export const NEW_IBAN = 'FR7610107001011234567890129';

let dossiers = 0;

/** A person who is the responsable of a dossier with an address and a bank account. */
export async function responsableWithDossier(
  ctx: AppContext,
  over: Parameters<typeof createTestAccount>[1] = {},
): Promise<{ account: Account; householdId: string; dossierNumber: string }> {
  const account = await createTestAccount(ctx, over);
  const now = ctx.clock.now();
  const dossierNumber = String(7_000_000 + (++dossiers % 1_000_000) + Math.floor(Math.random() * 1000) * 1000).slice(0, 7);
  const householdId = await createHousehold(ctx.database.db, dossierNumber, now);
  await addAccountMember(ctx.database.db, householdId, account, { role: 'responsable', birth_date: account.birth_date, joined_at: now });
  await recordAddress(
    ctx.database.db,
    householdId,
    { line1: '12 rue des Lilas', line2: null, postalCode: '69003', city: 'Lyon', since: '2020-01-01' },
    null,
    now,
  );
  await recordBankAccount(ctx.database.db, householdId, { iban: OLD_IBAN, holder: 'TITULAIRE' }, null, now);
  return { account, householdId, dossierNumber };
}

export const BANK_PAGE = '/mon-espace/foyer/changement/compte-bancaire';

/**
 * « Déclarer un nouveau compte bancaire » through the pages, as a person would: the IBAN and holder,
 * the code read from the outbox, the password; returns the answer of the protected step.
 */
export async function changeBankAccount(
  ctx: AppContext,
  b: TestBrowser,
  account: Pick<Account, 'contact_value'>,
  o: { iban: string; holder?: string; password?: string; code?: string },
): Promise<LightMyRequestResponse> {
  await b.get(BANK_PAGE);
  const holder = o.holder ?? 'Marie DUPONT';
  const first = await b.post(BANK_PAGE, { iban: o.iban, holder });
  if (first.statusCode !== 200) return first;
  const code = o.code ?? (await lastCode(ctx, account.contact_value));
  return b.post(`${BANK_PAGE}/confirmation`, { iban: o.iban, holder, currentPassword: o.password ?? PASSWORD, code });
}
