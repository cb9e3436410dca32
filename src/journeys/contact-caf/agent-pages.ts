import type { FastifyInstance, FastifyRequest } from 'fastify';
import { THREAD_SUBJECTS } from '../../db/tables/caf-messages.table';
import { refusalCode } from '../../caf-messages/errors';
import { SUBJECT_LABELS } from '../../caf-messages/messages';
import { inbox, replyAsAgent, threadForAgent, type InboxRow } from '../../caf-messages/agent-side';
import { attachFile, fileOfThread, isSubject, MAX_BODY_CHARS, type MessagesDeps } from '../../caf-messages/threads';
import { AppError, fieldError, type FieldError } from '../../errors/app-error';
import { readForm } from '../../http/api/input';
import { AGENT_PATH, requireAgent } from '../../http/agent-session';
import { sendHtml } from '../../http/errors';
import { requestOrigin } from '../../http/session';
import { agentFlash, redirectWithNotice, takeNotice } from '../../http/flash';
import { keptValue, takeFormState } from '../../http/form-state';
import { formRefusal, refuseForm } from '../refusal';
import { readUpload, refuseBadUploads, registerUploads, sendDownload } from '../../http/uploads';
import { button, checkboxes, errorSummary, form, select, textarea } from '../../http/views/components';
import { html, type SafeHtml } from '../../http/views/html';
import { formatDateTime } from '../../http/views/account-page';
import { agentPage } from '../gestion/frame';
import { ReplyForm } from './schemas';
import { attachmentForm, messageList } from './views';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type ContactCafAgentPagesDeps = Pick<JourneyDeps, 'agentSessions' | 'clock' | 'config' | 'database'>;

/**
 * « Contacter ma Caf », the Caf's side: the inbox (unread counts, filters by subject and unread), a
 * thread (opening it is audited and marks the person's messages read), the answer — which tells the
 * person through the outbox, without its content — and files. Every agent may answer. An answer or
 * a file refused goes back to the thread's page (303, src/http/form-state.ts) with the answer typed.
 */
export const INBOX_PATH = `${AGENT_PATH}/messages`;
const agentThreadPath = (id: string) => `${INBOX_PATH}/${encodeURIComponent(id)}`;

function inboxTable(rows: InboxRow[]): SafeHtml {
  if (rows.length === 0) return html`<p class="govuk-body">Aucun message ne correspond à ces critères.</p>`;
  return html`<div class="mc-table-scroll" role="region" aria-label="Messages reçus" tabindex="0"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-table__caption--m">Échanges, les plus récents d’abord</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">
    <th scope="col" class="govuk-table__header">Objet</th>
    <th scope="col" class="govuk-table__header">Personne</th>
    <th scope="col" class="govuk-table__header">Dossier</th>
    <th scope="col" class="govuk-table__header">Dernier message</th>
    <th scope="col" class="govuk-table__header">Non lus</th>
  </tr></thead>
  <tbody class="govuk-table__body">${rows.map(
    (r) => html`<tr class="govuk-table__row">
    <td class="govuk-table__cell"><a class="govuk-link" href="${agentThreadPath(r.id)}">${SUBJECT_LABELS[r.subject]}</a>${r.demarcheReference ? html`<br><span class="govuk-body-s">démarche ${r.demarcheReference}</span>` : ''}</td>
    <td class="govuk-table__cell">${r.personName}</td>
    <td class="govuk-table__cell">${r.dossierNumber ?? '—'}</td>
    <td class="govuk-table__cell">${formatDateTime(r.lastMessageAt)}</td>
    <td class="govuk-table__cell">${r.unread ? html`<strong class="govuk-tag govuk-tag--blue">${r.unread}</strong>` : '0'}</td>
  </tr>`,
  )}</tbody></table></div>`;
}

export function agentMessageRoutes(app: FastifyInstance, ctx: ContactCafAgentPagesDeps, deps: MessagesDeps): void {
  const now = () => ctx.clock.now();

  app.get(INBOX_PATH, { preHandler: requireAgent }, async (req, reply) => {
    const q = req.query as Record<string, string | string[] | undefined>;
    const subject = isSubject(q.objet) ? q.objet : undefined;
    const unreadOnly = q['non-lus'] === 'oui';
    const rows = await inbox(deps.db, { unreadOnly, ...(subject ? { subject } : {}) });
    return sendHtml(
      reply,
      agentPage(
        req,
        { title: 'Messages des personnes', width: 'full' },
        html`<h1 class="govuk-heading-l">Messages des personnes</h1>
<form method="get" action="${INBOX_PATH}" class="mc-filters" role="search" aria-label="Filtrer les messages">
  ${select({ name: 'objet', label: 'Objet', options: [{ value: '', label: 'Tous' }, ...THREAD_SUBJECTS.map((s) => ({ value: s, label: SUBJECT_LABELS[s] }))], value: subject ?? '' })}
  ${checkboxes({ name: 'non-lus', legend: 'Lecture', legendSize: 's', choices: [{ value: 'oui', label: 'Seulement les échanges avec des messages non lus' }], value: unreadOnly ? ['oui'] : [] })}
  ${button('Filtrer', { secondary: true })}
</form>
${inboxTable(rows)}`,
      ),
    );
  });

  const render = async (req: FastifyRequest, o: { errors?: FieldError[]; reply?: string; notice?: string } = {}) => {
    const t = await threadForAgent(deps.db, {
      agentId: req.agent!.id,
      threadId: (req.params as { id: string }).id,
      origin: requestOrigin(req),
      now: now(),
    });
    if (!t) throw new AppError('MESSAGE_THREAD_NOT_FOUND');
    return agentPage(
      req,
      { title: `Message de ${t.personName}`, hasErrors: !!o.errors?.length },
      html`${errorSummary(o.errors)}
${o.notice ? html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="notice-title" data-module="govuk-notification-banner"><div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="notice-title">Fait</h2></div><div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${o.notice}</p></div></div>` : ''}
<p class="govuk-body"><a class="govuk-link" href="${INBOX_PATH}">Retour aux messages</a></p>
<span class="govuk-caption-l">${SUBJECT_LABELS[t.subject]}${t.demarcheReference ? ` — démarche ${t.demarcheReference}` : ''}</span>
<h1 class="govuk-heading-l">Message de ${t.personName}</h1>
<p class="govuk-body">Dossier : ${t.dossierNumber ?? 'aucun (pas encore allocataire)'}${t.shared ? ' — échange partagé par la personne avec ceux qui gèrent le dossier' : ''}.</p>
<h2 class="govuk-heading-m">Messages</h2>
${messageList(t.messages, { mine: 'La personne', theirs: 'La Caf', fileHref: (f) => `${agentThreadPath(t.id)}/fichiers/${encodeURIComponent(f)}` })}
${form(
  { action: agentThreadPath(t.id), csrfToken: req.csrfToken },
  html`${textarea({ name: 'message', label: 'Répondre', labelSize: 'm', hint: `${MAX_BODY_CHARS.toLocaleString('fr-FR')} caractères au plus. La personne est prévenue sans le contenu ; ne demandez jamais un mot de passe ni un code.`, value: o.reply, errors: o.errors, rows: 6 })}
${button('Envoyer la réponse')}`,
)}
${attachmentForm(req, { action: `${agentThreadPath(t.id)}/fichiers`, label: 'Joindre un fichier à votre dernière réponse', errors: o.errors, notice: null })}`,
    );
  };

  app.get(`${INBOX_PATH}/:id`, { preHandler: requireAgent }, async (req, reply) => {
    const shown = await takeFormState(ctx, req, reply);
    if (shown) return sendHtml(reply, await render(req, { errors: shown.errors, reply: keptValue(shown, 'message') }));
    const taken = await takeNotice(agentFlash(ctx, req), req);
    const notice =
      taken === 'repondu'
        ? 'Votre réponse est envoyée ; la personne en est prévenue.'
        : taken === 'fichier'
          ? 'Le fichier est joint à votre dernière réponse.'
          : undefined;
    return sendHtml(reply, await render(req, notice ? { notice } : {}));
  });

  app.post(`${INBOX_PATH}/:id`, { preHandler: requireAgent }, async (req, reply) => {
    const typed = (req.body as Record<string, string | undefined>)?.message;
    const refused = (errors: FieldError[]) =>
      refuseForm(ctx, req, reply, formRefusal(errors), {
        to: agentThreadPath((req.params as { id: string }).id),
        values: { message: typed },
        render: async (shown) => render(req, { errors: shown, reply: typed }),
      });
    const read = readForm(ReplyForm, req);
    if (!read.ok) return refused(read.errors);
    const r = await replyAsAgent(deps, {
      agentId: req.agent!.id,
      threadId: (req.params as { id: string }).id,
      body: read.data.message,
      origin: requestOrigin(req),
      now: now(),
      baseUrl: ctx.config.baseUrl,
    });
    if (!r.ok && 'notFound' in r) throw new AppError('MESSAGE_THREAD_NOT_FOUND');
    if (!r.ok) return refused(r.refusals.map((x) => fieldError(x.field, refusalCode(x))));
    return redirectWithNotice(agentFlash(ctx, req), reply, agentThreadPath((req.params as { id: string }).id), 'repondu');
  });

  app.get(`${INBOX_PATH}/:id/fichiers/:file`, { preHandler: requireAgent }, async (req, reply) => {
    const p = req.params as { id: string; file: string };
    const f = await fileOfThread(deps, p.id, p.file);
    if (!f) throw new AppError('MESSAGE_THREAD_NOT_FOUND');
    return sendDownload(reply, f, f.bytes);
  });

  app.register(async (uploads) => {
    await registerUploads(uploads);
    uploads.setErrorHandler(refuseBadUploads);
    uploads.post(`${INBOX_PATH}/:id/fichiers`, { preHandler: requireAgent }, async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const upload = await readUpload(req, 'fichier');
      // A file is never kept for the page: only the error at the field goes back to it.
      const refused = (error: FieldError) =>
        refuseForm(ctx, req, reply, formRefusal([error]), { to: agentThreadPath(id), render: (errors) => render(req, { errors }) });
      if (upload.kind === 'none') return refused(fieldError('fichier', 'JUSTIFICATIF_REQUIRED'));
      const r = await attachFile(deps, {
        threadId: id,
        author: { kind: 'agent', id: req.agent!.id },
        bytes: upload.bytes,
        declaredName: upload.filename,
        origin: requestOrigin(req),
        now: now(),
      });
      if (!r.ok) return refused(fieldError('fichier', refusalCode(r.refusal)));
      return redirectWithNotice(agentFlash(ctx, req), reply, agentThreadPath(id), 'fichier');
    });
  });
}
