import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { type AuditEventType, recordAudit } from '../auth/audit';
import { requestOrigin, requireAccount } from './session';
import { requestActor } from './require-permission';
import type { DatabaseHandle } from '../db/database';
import type { Clock } from '../shared/clock';
import { AppError } from '../errors/app-error';
import { piecesOf, type StoredFile } from '../justificatifs/service';
import type { Justificatif } from '../db/tables/justificatifs.table';
import { MAX_JUSTIFICATIF_BYTES } from '../justificatifs/validation';

/**
 * File uploads and downloads, for the routes of one plugin: multipart bodies are accepted only
 * where this is registered (elsewhere they stay a 415), one file of at most 10 MB and a few small
 * fields. The file is read into memory (10 MB at most) before the route runs: the CSRF check (the
 * `_csrf` field, or the `X-CSRF-Token` header) and the byte checks then see it whole.
 */
export const UPLOAD_LIMITS = { fileSize: MAX_JUSTIFICATIF_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 6, headerPairs: 100 };

/** A multipart form's largest declared length: the file and its few small fields. */
export const MULTIPART_BODY_LIMIT = MAX_JUSTIFICATIF_BYTES + 64 * 1024;

/**
 * The errors @fastify/multipart raises when a limit is passed, and the early refusal of a declared
 * length (`refuseBeforeBody`): all mean « too large » to a person.
 */
const TOO_LARGE = new Set(['FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT', 'JUSTIFICATIF_TOO_LARGE']);

export function isTooLarge(err: unknown): boolean {
  const e = err as { code?: string; statusCode?: number };
  return TOO_LARGE.has(e.code ?? '') || e.statusCode === 413;
}

/**
 * A body that is not a well-formed multipart form (cut short, no boundary, a broken part header):
 * busboy says so with a plain Error, which would otherwise be taken for a fault of ours (500).
 */
export function isMalformedMultipart(err: unknown): boolean {
  const e = err as { statusCode?: number; message?: string };
  return e.statusCode === undefined && /multipart|boundary|part header|part terminated/i.test(e.message ?? '');
}

/**
 * An error handler for upload routes that answer every reading error as a refusal: a malformed
 * form is a 400, a limit passed a 413 (« fichier trop volumineux »); anything else goes on.
 */
export async function refuseBadUploads(err: unknown): Promise<never> {
  if (isMalformedMultipart(err)) throw new AppError('VALIDATION_FAILED');
  if (isTooLarge(err)) throw new AppError('JUSTIFICATIF_TOO_LARGE');
  throw err;
}

export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { attachFieldsToBody: true, limits: UPLOAD_LIMITS, throwFileSizeLimit: true });
}

/**
 * The checks of an upload route that need no body, run when the request's headers arrive
 * (`onRequest`), before a byte of the body is read: a signed-in person (401, or the login page),
 * a declared length within `maxBytes` (413), a démarche this person may see (404) that awaits a
 * piece (409). Refused, a request that still has a body coming is answered at once and its
 * connection closed, so that nothing more of it is received; the route's handler checks again
 * what may have changed meanwhile.
 */
export function refuseBeforeBody(ctx: { database: DatabaseHandle; clock: Clock }, o: { maxBytes: number }): onRequestAsyncHookHandler {
  return async (req, reply) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const bodyComing = declared > 0 || req.headers['transfer-encoding'] !== undefined;
    if (bodyComing) reply.header('Connection', 'close');
    await requireAccount(req, reply);
    if (reply.sent) return;
    if (declared > o.maxBytes) throw new AppError('JUSTIFICATIF_TOO_LARGE');
    const view = await piecesOf(ctx, await requestActor(ctx, req), (req.params as { id: string }).id);
    if (!view) throw new AppError('NOT_FOUND');
    if (view.asked.length === 0) throw new AppError('JUSTIFICATIF_NOTHING_ASKED');
    reply.removeHeader('Connection');
  };
}

export type Upload = { kind: 'file'; bytes: Buffer; filename: string } | { kind: 'none' };

/** The file of a multipart form's `field`: `none` when no file was chosen (an empty part without a name). */
export async function readUpload(req: FastifyRequest, field: string): Promise<Upload> {
  const part = (req.body as Record<string, unknown> | undefined)?.[field] as
    | { type?: string; filename?: string; toBuffer?: () => Promise<Buffer> }
    | undefined;
  if (!part || part.type !== 'file' || !part.toBuffer) return { kind: 'none' };
  const bytes = await part.toBuffer();
  if (!part.filename && bytes.length === 0) return { kind: 'none' };
  return { kind: 'file', bytes, filename: part.filename ?? '' };
}

/**
 * Sends a stored file as a download only: `attachment` with its sanitised name (RFC 6266 / 5987,
 * an ASCII fallback and the UTF-8 name), its real type, `nosniff`, a CSP that forbids everything
 * should a browser render it anyway, and no caching.
 */
export function sendDownload(reply: FastifyReply, j: Pick<Justificatif, 'file_name' | 'media_type'>, bytes: Buffer): FastifyReply {
  const ascii =
    j.file_name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%;]/g, '_') || 'justificatif';
  return reply
    .header('Content-Type', j.media_type)
    .header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(j.file_name)}`)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'private, no-store')
    .header('Content-Length', String(bytes.length))
    .send(bytes);
}

/**
 * Sends a justificatif read for `accountId` (a person or an agent) as a download (`sendDownload`),
 * once the download is in the audit log as `type`; a file not found (or not theirs) is a 404.
 */
export async function sendAuditedDownload(
  ctx: { database: DatabaseHandle; clock: Clock },
  req: FastifyRequest,
  reply: FastifyReply,
  file: StoredFile | undefined,
  audit: { type: AuditEventType; accountId: string },
): Promise<FastifyReply> {
  if (!file) throw new AppError('JUSTIFICATIF_NOT_FOUND');
  await recordAudit(
    ctx.database.db,
    {
      type: audit.type,
      accountId: audit.accountId,
      ...requestOrigin(req),
      details: { justificatifId: file.justificatif.id, demarcheId: file.justificatif.demarche_id },
    },
    ctx.clock.now(),
  );
  return sendDownload(reply, file.justificatif, file.bytes);
}
