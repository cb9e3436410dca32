import type { FastifyPluginAsync } from 'fastify';
import { sendHtml, wantsJson } from '../../http/errors';
import { html, type SafeHtml, verbatim } from '../../http/views/html';
import { layout } from '../../http/views/layout';
import { z } from 'zod';
import { optionalText, readQuery } from '../../http/api/input';
import { listOutbox, type OutboxEntry } from '../../messaging/outbox';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type DevMessagesPagesDeps = Pick<JourneyDeps, 'config' | 'database' | 'messaging'>;

/** What `GET /dev/messages` answers with `Accept: application/json`, newest first. */
export interface DevMessageJson {
  channel: 'email' | 'sms' | 'post';
  to: string;
  subject: string;
  /** '' once erased (OUTBOX_KEEP_SENT_TEXT=false), and `to` is then masked */
  text: string;
  /** ISO 8601, or null while not (yet) sent */
  sentAt: string | null;
}

const CHANNEL_LABELS: Record<OutboxEntry['channel'], string> = { email: 'Mail', sms: 'SMS', post: 'Courrier' };

const frenchDateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Paris' });

/**
 * The development outbox: `GET /dev/messages` lists the last 100 e-mails and SMS (all of them
 * when SMTP_URL / SMS_PROVIDER_URL are unset: they are captured, not sent), after delivering what
 * is due so that a code just sent is visible. `?to=<address or +33…>` keeps one recipient's.
 * Development and tests only: the route does not exist in production. It shows texts because
 * OUTBOX_KEEP_SENT_TEXT is on outside production; with it off, the worker erases them once sent,
 * and the page says so.
 */
/** /dev/messages?to=… (an address or an E.164 number) */
const DevMessagesQuery = z.object({ to: optionalText(320).catch(undefined) });

export function devMessagesPage(ctx: DevMessagesPagesDeps): FastifyPluginAsync {
  return async (app) => {
    if (ctx.config.isProduction) return;
    app.get('/dev/messages', async (req, reply) => {
      await ctx.messaging.flush();
      const { to } = readQuery(DevMessagesQuery, req);
      const messages = await listOutbox(ctx.database.db, { limit: 100, ...(to ? { to } : {}) });
      if (wantsJson(req)) {
        const body: DevMessageJson[] = messages.map((m) => ({
          channel: m.channel,
          to: m.to,
          subject: m.subject,
          text: m.text,
          sentAt: m.sentAt === null ? null : new Date(m.sentAt).toISOString(),
        }));
        return reply.header('Cache-Control', 'no-store').send(body);
      }
      return sendHtml(reply, page(messages, ctx.config.outbox.keepSentText));
    });
  };
}

function page(messages: OutboxEntry[], keepSentText: boolean): SafeHtml {
  return layout(
    { title: 'Boîte d’envoi de développement', width: 'full' },
    html`<h1 class="govuk-heading-l">Boîte d’envoi de développement</h1>
<p class="govuk-body">Les mails, SMS et courriers envoyés par Mon Compte, du plus récent au plus ancien (100 au plus). Sans serveur SMTP ni fournisseur SMS configuré, ils ne partent pas : ils sont seulement affichés ici. Cette page n’existe pas en production.</p>
${keepSentText ? '' : html`<p class="govuk-body">Le texte des messages envoyés ou abandonnés est effacé et leur destinataire masqué (<code>OUTBOX_KEEP_SENT_TEXT=false</code>), comme en production.</p>`}
<p class="govuk-body"><a class="govuk-link" href="/dev/messages">Actualiser la liste</a></p>
${
  messages.length === 0
    ? html`<p class="govuk-body">Aucun message pour le moment.</p>`
    : html`<div class="mc-table-scroll" role="region" aria-label="Messages envoyés" tabindex="0"><table class="govuk-table">
  <caption class="govuk-table__caption govuk-table__caption--m">${messages.length === 1 ? '1 message' : `${messages.length} messages`}</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Canal</th>
      <th scope="col" class="govuk-table__header">Destinataire</th>
      <th scope="col" class="govuk-table__header">Objet</th>
      <th scope="col" class="govuk-table__header">Texte</th>
      <th scope="col" class="govuk-table__header">Envoyé le</th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    ${messages.map(
      (m) => html`<tr class="govuk-table__row">
      <td class="govuk-table__cell">${CHANNEL_LABELS[m.channel]}</td>
      <td class="govuk-table__cell">${paragraphs(m.to)}</td>
      <td class="govuk-table__cell">${m.subject}</td>
      <td class="govuk-table__cell">${m.erasedAt === null ? paragraphs(m.text) : html`<p class="govuk-body"><em>Texte effacé après l’envoi</em></p>`}</td>
      <td class="govuk-table__cell">${sentCell(m)}</td>
    </tr>`,
    )}
  </tbody>
</table></div>`
}`,
  );
}

/** The text as paragraphs (blank lines) and line breaks, escaped, its characters as sent (verbatim). */
function paragraphs(text: string): SafeHtml[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => {
      const lines = p.split(/\r?\n/);
      return html`<p class="govuk-body">${lines.map((l, i) => (i === 0 ? verbatim(l) : html`<br>${verbatim(l)}`))}</p>`;
    });
}

function sentCell(m: OutboxEntry): SafeHtml {
  if (m.sentAt !== null) return html`<time datetime="${new Date(m.sentAt).toISOString()}">${frenchDateTime.format(m.sentAt)}</time>`;
  const attempts = m.attempts === 1 ? '1 tentative' : `${m.attempts} tentatives`;
  if (m.status === 'abandoned')
    return html`<strong>Abandonné</strong> après ${attempts}${m.lastError ? html` (dernière erreur : ${m.lastError})` : ''}`;
  return html`Pas encore envoyé${m.attempts > 0 ? html` — ${attempts}${m.lastError ? html`, dernière erreur : ${m.lastError}` : ''}` : ''}`;
}
