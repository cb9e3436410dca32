import type { Kysely, Selectable } from 'kysely';
import type { Database, DemarchesTable } from '../db/schema';
import { findPrestation, type Prestation } from '../prestations/catalogue';
import { randomToken } from '../shared/crypto';

/**
 * The démarches of an account: the prestations a person has set out to ask for. For now a
 * démarche is only started ('a_completer'); the request forms come later.
 *
 * Only a prestation of the catalogue that is asked for online can be started (not, e.g., the AAH,
 * asked for at the MDPH). The partial unique index of migration 0006 is the last word on
 * duplicates: starting the same prestation twice (two logins, two tabs) gives the same démarche.
 */
export type Demarche = Selectable<DemarchesTable>;
export type DemarcheStatus = DemarchesTable['status'];

/** The prestation of the catalogue a slug names, if it is asked for online; undefined otherwise. */
export function onlinePrestation(slug: string | null | undefined): Prestation | undefined {
  const p = findPrestation(slug);
  return p?.online ? p : undefined;
}

/**
 * Starts the démarche of an account for a prestation, or returns the one already started.
 * Undefined (nothing recorded) when the slug is not a prestation asked for online.
 * Safe inside a transaction on PostgreSQL: a clash is `on conflict do nothing`, never an error.
 */
export async function startDemarche(db: Kysely<Database>, accountId: string, slug: string, now: number): Promise<Demarche | undefined> {
  const p = onlinePrestation(slug);
  if (!p) return undefined;
  await db
    .insertInto('demarches')
    .values({ id: randomToken(16), account_id: accountId, prestation: p.slug, status: 'a_completer', created_at: now, updated_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return db
    .selectFrom('demarches')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('prestation', '=', p.slug)
    .where('status', '=', 'a_completer')
    .executeTakeFirstOrThrow();
}

/** The démarches of an account, the latest started first. */
export function listDemarches(db: Kysely<Database>, accountId: string): Promise<Demarche[]> {
  return db.selectFrom('demarches').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').orderBy('id').execute();
}

/** A declaration made online (« Déclarer une séparation »…): recorded as sent to the Caf ('envoyee'), one row per declaration. */
export async function recordDeclaration(db: Kysely<Database>, accountId: string, slug: string, now: number): Promise<Demarche> {
  const row: Demarche = { id: randomToken(16), account_id: accountId, prestation: slug, status: 'envoyee', created_at: now, updated_at: now };
  await db.insertInto('demarches').values(row).execute();
  return row;
}
