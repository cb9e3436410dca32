import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { displayName, findAccountById, recordSignIn, type Account } from '../accounts/repository';
import type { Config } from '../config/config';
import type { DatabaseHandle } from '../db/database';
import type { Clock } from '../shared/clock';
import { AppError } from '../errors/app-error';
import { wantsJson } from './negotiation';
import { recordAudit, type AuditOrigin } from '../auth/audit';
import type { SessionData, SessionRecord, SessionResolution, SessionService } from '../auth/sessions';

/**
 * Sessions on the HTTP side: the `mc_session` cookie, `req.account` / `req.session` on every
 * request, the `requireAccount` guard, and the functions that open, rotate and end a session.
 *
 * For other areas (FranceConnect…):
 *   await createSessionFor(ctx, account, req, reply, { method: 'franceconnect', data: { franceConnectIdToken } });
 *   app.get('/ma-page', { preHandler: requireAccount }, async (req) => … req.account! …);
 */
export const SESSION_COOKIE = 'mc_session';

/** What every kind of session (people's here, agents' in ./agent-session.ts) takes from the composition root. */
export interface SessionBaseDeps {
  config: Pick<Config, 'isProduction'>;
  database: Pick<DatabaseHandle, 'db'>;
  clock: Clock;
}

/** What the sessions take from the composition root (src/context.ts builds them). */
export interface SessionDeps extends SessionBaseDeps {
  sessions: SessionService;
}

/** A session cookie: never readable by scripts, sent over https only in production. */
export function sessionCookieOptions(config: SessionBaseDeps['config'], o: { path: string; sameSite: 'lax' | 'strict' }) {
  return { path: o.path, httpOnly: true, sameSite: o.sameSite, secure: config.isProduction };
}

/**
 * Something to do after every sign-in (password + code, FranceConnect, account just created with
 * FranceConnect), once the new session is open: e.g. recording the démarche the person came for.
 * The server passes them to `registerSessions`; this module knows nothing of what they do.
 */
export type SignInHook = (account: Account, req: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    /** run by createSessionFor, in order (see SignInHook) */
    signInHooks: readonly SignInHook[];
  }
  interface FastifyRequest {
    /** the signed-in account, or undefined */
    account: Account | undefined;
    /** the active session of the signed-in account, or undefined */
    session: SessionRecord | undefined;
    /** true when the browser came with a session that has just expired (idle or absolute) */
    sessionExpired: boolean;
  }
}

export function requestOrigin(req: FastifyRequest): AuditOrigin {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
}

/** For `layout({ user })`: the header's « Mon Compte » then leads to /mon-espace. */
export function pageUser(req: FastifyRequest): { displayName: string } | undefined {
  return req.account ? { displayName: displayName(req.account) } : undefined;
}

/**
 * A session cookie and whom it belongs to: `active` only when its holder (account or agent) still
 * exists; an active session whose holder is gone is ended and answers `none`.
 */
export async function resolveHolder<H>(
  sessions: Pick<SessionService, 'resolve' | 'end'>,
  token: string,
  findHolder: (accountId: string) => Promise<H | undefined>,
): Promise<Exclude<SessionResolution, { status: 'active' }> | { status: 'active'; session: SessionRecord; holder: H }> {
  const r = await sessions.resolve(token);
  if (r.status !== 'active') return r;
  const holder = await findHolder(r.session.accountId);
  if (holder) return { ...r, holder };
  await sessions.end(r.session.id);
  return { status: 'none' };
}

export function registerSessions(app: FastifyInstance, ctx: SessionDeps, o: { signInHooks?: readonly SignInHook[] } = {}): void {
  app.decorate('signInHooks', o.signInHooks ?? []);
  app.decorateRequest('account', undefined);
  app.decorateRequest('session', undefined);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRequest', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || req.url.startsWith('/assets/')) return;
    const r = await resolveHolder(ctx.sessions, token, (id) => findAccountById(ctx.database.db, id));
    if (r.status === 'active') {
      req.account = r.holder;
      req.session = r.session;
      return;
    }
    if (r.status === 'expired') {
      req.sessionExpired = true;
      await recordAudit(
        ctx.database.db,
        { type: 'session_ended', accountId: r.session.accountId, ...requestOrigin(req), details: { reason: r.reason } },
        ctx.clock.now(),
      );
    }
    clearSessionCookie(reply, ctx);
  });
}

/** preHandler of every personal page: without a session, pages go to /connexion and JSON gets a 401. */
export async function requireAccount(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.account && req.session) return;
  if (wantsJson(req)) throw new AppError('AUTH_REQUIRED');
  await reply.redirect(req.sessionExpired ? '/connexion?session=expiree' : '/connexion', 303);
}

function cookieOptions(ctx: SessionDeps) {
  return sessionCookieOptions(ctx.config, { path: '/', sameSite: 'lax' });
}

function clearSessionCookie(reply: FastifyReply, ctx: SessionDeps): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(ctx));
}

/**
 * Signs an account in: ends whatever session the browser had, opens a NEW one (new random token),
 * sets the cookie, records `login_succeeded`, then runs the server's sign-in hooks. Used by the
 * password login and by FranceConnect: every login goes through here.
 */
export async function createSessionFor(
  ctx: SessionDeps,
  account: Account,
  req: FastifyRequest,
  reply: FastifyReply,
  o: { method?: 'password' | 'franceconnect'; data?: SessionData } = {},
): Promise<SessionRecord> {
  const origin = requestOrigin(req);
  if (req.session) await ctx.sessions.end(req.session.id);
  else {
    // A cookie set before login (by anybody) is never adopted: whatever it names is ended.
    const before = await ctx.sessions.resolve(req.cookies[SESSION_COOKIE]);
    if (before.status === 'active') await ctx.sessions.end(before.session.id);
  }
  const method = o.method ?? 'password';
  const { token, session } = await ctx.sessions.create({ accountId: account.id, ...origin, data: { authMethod: method, ...o.data } });
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(ctx));
  req.account = account;
  req.session = session;
  await recordAudit(ctx.database.db, { type: 'login_succeeded', accountId: account.id, ...origin, details: { method } }, ctx.clock.now());
  await recordSignIn(ctx.database.db, account.id, ctx.clock.now());
  for (const hook of req.server.signInHooks ?? []) await hook(account, req, reply);
  return session;
}

/** A new session id for the same person (after a privilege change such as a new password). */
export async function rotateSession(ctx: SessionDeps, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!req.session) return;
  const { token, session } = await ctx.sessions.rotate(req.session, requestOrigin(req));
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(ctx));
  req.session = session;
}

/** Logout: the session is ended in the store (the cookie becomes worthless) and the cookie cleared. */
export async function endCurrentSession(ctx: SessionDeps, req: FastifyRequest, reply: FastifyReply): Promise<SessionData | undefined> {
  clearSessionCookie(reply, ctx);
  const s = req.session;
  if (!s) return undefined;
  await ctx.sessions.end(s.id);
  await recordAudit(ctx.database.db, { type: 'logout', accountId: s.accountId, ...requestOrigin(req) }, ctx.clock.now());
  req.account = undefined;
  req.session = undefined;
  return s.data;
}

/** Replaces the data of the current session (e.g. to keep the FranceConnect id_token). */
export async function setSessionData(ctx: SessionDeps, req: FastifyRequest, data: SessionData): Promise<void> {
  if (!req.session) throw new AppError('AUTH_REQUIRED');
  await ctx.sessions.setData(req.session.id, data);
  req.session.data = data;
}
