import type { FastifyPluginAsync } from 'fastify';
import type { z } from 'zod';
import { requestOrigin } from '../../http/session';
import { AppError, ValidationError, fieldError } from '../../errors/app-error';
import { REFUSAL_ERRORS } from '../../justificatifs/errors';
import { addJustificatif, piecesOf, readJustificatifAsPerson, sendPieces, type PiecesView as Pieces } from '../../justificatifs/service';
import type { Justificatif } from '../../db/tables/justificatifs.table';
import { DemarcheParams } from '../demarches/schemas';
import { FileView, JustificatifParams, PiecesView, Sent, UPLOAD_BODY_LIMIT, UploadBody } from './schemas';
import { refuseBeforeBody, sendAuditedDownload } from '../../http/uploads';
import { iso } from '../../http/api/answers';
import { type ApiInput, type ApiRouteDef, apiRoute, apiRoutes } from '../../http/api/route';
import { requestActor } from '../../http/require-permission';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type JustificatifsApiDeps = Pick<JourneyDeps, 'clock' | 'database' | 'justificatifStorage' | 'pdfChecker'>;

/**
 * Justificatifs in JSON, from the same use cases as the pages (src/justificatifs/service.ts): what
 * the Caf asks, add a file (JSON with the content in base64 — a JSON body keeps the API's CSRF rule:
 * `Content-Type: application/json`, which no cross-site form can send), send the files to the Caf,
 * download one (as an attachment, like the pages).
 */
const tags = ['Justificatifs'];

function fileView(f: Justificatif, pendingIds: ReadonlySet<string>): z.input<typeof FileView> {
  return {
    id: f.id,
    fileName: f.file_name,
    mediaType: f.media_type,
    size: f.size_bytes,
    sha256: f.sha256,
    createdAt: iso(f.created_at),
    pending: pendingIds.has(f.id),
    download: `/api/justificatifs/${f.id}`,
  };
}

function piecesView(v: Pieces): z.input<typeof PiecesView> {
  const pending = new Set(v.pending.map((f) => f.id));
  return {
    demarcheId: v.demarche.id,
    status: v.demarche.status,
    asked: v.asked.map((r) => ({ id: r.id, message: r.message, requestedAt: iso(r.requested_at) })),
    files: v.files.map((f) => fileView(f, pending)),
  };
}

/** Base64 as RFC 4648 says (line breaks tolerated), or a field error. */
function decode(b64: string): Buffer {
  const s = b64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0)
    throw new ValidationError([
      fieldError('contentBase64', 'JUSTIFICATIF_WRONG_TYPE', 'Le contenu doit être le fichier encodé en base64.'),
    ]);
  return Buffer.from(s, 'base64');
}

export function justificatifsApi(ctx: JustificatifsApiDeps): FastifyPluginAsync {
  return async (app) => {
    const route = apiRoutes(app, { tags, session: true });
    /** A route on one démarche's pieces (/api/demarches/:id/…): they are read for the person (404 when not theirs) before the handler. */
    const piecesRoute = <B extends z.ZodType | undefined = undefined, R extends z.ZodType = z.ZodUnknown>(
      def: Omit<ApiRouteDef<B, undefined, typeof DemarcheParams, R>, 'params' | 'handler'> & {
        handler: (input: ApiInput<NoInfer<B>, undefined, typeof DemarcheParams> & { pieces: Pieces }) => Promise<z.input<NoInfer<R>>>;
      },
    ) =>
      route<B, undefined, typeof DemarcheParams, R>({
        ...def,
        params: DemarcheParams,
        handler: async (input) => {
          const pieces = await piecesOf(ctx, await requestActor(ctx, input.req), input.params.id);
          if (!pieces) throw new AppError('NOT_FOUND');
          return def.handler({ ...input, pieces });
        },
      });

    piecesRoute({
      method: 'GET',
      url: '/api/demarches/:id/justificatifs',
      summary: 'Les pièces demandées par la Caf et les fichiers transmis',
      response: PiecesView,
      errors: [401, 404],
      handler: async ({ pieces }) => piecesView(pieces),
    });

    piecesRoute({
      method: 'POST',
      url: '/api/demarches/:id/justificatifs',
      summary: 'Ajouter un fichier à la pièce demandée (PDF, JPEG ou PNG, 10 Mo au plus)',
      description:
        'Le type est lu dans les octets, jamais dans le nom. Refus : 400 (champ contentBase64 : vide, mauvais type, fichier piégé), 409 (aucune pièce demandée), 413 (plus de 10 Mo).',
      bodyLimit: UPLOAD_BODY_LIMIT,
      beforeBody: refuseBeforeBody(ctx, { maxBytes: UPLOAD_BODY_LIMIT }),
      body: UploadBody,
      response: FileView,
      status: 201,
      errors: [401, 404, 409, 413],
      handler: async ({ pieces: v, body, req }) => {
        const r = await addJustificatif(ctx, {
          account: req.account!,
          view: v,
          bytes: decode(body.contentBase64),
          declaredName: body.fileName,
          origin: requestOrigin(req),
        });
        if (r.ok) return fileView(r.justificatif, new Set([r.justificatif.id]));
        if (r.reason === 'nothing_asked') throw new AppError('JUSTIFICATIF_NOTHING_ASKED');
        if (r.reason === 'too_large') throw new AppError('JUSTIFICATIF_TOO_LARGE');
        throw new ValidationError([fieldError('contentBase64', REFUSAL_ERRORS[r.reason])]);
      },
    });

    piecesRoute({
      method: 'POST',
      url: '/api/demarches/:id/justificatifs/envoi',
      summary: 'Envoyer à la Caf les fichiers ajoutés : la démarche reprend son instruction',
      response: Sent,
      errors: [401, 404, 409],
      handler: async ({ pieces: v, req }) => {
        if (v.asked.length === 0) throw new AppError('JUSTIFICATIF_NOTHING_ASKED');
        if (!(await sendPieces(ctx, { account: req.account!, view: v, origin: requestOrigin(req) })))
          throw new ValidationError([fieldError('files', 'JUSTIFICATIF_NONE_ADDED')]);
        return { demarcheId: v.demarche.id, status: 'en_instruction' };
      },
    });

    apiRoute(app, {
      method: 'GET',
      url: '/api/justificatifs/:id',
      summary: 'Télécharger un justificatif (toujours en pièce jointe)',
      description: 'Réponse : les octets du fichier, avec Content-Disposition: attachment et X-Content-Type-Options: nosniff.',
      tags,
      session: true,
      params: JustificatifParams,
      errors: [401, 404],
      handler: async ({ params, req, reply }) => {
        const file = await readJustificatifAsPerson(ctx, await requestActor(ctx, req), params.id);
        await sendAuditedDownload(ctx, req, reply, file, { type: 'justificatif_downloaded', accountId: req.account!.id });
        return undefined as never;
      },
    });
  };
}
