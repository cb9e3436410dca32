import type { Kysely } from 'kysely';
import { recordAudit, type AuditOrigin } from '../auth/audit';
import type { Config } from '../config/config';
import type { DatabaseHandle } from '../db/database';
import type { Clock } from '../shared/clock';
import type { Database } from '../db/schema';
import { AppError } from '../errors/app-error';
import { enqueueMessage } from '../messaging/outbox';
import { bankChangeFrozenUntil, effectiveAfterDelay } from '../recovery/bank';
import { managesDossier } from './permissions';
import { dossierChangedMessage } from './messages';
import { listMembers, recordAddress, recordBankAccount, type ActorDossier, type AddressInput } from './repository';

/** What this module takes from the composition root (src/context.ts builds them). */
export interface HouseholdChangeDeps {
  clock: Clock;
  config: Config;
  database: DatabaseHandle;
}

/**
 * « Déclarer un changement », for those who manage the dossier (the caller has checked
 * `can(actor, 'manage_dossier')`): a new address or a new bank account is added to the dossier's
 * history, in the audit trail, and told to every person who manages the dossier (a new bank
 * account is where a fraud would aim: the responsable hears of a change made by the conjoint).
 */
interface Who {
  accountId: string;
  dossier: ActorDossier;
  origin: AuditOrigin;
}

/** The accounts of the dossier's current managers (responsable, conjoint with procuration). */
async function managerIds(db: Kysely<Database>, householdId: string): Promise<string[]> {
  return (await listMembers(db, householdId))
    .filter((m) => m.account_id && managesDossier({ role: m.role, birthDate: m.birth_date, hasProcuration: m.has_procuration === 1 }))
    .map((m) => m.account_id!);
}

/** The verified contacts of the dossier's current managers. */
async function managerContacts(db: Kysely<Database>, householdId: string) {
  const ids = await managerIds(db, householdId);
  if (!ids.length) return [];
  return db.selectFrom('accounts').select(['contact_kind', 'contact_value']).where('id', 'in', ids).execute();
}

export async function declareAddressChange(ctx: HouseholdChangeDeps, who: Who, address: AddressInput): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await recordAddress(trx, who.dossier.householdId, address, who.accountId, now);
    for (const c of await managerContacts(trx, who.dossier.householdId)) {
      await enqueueMessage(trx, dossierChangedMessage(c, { kind: 'address' }, who.dossier.dossierNumber, now, ctx.config.agencyPhone), now);
    }
    await recordAudit(
      trx,
      {
        type: 'address_changed',
        accountId: who.accountId,
        ...who.origin,
        details: { dossier: who.dossier.dossierNumber, since: address.since, postalCode: address.postalCode },
      },
      now,
    );
  });
}

/**
 * A new bank account (src/recovery/bank.ts): refused while a recovery of access of one of the
 * dossier's managers is recent (BANK_CHANGE_FROZEN, audited); otherwise paid to only after
 * BANK_CHANGE_DELAY_DAYS, or from an agent's confirmation on the assistance console.
 */
export async function declareBankAccountChange(ctx: HouseholdChangeDeps, who: Who, bank: { iban: string; holder: string }): Promise<void> {
  const now = ctx.clock.now();
  const { recoveryBankFreezeDays, bankChangeDelayDays } = ctx.config.accountSafety;
  const ids = [...new Set([who.accountId, ...(await managerIds(ctx.database.db, who.dossier.householdId))])];
  const frozenUntil = await bankChangeFrozenUntil(ctx.database.db, ids, recoveryBankFreezeDays, now);
  if (frozenUntil !== undefined) {
    await recordAudit(
      ctx.database.db,
      {
        type: 'bank_account_change_refused',
        accountId: who.accountId,
        ...who.origin,
        details: { dossier: who.dossier.dossierNumber, frozenUntil },
      },
      now,
    );
    throw new AppError('BANK_CHANGE_FROZEN');
  }
  await ctx.database.db.transaction().execute(async (trx) => {
    await recordBankAccount(trx, who.dossier.householdId, bank, who.accountId, now, effectiveAfterDelay(now, bankChangeDelayDays));
    for (const c of await managerContacts(trx, who.dossier.householdId)) {
      await enqueueMessage(
        trx,
        dossierChangedMessage(c, { kind: 'bank', iban: bank.iban }, who.dossier.dossierNumber, now, ctx.config.agencyPhone),
        now,
      );
    }
    await recordAudit(
      trx,
      {
        type: 'bank_account_changed',
        accountId: who.accountId,
        ...who.origin,
        details: { dossier: who.dossier.dossierNumber, iban: `${bank.iban.slice(0, 4)}…${bank.iban.slice(-4)}` },
      },
      now,
    );
  });
}
