import type { Kysely } from 'kysely';
import { recordAudit, type AuditOrigin } from '../auth/audit';
import type { Config } from '../config/config';
import type { DatabaseHandle } from '../db/database';
import type { Clock } from '../shared/clock';
import type { Database } from '../db/schema';
import { enqueueMessage } from '../messaging/outbox';
import { bankChangeFrozenUntil as frozenUntil, effectiveAfterDelay } from './bank';
import { maskIban } from '../identity/iban';
import { managesDossier } from './permissions';
import { bankAccountChangedMessage, dossierChangedMessage } from './messages';
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
      await enqueueMessage(trx, dossierChangedMessage(c, who.dossier.dossierNumber, now, ctx.config.agencyPhone), now);
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

/** Until when a change of bank account is refused on this dossier (a recent recovery of access of the actor or of a manager); undefined: it is not. */
export async function bankChangeFrozenUntil(
  ctx: HouseholdChangeDeps,
  who: Pick<Who, 'accountId' | 'dossier'>,
): Promise<number | undefined> {
  const ids = [...new Set([who.accountId, ...(await managerIds(ctx.database.db, who.dossier.householdId))])];
  return frozenUntil(ctx.database.db, ids, ctx.config.accountSafety.recoveryBankFreezeDays, ctx.clock.now());
}

/** The refusal of a change during the freeze, audited. */
export async function refuseFrozenBankChange(
  ctx: HouseholdChangeDeps,
  who: Who,
  until: number,
): Promise<{ kind: 'frozen'; until: number }> {
  await recordAudit(
    ctx.database.db,
    {
      type: 'bank_account_change_refused',
      accountId: who.accountId,
      ...who.origin,
      details: { dossier: who.dossier.dossierNumber, frozenUntil: until },
    },
    ctx.clock.now(),
  );
  return { kind: 'frozen', until };
}

export type BankAccountChange = { kind: 'frozen'; until: number } | { kind: 'changed'; payableFrom: number };

/**
 * A new bank account, once the person proved it is them twice (password or FranceConnect, and a code
 * to their verified contact: src/journeys/household/bank-change.ts — the only caller). Refused while
 * a recovery of access of one of the dossier's managers is recent (src/household/bank.ts, audited);
 * otherwise paid to only after BANK_CHANGE_DELAY_DAYS, or from an agent's confirmation on the
 * assistance console. Every verified contact of the actor and of the dossier's managers is told,
 * with the IBAN masked.
 */
export async function declareBankAccountChange(
  ctx: HouseholdChangeDeps,
  who: Who & { proof: 'password' | 'franceconnect' },
  bank: { iban: string; holder: string },
): Promise<BankAccountChange> {
  const until = await bankChangeFrozenUntil(ctx, who);
  if (until !== undefined) return refuseFrozenBankChange(ctx, who, until);
  const now = ctx.clock.now();
  const payableFrom = effectiveAfterDelay(now, ctx.config.accountSafety.bankChangeDelayDays);
  await ctx.database.db.transaction().execute(async (trx) => {
    await recordBankAccount(trx, who.dossier.householdId, bank, who.accountId, now, payableFrom);
    const ids = [...new Set([who.accountId, ...(await managerIds(trx, who.dossier.householdId))])];
    const contacts = await trx.selectFrom('accounts').select(['contact_kind', 'contact_value']).where('id', 'in', ids).execute();
    for (const c of new Map(contacts.map((x) => [x.contact_value, x])).values()) {
      await enqueueMessage(
        trx,
        bankAccountChangedMessage(c, {
          iban: bank.iban,
          payableFrom,
          dossier: who.dossier.dossierNumber,
          at: now,
          phone: ctx.config.agencyPhone,
        }),
        now,
      );
    }
    await recordAudit(
      trx,
      {
        type: 'bank_account_changed',
        accountId: who.accountId,
        ...who.origin,
        details: { dossier: who.dossier.dossierNumber, iban: maskIban(bank.iban), payableFrom, proof: who.proof, told: contacts.length },
      },
      now,
    );
  });
  return { kind: 'changed', payableFrom };
}
