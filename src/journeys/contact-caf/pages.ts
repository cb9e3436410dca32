import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  attachFile,
  demarchesToChoose,
  fileOfThread,
  replyAsPerson,
  startThread,
  threadForPerson,
  threadsForPerson,
  type MessagesDeps,
} from '../../caf-messages/threads';
import { refusalCode } from '../../caf-messages/errors';
import { MESSAGES_PATH } from '../../caf-messages/messages';
import { AppError, fieldError, type FieldError } from '../../errors/app-error';
import { findPrestation } from '../../prestations/catalogue';
import { readForm } from '../../http/api/input';
import { sendHtml } from '../../http/errors';
import { requirePermission } from '../../http/require-permission';
import { requestOrigin } from '../../http/session';
import { personFlash, redirectWithNotice, takeNotice } from '../../http/flash';
import { keptValue, takeFormState } from '../../http/form-state';
import { fieldsRefusal, formRefusal, refuseForm, takeRefused, type Refusal } from '../refusal';
import { readUpload, refuseBadUploads, registerUploads, sendDownload } from '../../http/uploads';
import { NewMessageForm, ReplyForm } from './schemas';
import { dossierManagers } from '../../household/who';
import { memberName } from '../../household/names';
import { NEW_PATH, newMessagePage, threadPage, threadPath, threadsPage, type NewMessageValues } from './views';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type ContactCafPagesDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'sessions'>;

/**
 * « Contacter ma Caf », the person's side (src/caf-messages/threads.ts):
 *   GET  /mon-espace/messages                      the person's threads (and those shared with them)
 *   GET  /mon-espace/messages/nouveau, POST        a new message: subject, démarche, text, sharing
 *   GET  /mon-espace/messages/:id, POST            a thread, and the person's answer
 *   POST /mon-espace/messages/:id/fichiers         (multipart `fichier`) a file joined to their last message
 *   GET  /mon-espace/messages/:id/fichiers/:file   a file, as a download
 * Anyone signed in may write, allocataire or not; a thread not theirs nor shared with them is « introuvable ».
 * A form refused for a mistake goes back to its page with the errors and what was typed (303,
 * Post/Redirect/Get: src/http/form-state.ts); the limit of new threads a day too, its page then answering 429 with Retry-After.
 */
export function contactCafPages(ctx: ContactCafPagesDeps, deps: MessagesDeps): FastifyPluginAsync {
  const signedIn = requirePermission(ctx, 'consult_personal_data');
  const now = () => ctx.clock.now();

  const choices = async (req: FastifyRequest) =>
    (await demarchesToChoose(deps.db, req.actor!, now())).map((d) => ({
      id: d.id,
      label: `${findPrestation(d.prestation)?.title ?? d.prestation}${d.reference ? ` — ${d.reference}` : ''}`,
    }));
  /** Who else would read a shared thread: the dossier's managers but the writer (none: nothing to share). */
  const otherManagers = async (req: FastifyRequest) => {
    const d = req.actor?.dossier;
    if (!d) return [];
    return (await dossierManagers(deps.db, d.householdId)).filter((m) => m.id !== d.memberId).map(memberName);
  };
  const newPage = async (req: FastifyRequest, values: NewMessageValues, errors?: FieldError[]) =>
    newMessagePage(req, { values, errors, demarches: await choices(req), shareWith: await otherManagers(req) });

  const thread = async (req: FastifyRequest) => {
    const t = await threadForPerson(deps.db, req.actor!, (req.params as { id: string }).id, now());
    if (!t) throw new AppError('MESSAGE_THREAD_NOT_FOUND');
    return t;
  };

  return async (app: FastifyInstance) => {
    app.get(MESSAGES_PATH, { preHandler: signedIn }, async (req, reply) =>
      sendHtml(reply, threadsPage(req, await threadsForPerson(deps.db, req.actor!, now()), ctx.config.agencyPhone)),
    );

    app.get(NEW_PATH, { preHandler: signedIn }, async (req, reply) => {
      const { shown, status } = await takeRefused(ctx, req, reply);
      if (shown) {
        const kept = (name: string) => keptValue(shown, name);
        const values = { subject: kept('subject'), demarche: kept('demarche'), message: kept('message'), share: kept('share') === 'oui' };
        return sendHtml(reply, await newPage(req, values, shown.errors), status);
      }
      const q = req.query as { demarche?: string; objet?: string };
      return sendHtml(reply, await newPage(req, { demarche: q.demarche ?? '', subject: q.objet ?? '' }));
    });

    app.post(NEW_PATH, { preHandler: signedIn }, async (req, reply) => {
      const read = readForm(NewMessageForm, req);
      const raw = req.body as Record<string, string | undefined>;
      const values: NewMessageValues = { subject: raw.subject, demarche: raw.demarche, message: raw.message, share: raw.share === 'oui' };
      const refused = (r: Refusal) =>
        refuseForm(ctx, req, reply, r, {
          to: NEW_PATH,
          values: { subject: values.subject, demarche: values.demarche, message: values.message, share: values.share ? 'oui' : undefined },
          render: (errors) => newPage(req, values, errors),
        });
      if (!read.ok) return refused(formRefusal(read.errors));
      const f = read.data;
      const r = await startThread(deps, {
        actor: req.actor!,
        subject: f.subject,
        demarcheId: f.demarche,
        body: f.message,
        share: f.share,
        origin: requestOrigin(req),
        now: now(),
      });
      // The limit of the day (429) stands alone, with its wait (the page answers 429 and Retry-After while it lasts).
      if (!r.ok)
        return refused(
          fieldsRefusal(
            r.refusals.map((x) => fieldError(x.field, refusalCode(x))),
            r.retryAfterMs,
          ),
        );
      return redirectWithNotice(personFlash(ctx, req), reply, threadPath(r.threadId), 'envoye');
    });

    app.get(`${MESSAGES_PATH}/:id`, { preHandler: signedIn }, async (req, reply) => {
      const t = await thread(req);
      const shown = await takeFormState(ctx, req, reply);
      if (shown) return sendHtml(reply, threadPage(req, t, { errors: shown.errors, reply: keptValue(shown, 'message') }));
      const taken = await takeNotice(personFlash(ctx, req), req);
      const notice = taken === 'envoye' || taken === 'repondu' || taken === 'fichier' ? taken : undefined;
      return sendHtml(reply, threadPage(req, t, notice ? { notice } : {}));
    });

    app.post(`${MESSAGES_PATH}/:id`, { preHandler: signedIn }, async (req, reply) => {
      const t = await thread(req);
      const typed = (req.body as Record<string, string | undefined>)?.message;
      const refused = (errors: FieldError[]) =>
        refuseForm(ctx, req, reply, formRefusal(errors), {
          to: threadPath(t.id),
          values: { message: typed },
          render: (shown) => threadPage(req, t, { errors: shown, reply: typed }),
        });
      const read = readForm(ReplyForm, req);
      if (!read.ok) return refused(read.errors);
      const r = await replyAsPerson(deps, {
        actor: req.actor!,
        threadId: t.id,
        body: read.data.message,
        origin: requestOrigin(req),
        now: now(),
      });
      if (!r.ok && 'notFound' in r) throw new AppError('MESSAGE_THREAD_NOT_FOUND');
      if (!r.ok) return refused(r.refusals.map((x) => fieldError(x.field, refusalCode(x))));
      return redirectWithNotice(personFlash(ctx, req), reply, threadPath(t.id), 'repondu');
    });

    app.get(`${MESSAGES_PATH}/:id/fichiers/:file`, { preHandler: signedIn }, async (req, reply: FastifyReply) => {
      const t = await thread(req);
      const f = await fileOfThread(deps, t.id, (req.params as { file: string }).file);
      if (!f) throw new AppError('MESSAGE_THREAD_NOT_FOUND');
      return sendDownload(reply, f, f.bytes);
    });

    // The file upload: multipart in a context of its own, so that the other routes stay urlencoded.
    await app.register(async (uploads) => {
      await registerUploads(uploads);
      uploads.setErrorHandler(refuseBadUploads);
      uploads.post(`${MESSAGES_PATH}/:id/fichiers`, { preHandler: signedIn }, async (req, reply) => {
        const t = await thread(req);
        if (!t.own) throw new AppError('MESSAGE_THREAD_NOT_FOUND');
        const upload = await readUpload(req, 'fichier');
        // A file is never kept for the page: only the error at the field goes back to it.
        const refused = (error: FieldError) =>
          refuseForm(ctx, req, reply, formRefusal([error]), { to: threadPath(t.id), render: (errors) => threadPage(req, t, { errors }) });
        if (upload.kind === 'none') return refused(fieldError('fichier', 'JUSTIFICATIF_REQUIRED'));
        const r = await attachFile(deps, {
          threadId: t.id,
          author: { kind: 'person', id: req.account!.id },
          bytes: upload.bytes,
          declaredName: upload.filename,
          origin: requestOrigin(req),
          now: now(),
        });
        if (!r.ok) return refused(fieldError('fichier', refusalCode(r.refusal)));
        return redirectWithNotice(personFlash(ctx, req), reply, threadPath(t.id), 'fichier');
      });
    });
  };
}
