import type { FastifyRequest } from 'fastify';
import { THREAD_SUBJECTS } from '../../db/tables/caf-messages.table';
import { MAX_BODY_CHARS, type ThreadMessage, type ThreadSummary, type ThreadView } from '../../caf-messages/threads';
import { MESSAGES_PATH, SUBJECT_LABELS } from '../../caf-messages/messages';
import {
  backLink,
  button,
  checkboxes,
  errorSummary,
  form,
  insetText,
  linkButton,
  radios,
  select,
  textarea,
  type Errors,
} from '../../http/views/components';
import { dataNotice } from '../../http/views/data-notice';
import type { PurposeId } from '../../legal/purposes';
import { fileUploadForm } from '../../http/views/file-upload';
import { html, type HtmlValue, type SafeHtml } from '../../http/views/html';
import { accountPage, formatDateTime, successBanner } from '../../http/views/account-page';
import { MAX_JUSTIFICATIF_BYTES } from '../../justificatifs/validation';
import { ACCEPT, frenchSize } from '../justificatifs/pages';

/** The person's pages of « Contacter ma Caf » (routes: ./pages.ts). */
export const NEW_PATH = `${MESSAGES_PATH}/nouveau`;
export const threadPath = (id: string) => `${MESSAGES_PATH}/${encodeURIComponent(id)}`;
export const threadFilePath = (threadId: string, fileId: string) => `${threadPath(threadId)}/fichiers/${encodeURIComponent(fileId)}`;

/** A message's text as typed: escaped, its line breaks kept, never a link or markup. */
export function plainText(body: string): SafeHtml {
  const paragraphs = body.split(/\n{2,}/);
  return html`${paragraphs.map((p) => {
    const lines = p.split('\n');
    return html`<p class="govuk-body">${lines.map((l, i) => (i === 0 ? html`${l}` : html`<br>${l}`))}</p>`;
  })}`;
}

export function messageList(
  messages: ThreadMessage[],
  o: { mine: string; theirs: string; fileHref: (fileId: string) => string },
): SafeHtml {
  return html`<ol class="govuk-list mc-messages">${messages.map(
    (m) => html`<li class="mc-message mc-message--${m.authorKind}">
  <h3 class="govuk-heading-s govuk-!-margin-bottom-1">${m.authorKind === 'person' ? o.mine : o.theirs}, le ${formatDateTime(m.createdAt)}</h3>
  ${plainText(m.body)}
  ${
    m.files.length
      ? html`<ul class="govuk-list">${m.files.map((f) => html`<li><a class="govuk-link" href="${o.fileHref(f.id)}" download>${f.fileName}</a> <span class="govuk-body-s">(${frenchSize(f.sizeBytes)})</span></li>`)}</ul>`
      : ''
  }
</li>`,
  )}</ol>`;
}

const breadcrumbs = html`<nav class="govuk-breadcrumbs" aria-label="Fil d’Ariane"><ol class="govuk-breadcrumbs__list"><li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/mon-espace">Mon espace</a></li><li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="${MESSAGES_PATH}">Mes messages</a></li></ol></nav>`;

export function threadsPage(req: FastifyRequest, threads: ThreadSummary[], phone: string): SafeHtml {
  const own = threads.filter((t) => t.own);
  const shared = threads.filter((t) => !t.own);
  const rows = (list: ThreadSummary[]) =>
    html`<ul class="govuk-list govuk-list--spaced">${list.map(
      (
        t,
      ) => html`<li><a class="govuk-link govuk-!-font-weight-bold" href="${threadPath(t.id)}">${SUBJECT_LABELS[t.subject]}${t.demarcheReference ? ` — démarche ${t.demarcheReference}` : ''}</a>
  ${t.unread ? html`<strong class="govuk-tag govuk-tag--blue">${t.unread === 1 ? 'Nouvelle réponse' : `${t.unread} nouvelles réponses`}</strong>` : ''}
  <br><span class="govuk-body-s">Dernier message le ${formatDateTime(t.lastMessageAt)}</span></li>`,
    )}</ul>`;
  return accountPage(
    req,
    { title: 'Mes messages', backLink: backLink('/mon-espace', 'Mon espace') },
    html`<h1 class="govuk-heading-l">Mes messages</h1>
<p class="govuk-body">Écrivez à votre Caf : une personne de la Caf vous répond ici. Vous êtes prévenu par mail ou par SMS quand une réponse arrive. Si vous ne pouvez pas téléphoner (personne sourde ou malentendante, séjour à l’étranger…), c’est ici que vous joignez une personne de la Caf.</p>
${linkButton('Écrire à ma Caf', NEW_PATH)}
${own.length ? html`<h2 class="govuk-heading-m">Mes échanges avec la Caf</h2>${rows(own)}` : html`<p class="govuk-body">Vous n’avez encore écrit aucun message à la Caf.</p>`}
${shared.length ? html`<h2 class="govuk-heading-m">Échanges partagés avec vous</h2><p class="govuk-body">Un membre de votre foyer a choisi de partager ces échanges avec ceux qui gèrent le dossier.</p>${rows(shared)}` : ''}
<p class="govuk-body">Pour une urgence, appelez votre Caf au ${phone}.</p>`,
  );
}

export interface NewMessageValues {
  subject?: string;
  demarche?: string;
  message?: string;
  share?: boolean;
}

export function newMessagePage(
  req: FastifyRequest,
  /** shareWith: the names of the others who manage the dossier (none: no sharing to offer) */
  o: { values: NewMessageValues; errors?: Errors; demarches: { id: string; label: string }[]; shareWith: readonly string[] },
): SafeHtml {
  return accountPage(
    req,
    { title: 'Écrire à ma Caf', hasErrors: !!o.errors?.length, backLink: breadcrumbs },
    html`${errorSummary(o.errors)}
<h1 class="govuk-heading-l">Écrire à ma Caf</h1>
${form(
  { action: NEW_PATH, csrfToken: req.csrfToken },
  html`${radios({
    name: 'subject',
    legend: 'Objet de votre message',
    legendSize: 'm',
    choices: THREAD_SUBJECTS.map((s) => ({ value: s, label: SUBJECT_LABELS[s] })),
    value: o.values.subject,
    errors: o.errors,
  })}
${
  o.demarches.length
    ? select({
        name: 'demarche',
        label: 'Démarche concernée (facultatif)',
        options: [{ value: '', label: 'Aucune démarche en particulier' }, ...o.demarches.map((d) => ({ value: d.id, label: d.label }))],
        value: o.values.demarche,
        errors: o.errors,
      })
    : ''
}
${textarea({
  name: 'message',
  label: 'Votre message',
  labelSize: 'm',
  hint: `${MAX_BODY_CHARS.toLocaleString('fr-FR')} caractères au plus. N’y écrivez ni mot de passe ni code reçu par SMS ou par mail. Vous pourrez joindre un fichier juste après l’envoi.`,
  value: o.values.message,
  errors: o.errors,
})}
${
  o.shareWith.length
    ? checkboxes({
        name: 'share',
        legend: 'Qui peut lire cet échange ?',
        legendSize: 's',
        hint: `Par défaut, vous seul. Si vous le partagez, les personnes qui gèrent le dossier (le responsable du dossier et la personne qui a l’autorisation de gestion) pourront le lire : aujourd’hui, ${o.shareWith.join(' et ')}.`,
        choices: [{ value: 'oui', label: 'Partager cet échange avec ceux qui gèrent le dossier' }],
        value: o.values.share ? ['oui'] : [],
        errors: o.errors,
      })
    : ''
}
${dataNotice('ecrire-caf')}
${button('Envoyer mon message')}`,
)}`,
  );
}

export function threadPage(
  req: FastifyRequest,
  t: ThreadView & { own: boolean },
  o: { errors?: Errors; notice?: 'envoye' | 'repondu' | 'fichier'; reply?: string },
): SafeHtml {
  const notices: Record<string, HtmlValue> = {
    envoye: successBanner(
      'Message envoyé',
      html`<p class="govuk-body">Votre Caf vous répondra ici ; vous serez prévenu par mail ou par SMS. Vous pouvez joindre un fichier ci-dessous.</p>`,
    ),
    repondu: successBanner('Message envoyé', html`<p class="govuk-body">Votre message a été ajouté à l’échange.</p>`),
    fichier: successBanner('Fichier joint', html`<p class="govuk-body">Le fichier a été joint à votre dernier message.</p>`),
  };
  return accountPage(
    req,
    { title: SUBJECT_LABELS[t.subject], hasErrors: !!o.errors?.length, backLink: breadcrumbs },
    html`${errorSummary(o.errors)}
${o.notice ? notices[o.notice] : ''}
<span class="govuk-caption-l">Échange avec la Caf${t.demarcheReference ? ` — démarche ${t.demarcheReference}` : ''}</span>
<h1 class="govuk-heading-l">${SUBJECT_LABELS[t.subject]}</h1>
${t.own ? (t.shared ? insetText('Cet échange est partagé avec ceux qui gèrent le dossier.') : '') : insetText('Un membre de votre foyer a partagé cet échange avec vous : vous pouvez le lire, pas y répondre.')}
<h2 class="govuk-heading-m">Messages</h2>
${messageList(t.messages, { mine: t.own ? 'Vous' : 'Votre foyer', theirs: 'Votre Caf', fileHref: (f) => threadFilePath(t.id, f) })}
${
  t.own
    ? html`${form(
        { action: threadPath(t.id), csrfToken: req.csrfToken },
        html`${textarea({ name: 'message', label: 'Répondre', labelSize: 'm', hint: `${MAX_BODY_CHARS.toLocaleString('fr-FR')} caractères au plus.`, value: o.reply, errors: o.errors, rows: 5 })}
${button('Envoyer ma réponse')}`,
      )}
${attachmentForm(req, { action: `${threadPath(t.id)}/fichiers`, label: 'Joindre un fichier à mon dernier message', errors: o.errors, notice: 'ecrire-caf' })}`
    : ''
}`,
  );
}

/** « Joindre un fichier » under a thread, on the person's side or an agent's: PDF, JPEG or PNG, as large as a justificatif. */
export function attachmentForm(
  req: FastifyRequest,
  o: { action: string; label: string; errors: Errors; notice: PurposeId | null },
): SafeHtml {
  return fileUploadForm({
    action: o.action,
    csrfToken: req.csrfToken,
    name: 'fichier',
    label: o.label,
    hint: `PDF, JPEG ou PNG, ${frenchSize(MAX_JUSTIFICATIF_BYTES)} au plus.`,
    accept: ACCEPT,
    maxBytes: MAX_JUSTIFICATIF_BYTES,
    errors: o.errors,
    submit: 'Joindre le fichier',
    notice: o.notice,
  });
}
