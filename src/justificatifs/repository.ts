import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { randomToken } from '../shared/crypto';
import type { Justificatif, JustificatifRequest, JustificatifsTable } from './justificatifs.table';

/** Pieces asked and files sent, one query per function. */
type Db = Kysely<Database>;

export async function createRequest(
  db: Db,
  r: { demarcheId: string; message: string; agentId: string; now: number },
): Promise<JustificatifRequest> {
  const row: JustificatifRequest = {
    id: randomToken(16),
    demarche_id: r.demarcheId,
    message: r.message,
    requested_by: r.agentId,
    requested_at: r.now,
    closed_at: null,
  };
  await db.insertInto('justificatif_requests').values(row).execute();
  return row;
}

/** The pieces still awaited on a démarche (« À transmettre »), the oldest first. */
export function openRequests(db: Db, demarcheId: string): Promise<JustificatifRequest[]> {
  return db
    .selectFrom('justificatif_requests')
    .selectAll()
    .where('demarche_id', '=', demarcheId)
    .where('closed_at', 'is', null)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
}

/** Of these démarches, those with a piece awaited (for « Mes démarches »). */
export async function demarchesAwaitingPieces(db: Db, demarcheIds: readonly string[]): Promise<Set<string>> {
  if (demarcheIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('justificatif_requests')
    .select('demarche_id')
    .distinct()
    .where('demarche_id', 'in', [...demarcheIds])
    .where('closed_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.demarche_id));
}

export function allRequests(db: Db, demarcheId: string): Promise<JustificatifRequest[]> {
  return db
    .selectFrom('justificatif_requests')
    .selectAll()
    .where('demarche_id', '=', demarcheId)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
}

/** Closes what is still awaited on a démarche (a piece sent, the Caf resuming or deciding). */
export async function closeOpenRequests(db: Db, demarcheId: string, now: number): Promise<number> {
  const r = await db
    .updateTable('justificatif_requests')
    .set({ closed_at: now })
    .where('demarche_id', '=', demarcheId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertJustificatif(db: Db, j: Omit<JustificatifsTable, 'id'>): Promise<Justificatif> {
  const row: Justificatif = { id: randomToken(16), ...j };
  await db.insertInto('justificatifs').values(row).execute();
  return row;
}

export function findJustificatif(db: Db, id: string): Promise<Justificatif | undefined> {
  return db.selectFrom('justificatifs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The files sent for a démarche, the oldest first. */
export function listJustificatifs(db: Db, demarcheId: string): Promise<Justificatif[]> {
  return db.selectFrom('justificatifs').selectAll().where('demarche_id', '=', demarcheId).orderBy('created_at').orderBy('id').execute();
}
