import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

/**
 * Erases an online account (closing by the person, src/accounts/closing.ts, or the retention sweep of
 * accounts never linked to a dossier, src/retention/registry.ts). Run it inside a transaction.
 *
 * What goes: the sessions kept in the database, the one-time codes, the flows acting for it, its
 * known devices, its brouillons (and their history), its link to a household member (the member row is the Caf's and
 * stays: a new account with the same NIR is linked again at sign-up). What stays: the Caf's records —
 * sent démarches, the files sent with them, separations declared, messages written to the Caf. While one of them names the account,
 * its row stays as a closed record (`closed_at`) with the identity the Caf's records need, and without
 * contact, password, FranceConnect link, NIR, identifiant or document number: the NIR (or a new
 * identifiant) can open a new account later. Otherwise the row itself is deleted.
 *
 * Sessions held in Redis are ended by the caller (`SessionStore.endAllOf`) before it commits.
 */
export async function eraseOnlineAccount(db: Db, accountId: string, now: number): Promise<'deleted' | 'closed'> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
  await db.deleteFrom('verification_codes').where('subject_id', '=', accountId).execute();
  await db.deleteFrom('flows').where('account_id', '=', accountId).execute();
  await db.deleteFrom('known_devices').where('account_id', '=', accountId).execute();
  await db.deleteFrom('demarches').where('account_id', '=', accountId).where('status', '=', 'brouillon').execute();
  await db.updateTable('household_members').set({ account_id: null }).where('account_id', '=', accountId).execute();
  if (!(await isNamedByCafRecords(db, accountId))) {
    // the recoveries are audited records of the account: they go with its row (else kept with the closed record)
    await db.deleteFrom('account_recoveries').where('account_id', '=', accountId).execute();
    await db.deleteFrom('accounts').where('id', '=', accountId).execute();
    return 'deleted';
  }
  await db
    .updateTable('accounts')
    .set({
      login_id: `closed:${accountId}`,
      nir: null,
      provisional_id: null,
      identity_document_kind: null,
      identity_document_number: null,
      contact_value: '',
      password_hash: null,
      franceconnect_sub: null,
      closed_at: now,
      updated_at: now,
    })
    .where('id', '=', accountId)
    .execute();
  return 'closed';
}

/** Whether a sent démarche, a file or a separation the Caf keeps still names the account. */
async function isNamedByCafRecords(db: Db, accountId: string): Promise<boolean> {
  const d = await db.selectFrom('demarches').select('id').where('account_id', '=', accountId).limit(1).executeTakeFirst();
  if (d) return true;
  const j = await db.selectFrom('justificatifs').select('id').where('uploaded_by', '=', accountId).limit(1).executeTakeFirst();
  if (j) return true;
  const s = await db.selectFrom('household_separations').select('id').where('declared_by', '=', accountId).limit(1).executeTakeFirst();
  if (s) return true;
  const t = await db.selectFrom('caf_threads').select('id').where('account_id', '=', accountId).limit(1).executeTakeFirst();
  return Boolean(t);
}
