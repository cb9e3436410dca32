import type { FastifyPluginAsync } from 'fastify';
import { refusalCode } from '../../caf-messages/errors';
import { SUBJECT_LABELS } from '../../caf-messages/messages';
import {
  replyAsPerson,
  startThread,
  threadForPerson,
  threadsForPerson,
  type MessagesDeps,
  type ThreadMessage,
} from '../../caf-messages/threads';
import { AppError, fieldError } from '../../errors/app-error';
import { fieldsError } from '../../http/api/answers';
import { apiRoute } from '../../http/api/route';
import { requirePermission } from '../../http/require-permission';
import { requestOrigin } from '../../http/session';
import { NewThreadBody, ReplyBody, ThreadAnswer, ThreadCreated, ThreadsAnswer } from './schemas';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type ContactCafApiDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database'>;

const iso = (ms: number) => new Date(ms).toISOString();
const message = (m: ThreadMessage) => ({ author: m.authorKind, body: m.body, sentAt: iso(m.createdAt), files: m.files });

/** « Contacter ma Caf » in JSON, from the same use cases as the pages (./pages.ts). Files are sent from the pages. */
export function contactCafApi(ctx: ContactCafApiDeps, deps: MessagesDeps): FastifyPluginAsync {
  const tags = ['Contacter ma Caf'];
  const signedIn = requirePermission(ctx, 'consult_personal_data');
  const now = () => ctx.clock.now();
  return async (app) => {
    apiRoute(app, {
      method: 'GET',
      url: '/api/messages',
      summary: 'Les échanges de la personne avec la Caf, et ceux qu’un membre du foyer a partagés avec elle',
      tags,
      session: true,
      guard: signedIn,
      response: ThreadsAnswer,
      handler: async ({ req }) => ({
        threads: (await threadsForPerson(deps.db, req.actor!, now())).map((t) => ({
          id: t.id,
          subject: t.subject,
          subjectLabel: SUBJECT_LABELS[t.subject],
          demarcheReference: t.demarcheReference,
          lastMessageAt: iso(t.lastMessageAt),
          own: t.own,
          unread: t.unread,
        })),
      }),
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/messages',
      summary: 'Écrire à la Caf : un nouvel échange',
      tags,
      session: true,
      guard: signedIn,
      body: NewThreadBody,
      response: ThreadCreated,
      status: 201,
      errors: [429],
      handler: async ({ body, req }) => {
        const r = await startThread(deps, {
          actor: req.actor!,
          subject: body.subject,
          demarcheId: body.demarcheId,
          body: body.message,
          share: body.share,
          origin: requestOrigin(req),
          now: now(),
        });
        if (!r.ok) throw fieldsError(r.refusals.map((x) => fieldError(x.field, refusalCode(x))));
        return { id: r.threadId };
      },
    });

    apiRoute(app, {
      method: 'GET',
      url: '/api/messages/:id',
      summary: 'Un échange avec la Caf (ouvrir son propre échange marque les réponses comme lues)',
      tags,
      session: true,
      guard: signedIn,
      response: ThreadAnswer,
      errors: [404],
      handler: async ({ req }) => {
        const t = await threadForPerson(deps.db, req.actor!, (req.params as { id: string }).id, now());
        if (!t) throw new AppError('MESSAGE_THREAD_NOT_FOUND');
        return {
          id: t.id,
          subject: t.subject,
          subjectLabel: SUBJECT_LABELS[t.subject],
          shared: t.shared,
          own: t.own,
          demarcheReference: t.demarcheReference,
          messages: t.messages.map(message),
        };
      },
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/messages/:id',
      summary: 'Répondre dans son propre échange',
      tags,
      session: true,
      guard: signedIn,
      body: ReplyBody,
      response: ThreadCreated,
      status: 201,
      errors: [404],
      handler: async ({ body, req }) => {
        const id = (req.params as { id: string }).id;
        const r = await replyAsPerson(deps, {
          actor: req.actor!,
          threadId: id,
          body: body.message,
          origin: requestOrigin(req),
          now: now(),
        });
        if (!r.ok && 'notFound' in r) throw new AppError('MESSAGE_THREAD_NOT_FOUND');
        if (!r.ok) throw fieldsError(r.refusals.map((x) => fieldError(x.field, refusalCode(x))));
        return { id };
      },
    });
  };
}
