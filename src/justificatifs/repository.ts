import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { randomToken } from '../shared/crypto';
import type { Justificatif, JustificatifRequest, JustificatifsTable } from '../db/tables/justificatifs.table';

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
export async function openRequests(db: Db, demarcheId: string): Promise<JustificatifRequest[]> {
  return (await openRequestsOf(db, [demarcheId])).get(demarcheId) ?? [];
}

/** Rows grouped by their démarche, in the order they came. */
function byDemarche<R extends { demarche_id: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const r of rows) groups.set(r.demarche_id, [...(groups.get(r.demarche_id) ?? []), r]);
  return groups;
}

/** The pieces awaited on these démarches (« À transmettre » of « Mes démarches » and « Mon espace »), by démarche, the oldest first. */
export async function openRequestsOf(db: Db, demarcheIds: readonly string[]): Promise<Map<string, JustificatifRequest[]>> {
  if (demarcheIds.length === 0) return new Map();
  return byDemarche(
    await db
      .selectFrom('justificatif_requests')
      .selectAll()
      .where('demarche_id', 'in', [...demarcheIds])
      .where('closed_at', 'is', null)
      .orderBy('requested_at')
      .orderBy('id')
      .execute(),
  );
}

/**
 * Files added to a piece still awaited but not sent to the Caf yet (« Envoyer à la Caf » not
 * pressed), by démarche: « Mes démarches » and « Mon espace » flag them.
 */
export async function unsentFilesOf(db: Db, demarcheIds: readonly string[]): Promise<Map<string, Justificatif[]>> {
  if (demarcheIds.length === 0) return new Map();
  return byDemarche(
    await db
      .selectFrom('justificatifs')
      .innerJoin('justificatif_requests', 'justificatif_requests.id', 'justificatifs.request_id')
      .selectAll('justificatifs')
      .where('justificatifs.demarche_id', 'in', [...demarcheIds])
      .where('justificatif_requests.closed_at', 'is', null)
      .orderBy('justificatifs.created_at')
      .orderBy('justificatifs.id')
      .execute(),
  );
}

/** Removes a file added to a piece still awaited, before it is sent: the row, and its storage key to delete (undefined if it was not such a file). */
export async function deleteUnsentJustificatif(db: Db, d: { id: string; demarcheId: string }): Promise<Justificatif | undefined> {
  const row = await db
    .selectFrom('justificatifs')
    .innerJoin('justificatif_requests', 'justificatif_requests.id', 'justificatifs.request_id')
    .selectAll('justificatifs')
    .where('justificatifs.id', '=', d.id)
    .where('justificatifs.demarche_id', '=', d.demarcheId)
    .where('justificatif_requests.closed_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  await db.deleteFrom('justificatifs').where('id', '=', row.id).execute();
  return row;
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
