import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findAccountById, type Account } from '../../accounts/repository';
import { maskIban } from '../../identity/iban';
import {
  MAX_LOOK_REASON,
  accountState,
  auditLook,
  beginLook,
  currentLook,
  endSessionsForPerson,
  liftThrottle,
  searchAccount,
} from './assistance';
import { requireAgentRole } from '../../http/agent-session';
import { agentFlash, redirectWithNotice, takeNotice } from '../../http/flash';
import { recordAudit } from '../../auth/audit';
import { requestOrigin } from '../../http/session';
import { AppError, fieldError, type FieldError } from '../../errors/app-error';
import { confirmBankAccount, pendingBankAccount } from '../../household/bank';
import { IDENTITY_DOCUMENTS, startCounterRecovery, type IdentityDocumentKind } from '../recovery/counter';
import { findActor } from '../../household/repository';
import { formFields } from '../../http/api/input';
import { sendHtml } from '../../http/errors';
import { keptValue, takeFormState } from '../../http/form-state';
import { formRefusal, refuseForm, takeRefused, type Refusal } from '../refusal';
import { contactRefusal } from '../contact-verification/codes';
import { ACCOUNTS_PATH, type DONE, accountPath, accountStatePage, counterPage, liftPage, lookPage, searchPage } from './accounts-views';
import type { DepsOf, JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type GestionAccountsDeps = Pick<JourneyDeps, 'agentSessions' | 'clock' | 'config' | 'database'> &
  DepsOf<typeof searchAccount> &
  DepsOf<typeof currentLook> &
  DepsOf<typeof beginLook> &
  DepsOf<typeof auditLook> &
  DepsOf<typeof accountState> &
  DepsOf<typeof endSessionsForPerson> &
  DepsOf<typeof liftThrottle> &
  DepsOf<typeof startCounterRecovery>;

/**
 * The assistance console, for agents with the `assistance` right (./assistance.ts):
 * GET/POST /gestion/comptes (search, with the reason), POST …/:id/consulter (a look, with its
 * reason), GET …/:id (the account's state), and its actions: end the sessions, lift the login
 * throttle and start a counter recovery (both after an identity check), confirm a bank account.
 * Every action needs a look of less than 15 minutes, and is audited with its reason. A form refused
 * for its errors goes back to its page (303, src/http/form-state.ts) with what was typed.
 */
function readReason(value: string | undefined): { reason: string; error?: FieldError } {
  const reason = (value ?? '').trim();
  if (!reason) return { reason, error: fieldError('motif', 'AGENT_LOOK_REASON_REQUIRED') };
  if (reason.length > MAX_LOOK_REASON) return { reason, error: fieldError('motif', 'AGENT_LOOK_REASON_TOO_LONG') };
  return { reason };
}

/** The identity check of an action: the document shown and the box ticked. */
function readIdentityCheck(f: Record<string, string>): { document?: IdentityDocumentKind; errors: FieldError[] } {
  const document = Object.hasOwn(IDENTITY_DOCUMENTS, f.piece ?? '') ? (f.piece as IdentityDocumentKind) : undefined;
  const errors: FieldError[] = [];
  if (!document) errors.push(fieldError('piece', 'AGENT_DOCUMENT_REQUIRED'));
  if (f.verifiee !== 'oui') errors.push(fieldError('verifiee', 'AGENT_IDENTITY_CHECK_REQUIRED'));
  return { ...(document ? { document } : {}), errors };
}

export function agentAccountRoutes(app: FastifyInstance, ctx: GestionAccountsDeps): void {
  const assisting = requireAgentRole(ctx, 'assistance');
  const opts = { preHandler: assisting };

  const accountOf = async (req: FastifyRequest): Promise<Account> => {
    const a = await findAccountById(ctx.database.db, (req.params as { id: string }).id);
    if (!a) throw new AppError('AGENT_ACCOUNT_NOT_FOUND');
    return a;
  };
  /** The account of the address and the reason of the agent's current look at it (403 without one). */
  const looked = async (req: FastifyRequest): Promise<{ account: Account; reason: string }> => {
    const account = await accountOf(req);
    const reason = currentLook(ctx, req, account.id);
    if (!reason) throw new AppError('AGENT_LOOK_REQUIRED');
    return { account, reason };
  };
  const done = (req: FastifyRequest, reply: FastifyReply, a: Account, what: keyof typeof DONE) =>
    redirectWithNotice(agentFlash(ctx, req), reply, accountPath(a.id), what);

  app.get(ACCOUNTS_PATH, opts, async (req, reply) => {
    const shown = await takeFormState(ctx, req, reply);
    const v = shown ? { identifier: keptValue(shown, 'identifiant'), reason: keptValue(shown, 'motif'), errors: shown.errors } : {};
    return sendHtml(reply, searchPage(req, v));
  });

  app.post(ACCOUNTS_PATH, opts, async (req, reply) => {
    const f = formFields(req.body);
    const identifier = (f.identifiant ?? '').slice(0, 40);
    const r = readReason(f.motif);
    const errors = [...(identifier.trim() ? [] : [fieldError('identifiant', 'AGENT_IDENTIFIER_REQUIRED')]), ...(r.error ? [r.error] : [])];
    if (errors.length)
      return refuseForm(ctx, req, reply, formRefusal(errors), {
        to: ACCOUNTS_PATH,
        values: { identifiant: identifier, motif: r.reason },
        render: (shown) => searchPage(req, { identifier, reason: r.reason, errors: shown }),
      });
    const result = await searchAccount(ctx, { agent: req.agent!, identifier, reason: r.reason, origin: requestOrigin(req) });
    return sendHtml(reply, searchPage(req, { identifier, reason: r.reason, result: result ?? null }));
  });

  app.post(`${ACCOUNTS_PATH}/:id/consulter`, opts, async (req, reply) => {
    const account = await accountOf(req);
    const r = readReason(formFields(req.body).motif);
    if (r.error)
      return refuseForm(ctx, req, reply, formRefusal([r.error]), {
        to: accountPath(account.id),
        values: { motif: r.reason },
        render: (errors) => lookPage(req, account, { reason: r.reason, errors }),
      });
    await beginLook(ctx, req, account.id, r.reason);
    return reply.redirect(accountPath(account.id), 303);
  });

  app.get(`${ACCOUNTS_PATH}/:id`, opts, async (req, reply) => {
    const account = await accountOf(req);
    const reason = currentLook(ctx, req, account.id);
    if (!reason) {
      const shown = await takeFormState(ctx, req, reply);
      return sendHtml(reply, lookPage(req, account, shown ? { reason: keptValue(shown, 'motif') ?? '', errors: shown.errors } : {}));
    }
    const state = (await accountState(ctx, account.id))!;
    // Every showing of the full page is a look, audited with its reason.
    await auditLook(ctx, req.agent!, account, reason, requestOrigin(req));
    const fait = await takeNotice(agentFlash(ctx, req), req);
    return sendHtml(reply, accountStatePage(req, state, { reason, now: ctx.clock.now(), ...(fait ? { done: fait } : {}) }));
  });

  app.post(`${ACCOUNTS_PATH}/:id/sessions/fin`, opts, async (req, reply) => {
    const { account, reason } = await looked(req);
    await endSessionsForPerson(ctx, { agent: req.agent!, account, reason, origin: requestOrigin(req) });
    return done(req, reply, account, 'sessions');
  });

  app.get(`${ACCOUNTS_PATH}/:id/limitation`, opts, async (req, reply) => {
    const { account } = await looked(req);
    const shown = await takeFormState(ctx, req, reply);
    const piece = keptValue(shown, 'piece');
    return sendHtml(reply, liftPage(req, account, shown ? { ...(piece ? { document: piece } : {}), errors: shown.errors } : {}));
  });
  app.post(`${ACCOUNTS_PATH}/:id/limitation`, opts, async (req, reply) => {
    const { account, reason } = await looked(req);
    const f = formFields(req.body);
    const check = readIdentityCheck(f);
    if (check.errors.length)
      return refuseForm(ctx, req, reply, formRefusal(check.errors), {
        to: `${accountPath(account.id)}/limitation`,
        values: { piece: f.piece },
        render: (errors) => liftPage(req, account, { ...(f.piece ? { document: f.piece } : {}), errors }),
      });
    await liftThrottle(ctx, { agent: req.agent!, account, document: check.document!, reason, origin: requestOrigin(req) });
    return done(req, reply, account, 'limitation');
  });

  app.get(`${ACCOUNTS_PATH}/:id/recuperation`, opts, async (req, reply) => {
    const { account } = await looked(req);
    const { shown, status } = await takeRefused(ctx, req, reply);
    if (!shown) return sendHtml(reply, counterPage(req, account));
    const kept = (name: string) => keptValue(shown, name);
    const v = { document: kept('piece'), kind: kept('kind'), email: kept('email'), phone: kept('phone') };
    return sendHtml(reply, counterPage(req, account, { ...v, errors: shown.errors }), status);
  });
  app.post(`${ACCOUNTS_PATH}/:id/recuperation`, opts, async (req, reply) => {
    const { account, reason } = await looked(req);
    const f = formFields(req.body);
    const values = { document: f.piece, kind: f.kind, email: f.email, phone: f.phone };
    const check = readIdentityCheck(f);
    // A contact to correct goes back to the form (303) with what was typed; a limit of codes too (429, Retry-After).
    const refused = (r: Refusal) =>
      refuseForm(ctx, req, reply, r, {
        to: `${accountPath(account.id)}/recuperation`,
        values: { piece: f.piece, kind: f.kind, email: f.email, phone: f.phone },
        render: (shown) => counterPage(req, account, { ...values, errors: shown }),
      });
    if (check.errors.length) return refused(formRefusal(check.errors));
    const r = await startCounterRecovery(ctx, {
      agent: req.agent!,
      account,
      document: check.document!,
      contact: { contactKind: f.kind, email: f.email, phone: f.phone },
      reason,
      origin: requestOrigin(req),
    });
    if (r.kind === 'invalid') {
      const error = { ...r.error, field: r.error.field === 'contactKind' ? 'kind' : r.error.field };
      return refused(contactRefusal({ error, retryAfterMs: r.retryAfterMs }));
    }
    return done(req, reply, account, 'recuperation');
  });

  app.post(`${ACCOUNTS_PATH}/:id/iban/confirmation`, opts, async (req, reply) => {
    const { account, reason } = await looked(req);
    const rowId = formFields(req.body).iban ?? '';
    const dossier = (await findActor(ctx.database.db, account.id)).dossier;
    const now = ctx.clock.now();
    const pending = dossier ? await pendingBankAccount(ctx.database.db, dossier.householdId, now) : undefined;
    if (!pending || pending.id !== rowId || !(await confirmBankAccount(ctx.database.db, rowId, req.agent!.id, now)))
      throw new AppError('AGENT_BANK_ACCOUNT_NOT_PENDING');
    await recordAudit(
      ctx.database.db,
      {
        type: 'agent_bank_account_confirmed',
        accountId: req.agent!.id,
        ...requestOrigin(req),
        details: {
          account: account.id,
          dossier: dossier!.dossierNumber,
          iban: maskIban(pending.iban),
          reason,
        },
      },
      now,
    );
    return done(req, reply, account, 'iban');
  });
}
