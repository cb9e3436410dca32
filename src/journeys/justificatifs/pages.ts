import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requestOrigin, requireAccount } from '../../http/session';
import { personFlash, redirectWithNotice, takeNotice } from '../../http/flash';
import { requestActor } from '../../http/require-permission';
import { STATUS_LABELS } from '../../demarches/machine';
import { AppError, fieldError, type FieldError } from '../../errors/app-error';
import { REFUSAL_ERRORS, type JustificatifErrorCode } from '../../justificatifs/errors';
import {
  addJustificatif,
  piecesOf,
  readJustificatifAsPerson,
  removeUnsentFile,
  sendPieces,
  type PiecesView,
} from '../../justificatifs/service';
import type { Justificatif } from '../../db/tables/justificatifs.table';
import { MAX_JUSTIFICATIF_BYTES } from '../../justificatifs/validation';
import { findPrestation } from '../../prestations/catalogue';
import { sendHtml, wantsJson } from '../../http/errors';
import {
  MULTIPART_BODY_LIMIT,
  isMalformedMultipart,
  isTooLarge,
  readUpload,
  refuseBeforeBody,
  registerUploads,
  sendAuditedDownload,
} from '../../http/uploads';
import { button, errorSummary, form, insetText, linkButton, summaryList } from '../../http/views/components';
import { UPLOAD_SCRIPT, fileUploadForm } from '../../http/views/file-upload';
import { html, type SafeHtml } from '../../http/views/html';
import { accountPage, formatDateTime, successBanner } from '../../http/views/account-page';
import { DEMARCHES_PATH } from '../demarches/pages';
import { readForm } from '../../http/api/input';
import { RemoveFileBody } from './schemas';
import { takeFormState } from '../../http/form-state';
import { formRefusal, refuseForm } from '../refusal';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type JustificatifsPagesDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'justificatifStorage' | 'pdfChecker' | 'sessions'>;

/**
 * The person's justificatifs (« À transmettre »):
 *   GET  /mon-espace/demarches/:id/justificatifs          the piece asked, the files added, the upload form
 *   POST /mon-espace/demarches/:id/justificatifs          (multipart `fichier`) adds a file
 *   POST /mon-espace/demarches/:id/justificatifs/envoyer  « Envoyer à la Caf »: the démarche goes back to the Caf
 *   POST /mon-espace/demarches/:id/justificatifs/retirer  (`fichier`) removes a file added but not sent yet
 *   GET  /mon-espace/justificatifs/:id                    a download (the person, the dossier's managers)
 * A refused file (or none chosen) goes back to the page (303), which shows the error at the field
 * once (`refuseForm`, src/http/form-state.ts) and says the file chosen was not kept: a browser
 * never re-fills a file field. Too large: a page of its own (413).
 */
export const piecesPath = (demarcheId: string) => `${DEMARCHES_PATH}/${encodeURIComponent(demarcheId)}/justificatifs`;
export const downloadPath = (justificatifId: string) => `/mon-espace/justificatifs/${encodeURIComponent(justificatifId)}`;

export const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const FIELD = 'fichier';

/** « 1,2 Mo », « 350 ko ». */
export function frenchSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  return `${Math.max(1, Math.round(bytes / 1024))} ko`;
}

/**
 * The error of a file refused for its bytes, as the page shows it after the redirect — where the file
 * field is empty again: the file is named (its last path segment, without control or direction
 * characters) and said not kept, to be chosen again.
 */
export function refusedFileError(code: JustificatifErrorCode, declaredName: string): FieldError {
  const name = (declaredName.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .slice(0, 100);
  const message = fieldError(FIELD, code).message;
  const named = name ? message.replace(/^Le fichier sélectionné/, `Le fichier « ${name} »`) : message;
  return fieldError(FIELD, code, `${named} Ce fichier n’a pas été gardé : sélectionnez de nouveau un fichier.`);
}

/** The files of a démarche as a list with their download links. */
export function fileList(files: readonly Justificatif[], href: (j: Justificatif) => string): SafeHtml {
  return summaryList(
    files.map((f) => ({
      key: formatDateTime(f.created_at),
      value: html`<a class="govuk-link" href="${href(f)}" download>${f.file_name}</a> <span class="govuk-body-s">(${f.media_type === 'application/pdf' ? 'PDF' : f.media_type === 'image/png' ? 'PNG' : 'JPEG'}, ${frenchSize(f.size_bytes)})</span>`,
    })),
  );
}

/**
 * The files added to the piece asked and not sent yet: each says so, with « Retirer » (a form of
 * its own: usable without JavaScript); « Envoyer à la Caf » follows the list.
 */
function unsentFiles(req: FastifyRequest, d: { id: string }, files: readonly Justificatif[]): SafeHtml {
  return html`<h2 class="govuk-heading-m">Fichiers pas encore envoyés</h2>
<p class="govuk-body">${files.length === 1 ? 'Ce fichier est ajouté mais la Caf ne l’a pas encore reçu' : 'Ces fichiers sont ajoutés mais la Caf ne les a pas encore reçus'} : appuyez sur « Envoyer à la Caf » quand vous avez ajouté tous les fichiers demandés.</p>
<ul class="govuk-list mc-unsent-files">${files.map(
    (f) => html`<li class="govuk-!-margin-bottom-4"><strong class="govuk-tag govuk-tag--yellow">Pas encore envoyé</strong>
<a class="govuk-link" href="${downloadPath(f.id)}" download>${f.file_name}</a> <span class="govuk-body-s">(${f.media_type === 'application/pdf' ? 'PDF' : f.media_type === 'image/png' ? 'PNG' : 'JPEG'}, ${frenchSize(f.size_bytes)}, ajouté le ${formatDateTime(f.created_at)})</span>
${form(
  { action: `${piecesPath(d.id)}/retirer`, csrfToken: req.csrfToken },
  html`<input type="hidden" name="fichier" value="${f.id}"><button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-top-2" data-module="govuk-button">Retirer<span class="govuk-visually-hidden"> le fichier ${f.file_name}</span></button>`,
)}</li>`,
  )}</ul>`;
}

const breadcrumbs = html`<nav class="govuk-breadcrumbs" aria-label="Fil d’Ariane"><ol class="govuk-breadcrumbs__list"><li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/mon-espace">Mon espace</a></li><li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="${DEMARCHES_PATH}">Mes démarches</a></li></ol></nav>`;

export function justificatifPages(ctx: JustificatifsPagesDeps): FastifyPluginAsync {
  const render = (req: FastifyRequest, v: PiecesView, o: { errors?: FieldError[]; notice?: 'ajoute' | 'envoye' | 'retire' } = {}) => {
    const d = v.demarche;
    const title = findPrestation(d.prestation)?.title ?? d.prestation;
    const asked = v.asked.length > 0;
    return accountPage(
      req,
      {
        title: asked ? 'Transmettre un justificatif' : 'Justificatifs',
        hasErrors: !!o.errors?.length,
        backLink: breadcrumbs,
        scripts: asked ? [UPLOAD_SCRIPT] : [],
      },
      html`${errorSummary(o.errors)}
${o.notice === 'ajoute' ? successBanner('Fichier ajouté', html`<p class="govuk-body">Ajoutez d’autres fichiers si besoin, puis envoyez-les à la Caf.</p>`) : ''}
${o.notice === 'retire' ? successBanner('Fichier retiré', html`<p class="govuk-body">Le fichier a été retiré : la Caf ne l’a pas reçu.</p>`) : ''}
${o.notice === 'envoye' ? successBanner('Justificatifs transmis', html`<p class="govuk-body">La Caf a bien reçu vos justificatifs et reprend l’instruction de votre demande.</p>`) : ''}
<span class="govuk-caption-l">${title}${d.reference ? html` — référence ${d.reference}` : ''}</span>
<h1 class="govuk-heading-l">${asked ? 'Transmettre un justificatif' : 'Justificatifs'}</h1>
<p class="govuk-body">Statut de la demande : <strong>${STATUS_LABELS[d.status]}</strong></p>
${
  asked
    ? html`<h2 class="govuk-heading-m">La Caf vous demande</h2>
${v.asked.map((r) => insetText(html`<p class="govuk-body">${r.message}</p><p class="govuk-body-s">Demandé le ${formatDateTime(r.requested_at)}</p>`))}
${v.pending.length ? unsentFiles(req, d, v.pending) : ''}
${fileUploadForm({
  action: piecesPath(d.id),
  csrfToken: req.csrfToken,
  name: FIELD,
  label: v.pending.length ? 'Ajouter un autre fichier' : 'Ajouter un fichier',
  hint: 'Un document PDF, ou une photo ou un scan en JPEG ou PNG. 10 Mo au maximum.',
  accept: ACCEPT,
  maxBytes: MAX_JUSTIFICATIF_BYTES,
  ...(o.errors ? { errors: o.errors } : {}),
  submit: 'Ajouter ce fichier',
})}
${
  v.pending.length
    ? form(
        { action: `${piecesPath(d.id)}/envoyer`, csrfToken: req.csrfToken },
        html`<p class="govuk-body">Quand vous avez ajouté tous les fichiers demandés :</p>${button('Envoyer à la Caf')}`,
      )
    : ''
}`
    : html`<p class="govuk-body">Aucune pièce n’est demandée pour cette démarche en ce moment.</p>`
}
${
  v.files.length > v.pending.length
    ? html`<h2 class="govuk-heading-m">Justificatifs déjà transmis</h2>${fileList(
        v.files.filter((f) => !v.pending.includes(f)),
        (f) => downloadPath(f.id),
      )}`
    : ''
}
<p class="govuk-body"><a class="govuk-link" href="${DEMARCHES_PATH}">Retour à mes démarches</a></p>`,
    );
  };

  /** The page of a démarche this person may see (404 otherwise: never say a démarche exists). */
  const viewOf = async (req: FastifyRequest): Promise<PiecesView> => {
    const v = await piecesOf(ctx, await requestActor(ctx, req), (req.params as { id: string }).id);
    if (!v) throw new AppError('NOT_FOUND');
    return v;
  };

  const tooLargePage = (req: FastifyRequest, reply: FastifyReply) =>
    sendHtml(
      reply,
      accountPage(
        req,
        { title: 'Fichier trop volumineux', backLink: breadcrumbs },
        html`<h1 class="govuk-heading-l">Le fichier est trop volumineux</h1>
<p class="govuk-body">Le fichier sélectionné doit faire moins de 10 Mo.</p>
<p class="govuk-body">Pour réduire sa taille, vous pouvez :</p>
<ul class="govuk-list govuk-list--bullet">
  <li>enregistrer le document en PDF avec une qualité plus faible, ou le scanner en noir et blanc ;</li>
  <li>prendre le document en photo plutôt que de le scanner ;</li>
  <li>envoyer chaque page dans un fichier séparé.</li>
</ul>
${linkButton('Choisir un autre fichier', req.url.split('?')[0]!)}`,
      ),
      413,
    );

  return async (app: FastifyInstance) => {
    await registerUploads(app);
    // Limits passed while reading the multipart body (before the route runs): the « too large » page.
    app.setErrorHandler(async (err, req, reply) => {
      if (isMalformedMultipart(err)) throw new AppError('VALIDATION_FAILED');
      if (!isTooLarge(err)) throw err;
      if (wantsJson(req) || !req.account) throw new AppError('JUSTIFICATIF_TOO_LARGE');
      return tooLargePage(req, reply);
    });

    app.get('/mon-espace/demarches/:id/justificatifs', { preHandler: requireAccount }, async (req, reply) => {
      const v = await viewOf(req);
      const taken = await takeNotice(personFlash(ctx, req), req);
      const notice = taken === 'ajoute' || taken === 'envoye' || taken === 'retire' ? taken : undefined;
      // Right after a refused file or « Envoyer » without one: the error, once.
      const shown = await takeFormState(ctx, req, reply);
      return sendHtml(reply, render(req, v, { ...(notice ? { notice } : {}), ...(shown ? { errors: shown.errors } : {}) }));
    });

    const beforeBody = refuseBeforeBody(ctx, { maxBytes: MULTIPART_BODY_LIMIT });
    app.post('/mon-espace/demarches/:id/justificatifs', { onRequest: beforeBody, preHandler: requireAccount }, async (req, reply) => {
      const v = await viewOf(req);
      const refused = (error: FieldError) =>
        refuseForm(ctx, req, reply, formRefusal([error]), {
          to: piecesPath(v.demarche.id),
          render: (errors) => render(req, v, { errors }),
        });
      const upload = await readUpload(req, FIELD);
      if (upload.kind === 'none') return refused(fieldError(FIELD, 'JUSTIFICATIF_REQUIRED'));
      const r = await addJustificatif(ctx, {
        account: req.account!,
        view: v,
        bytes: upload.bytes,
        declaredName: upload.filename,
        origin: requestOrigin(req),
      });
      if (!r.ok) {
        if (r.reason === 'nothing_asked') throw new AppError('JUSTIFICATIF_NOTHING_ASKED');
        if (r.reason === 'too_large') return tooLargePage(req, reply);
        return refused(refusedFileError(REFUSAL_ERRORS[r.reason], upload.filename));
      }
      return redirectWithNotice(personFlash(ctx, req), reply, piecesPath(v.demarche.id), 'ajoute');
    });

    app.post('/mon-espace/demarches/:id/justificatifs/envoyer', { preHandler: requireAccount }, async (req, reply) => {
      const v = await viewOf(req);
      if (v.asked.length === 0) throw new AppError('JUSTIFICATIF_NOTHING_ASKED');
      if (!(await sendPieces(ctx, { account: req.account!, view: v, origin: requestOrigin(req) }))) {
        return refuseForm(ctx, req, reply, formRefusal([fieldError(FIELD, 'JUSTIFICATIF_NONE_ADDED')]), {
          to: piecesPath(v.demarche.id),
          render: (errors) => render(req, v, { errors }),
        });
      }
      return redirectWithNotice(personFlash(ctx, req), reply, piecesPath(v.demarche.id), 'envoye');
    });

    app.post('/mon-espace/demarches/:id/justificatifs/retirer', { preHandler: requireAccount }, async (req, reply) => {
      const v = await viewOf(req);
      const read = readForm(RemoveFileBody, req);
      const fileId = read.ok ? read.data.fichier : '';
      if (!(await removeUnsentFile(ctx, { account: req.account!, view: v, justificatifId: fileId, origin: requestOrigin(req) })))
        throw new AppError('NOT_FOUND');
      return redirectWithNotice(personFlash(ctx, req), reply, piecesPath(v.demarche.id), 'retire');
    });

    app.get('/mon-espace/justificatifs/:id', { preHandler: requireAccount }, async (req, reply) => {
      const file = await readJustificatifAsPerson(ctx, await requestActor(ctx, req), (req.params as { id: string }).id);
      return sendAuditedDownload(ctx, req, reply, file, { type: 'justificatif_downloaded', accountId: req.account!.id });
    });
  };
}
