import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionRecord, SessionService } from '../auth/sessions';
import type { Clock } from '../shared/clock';

/**
 * One-time confirmations (« Votre conjoint a reçu l'autorisation de gestion… »), for people's and
 * agents' pages alike: after an action, the route redirects to the page that shows the result and
 * leaves a notice for that page in the session — never in the URL. The page takes it on its next
 * view and it is gone: Back, a reload or a bookmark show the page as it is, never a success that the
 * state may since contradict. A notice is a key the page maps to its own French (its `DONE`
 * wording); one not taken within two minutes is dropped.
 *
 *   await redirectWithNotice(personFlash(ctx, req), reply, PATHS.procuration, 'donnee');
 *   const banner = DONE[(await takeNotice(personFlash(ctx, req), req)) ?? ''];
 */
export const NOTICE_TTL_MS = 2 * 60_000;

/** Where a notice is kept: a session and the store that writes its data. */
export interface FlashHolder {
  sessions: Pick<SessionService, 'setData'>;
  session: SessionRecord | undefined;
  clock: Clock;
}

interface Notice {
  /** the path of the page it is for, without its query */
  page: string;
  key: string;
  at: number;
}

const KEY = 'notice';

/** A person's session (`mc_session`). */
export const personFlash = (ctx: { sessions: Pick<SessionService, 'setData'>; clock: Clock }, req: FastifyRequest): FlashHolder => ({
  sessions: ctx.sessions,
  session: req.session,
  clock: ctx.clock,
});

/** An agent's session (`mc_agent`, under /gestion). */
export const agentFlash = (ctx: { agentSessions: Pick<SessionService, 'setData'>; clock: Clock }, req: FastifyRequest): FlashHolder => ({
  sessions: ctx.agentSessions,
  session: req.agentSession,
  clock: ctx.clock,
});

const pathOf = (url: string): string => url.split('?')[0] ?? url;

async function write(h: FlashHolder, notice: Notice | undefined): Promise<void> {
  if (!h.session) return;
  const { [KEY]: _old, ...rest } = h.session.data;
  const data = notice ? { ...rest, [KEY]: notice } : rest;
  await h.sessions.setData(h.session.id, data);
  h.session.data = data;
}

/** Leaves `key` for the page at `page` (a path) to show once. */
export function setNotice(h: FlashHolder, page: string, key: string): Promise<void> {
  return write(h, { page: pathOf(page), key, at: h.clock.now() });
}

/** Leaves `key` for the page at `to`, then redirects there (303). */
export async function redirectWithNotice(h: FlashHolder, reply: FastifyReply, to: string, key: string): Promise<FastifyReply> {
  await setNotice(h, to, key);
  return reply.redirect(to, 303);
}

/** The notice left for this request's page, if any — taken: the next view of the page has none. */
export async function takeNotice(h: FlashHolder, req: FastifyRequest): Promise<string | undefined> {
  const n = h.session?.data[KEY] as Notice | undefined;
  if (!n || typeof n !== 'object') return undefined;
  const stale = h.clock.now() - n.at > NOTICE_TTL_MS;
  const here = n.page === pathOf(req.url);
  if (!here && !stale) return undefined;
  await write(h, undefined);
  return here && !stale ? n.key : undefined;
}
