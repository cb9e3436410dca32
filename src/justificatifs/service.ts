import { createHash } from 'node:crypto';
import type { Account } from '../accounts/repository';
import { recordAudit, type AuditOrigin } from '../auth/audit';
import type { DatabaseHandle } from '../db/database';
import type { Clock } from '../shared/clock';
import type { PdfChecker } from './pdf-checker';
import type { JustificatifStorage } from './storage';
import { transitionDemarche, type Demarche } from '../demarches/repository';
import { accessDemarche } from '../demarches/service';
import type { HouseholdActor } from '../household/repository';
import {
  closeOpenRequests,
  deleteUnsentJustificatif,
  findJustificatif,
  insertJustificatif,
  listJustificatifs,
  openRequests,
} from './repository';
import type { Justificatif, JustificatifRequest } from '../db/tables/justificatifs.table';
import { checkJustificatif, type RefusalReason } from './validation';

/** What the justificatifs take from the composition root (src/context.ts builds them); each function only a part. */
export interface JustificatifDeps {
  database: DatabaseHandle;
  clock: Clock;
  justificatifStorage: JustificatifStorage;
  pdfChecker: PdfChecker;
}
type Reading = Pick<JustificatifDeps, 'database' | 'clock'>;

/**
 * Who may see a démarche's justificatifs and send them, on the person's side: whoever may see the
 * démarche (src/demarches/service.ts `accessDemarche`: its author, and those who manage the dossier
 * it concerns — `can(…, 'view_household_demarches')`, over the actor the request read). Agents: the Caf side's guard.
 */
async function visibleDemarche(ctx: Reading, actor: HouseholdActor, demarcheId: string): Promise<Demarche | undefined> {
  const a = await accessDemarche({ db: ctx.database.db, now: () => ctx.clock.now() }, actor, demarcheId);
  return a && a.demarche.status !== 'brouillon' ? a.demarche : undefined;
}

/**
 * The person's side of justificatifs: while a piece is asked (démarche en attente de pièces), the
 * person adds files to it — each checked by its bytes (src/justificatifs/validation.ts) and stored
 * behind the storage port with its SHA-256 — then sends them to the Caf, which takes the démarche
 * back into instruction. Files are read back only by those allowed (above) and agents, and the SHA-256 is checked again at every read.
 */
export interface PiecesView {
  demarche: Demarche;
  /** the pieces asked and not yet sent (« À transmettre »): empty unless en attente de pièces */
  asked: JustificatifRequest[];
  /** files added for the open request, not yet sent */
  pending: Justificatif[];
  /** every file of the démarche */
  files: Justificatif[];
}

/** The démarche as its justificatifs page shows it, if this person may see it. */
export async function piecesOf(ctx: Reading, actor: HouseholdActor, demarcheId: string): Promise<PiecesView | undefined> {
  const { db } = ctx.database;
  const demarche = await visibleDemarche(ctx, actor, demarcheId);
  if (!demarche) return undefined;
  const asked = demarche.status === 'en_attente_de_pieces' ? await openRequests(db, demarche.id) : [];
  const files = await listJustificatifs(db, demarche.id);
  const openIds = new Set(asked.map((r) => r.id));
  return { demarche, asked, pending: files.filter((f) => f.request_id !== null && openIds.has(f.request_id)), files };
}

export type AddOutcome = { ok: true; justificatif: Justificatif } | { ok: false; reason: RefusalReason | 'nothing_asked' };

/** Adds one file to the piece asked; refused files are audited (reason and real type), never stored. */
export async function addJustificatif(
  ctx: JustificatifDeps,
  i: { account: Account; view: PiecesView; bytes: Uint8Array; declaredName: string; origin: AuditOrigin },
): Promise<AddOutcome> {
  const now = ctx.clock.now();
  const request = i.view.asked[0];
  if (!request) return { ok: false, reason: 'nothing_asked' };
  const checked = await checkJustificatif(i.bytes, i.declaredName, ctx.pdfChecker);
  const demarcheId = i.view.demarche.id;
  if (!checked.ok) {
    await recordAudit(
      ctx.database.db,
      {
        type: 'justificatif_refused',
        accountId: i.account.id,
        ...i.origin,
        details: { demarcheId, reason: checked.reason, detected: checked.detected ?? null, size: i.bytes.length },
      },
      now,
    );
    return { ok: false, reason: checked.reason };
  }
  const justificatif = await ctx.database.db.transaction().execute(async (trx) => {
    const key = await ctx.justificatifStorage.put(i.bytes, now, trx);
    const row = await insertJustificatif(trx, {
      demarche_id: demarcheId,
      request_id: request.id,
      uploaded_by: i.account.id,
      file_name: checked.fileName,
      media_type: checked.mediaType,
      size_bytes: checked.size,
      sha256: checked.sha256,
      storage_key: key,
      created_at: now,
    });
    await recordAudit(
      trx,
      {
        type: 'justificatif_uploaded',
        accountId: i.account.id,
        ...i.origin,
        details: { demarcheId, justificatifId: row.id, mediaType: checked.mediaType, size: checked.size, sha256: checked.sha256 },
      },
      now,
    );
    return row;
  });
  return { ok: true, justificatif };
}

/**
 * « Envoyer à la Caf »: the files added answer the piece asked; the démarche goes back into
 * instruction (its history says the person did it). Refused (false) without a file, or when the
 * démarche has moved meanwhile.
 */
export async function sendPieces(ctx: JustificatifDeps, i: { account: Account; view: PiecesView; origin: AuditOrigin }): Promise<boolean> {
  if (i.view.pending.length === 0) return false;
  const now = ctx.clock.now();
  const v = i.view.demarche;
  await ctx.database.db.transaction().execute(async (trx) => {
    await transitionDemarche(trx, {
      id: v.id,
      event: 'provide_documents',
      actor: { kind: 'person', id: i.account.id },
      now,
      version: v.version,
    });
    await closeOpenRequests(trx, v.id, now);
  });
  return true;
}

/**
 * « Retirer »: a file added by mistake, before « Envoyer à la Caf »: its row and its bytes are
 * deleted together, and the removal audited. False when it is not a file of this démarche still
 * waiting to be sent (already sent files stay with the Caf).
 */
export async function removeUnsentFile(
  ctx: JustificatifDeps,
  i: { account: Pick<Account, 'id'>; view: PiecesView; justificatifId: string; origin: AuditOrigin },
): Promise<boolean> {
  if (!i.view.pending.some((f) => f.id === i.justificatifId)) return false;
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const row = await deleteUnsentJustificatif(trx, { id: i.justificatifId, demarcheId: i.view.demarche.id });
    if (!row) return false;
    await ctx.justificatifStorage.delete(row.storage_key, trx);
    await recordAudit(
      trx,
      {
        type: 'justificatif_removed',
        accountId: i.account.id,
        ...i.origin,
        details: { demarcheId: i.view.demarche.id, justificatifId: row.id, sha256: row.sha256 },
      },
      now,
    );
    return true;
  });
}

export interface StoredFile {
  justificatif: Justificatif;
  bytes: Buffer;
}

/**
 * A file's metadata and bytes, its SHA-256 checked against the one recorded at upload: a file
 * altered in storage is never served (an error, logged by the caller's error handler).
 */
export async function readJustificatif(
  ctx: Pick<JustificatifDeps, 'database' | 'justificatifStorage'>,
  id: string,
): Promise<StoredFile | undefined> {
  const justificatif = await findJustificatif(ctx.database.db, id);
  if (!justificatif) return undefined;
  const bytes = await ctx.justificatifStorage.get(justificatif.storage_key);
  if (!bytes) throw new Error(`justificatif ${id}: bytes missing from storage`);
  if (createHash('sha256').update(bytes).digest('hex') !== justificatif.sha256) throw new Error(`justificatif ${id}: SHA-256 mismatch`);
  return { justificatif, bytes };
}

/** A person's download: the file, if it exists and this person may see its démarche. */
export async function readJustificatifAsPerson(
  ctx: Pick<JustificatifDeps, 'database' | 'justificatifStorage' | 'clock'>,
  actor: HouseholdActor,
  id: string,
): Promise<StoredFile | undefined> {
  const meta = await findJustificatif(ctx.database.db, id);
  if (!meta) return undefined;
  if (!(await visibleDemarche(ctx, actor, meta.demarche_id))) return undefined;
  return readJustificatif(ctx, id);
}
