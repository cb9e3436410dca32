import { recordAudit, type AuditOrigin } from '../auth/audit';
import type { SessionRecord, SessionService } from '../auth/sessions';
import type { CodeCheck, VerificationCodes } from '../auth/verification-codes';
import type { Config } from '../config/config';
import { maskDestination } from './destination';
import { reauthenticate, type ReauthenticationDeps } from './reauthentication';
import { enqueueMessage, type OutgoingMessage } from '../messaging/outbox';
import { frenchDateTime } from '../shared/french-time';
import { eraseOnlineAccount } from './erasure';
import type { Account } from './repository';

/**
 * Closing the online account (« Fermer mon compte »), in two steps:
 * 1. the person proves it is them again — the current password, or, for an account without one, a
 *    FranceConnect login of the last 15 minutes (./reauthentication.ts) — and a code is sent to
 *    the verified contact (purpose `account_closing`, subject the account: no code, no second step);
 * 2. the code: the account is erased (./erasure.ts) — contacts, sessions, credentials go, the
 *    dossier and the démarches sent stay, the NIR may open a new account —, every session ends,
 *    a last message confirms it to the contact, and `account_closed` is audited.
 */
/** What closing needs, handed down by the composition root. */
export interface ClosingDeps extends ReauthenticationDeps {
  codes: Pick<VerificationCodes, 'resendAllowedAt' | 'issue' | 'check'>;
  sessions: Pick<SessionService, 'endAllOf'>;
  config: Pick<Config, 'agencyPhone'>;
}

export type StartClosing =
  | { kind: 'code_sent'; destination: string }
  | { kind: 'wait'; retryAfterMs: number }
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'wrong_password' }
  | { kind: 'franceconnect_again' };

export async function startClosing(
  ctx: ClosingDeps,
  i: { account: Account; session: SessionRecord; password: string; origin: AuditOrigin },
): Promise<StartClosing> {
  const auth = await reauthenticate(ctx, i.account, i.session, i.password, i.origin);
  if (!auth.ok) return auth.kind === 'throttled' ? { kind: 'throttled', retryAfterMs: auth.retryAfterMs } : { kind: auth.kind };
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const allowedAt = await ctx.codes.resendAllowedAt(db, 'account_closing', i.account.id);
  if (allowedAt > now) return { kind: 'wait', retryAfterMs: allowedAt - now };
  await db.transaction().execute(async (trx) => {
    const { code } = await ctx.codes.issue(trx, {
      purpose: 'account_closing',
      subjectId: i.account.id,
      destination: i.account.contact_value,
    });
    await enqueueMessage(trx, closingCodeMessage(i.account, code), now);
    await recordAudit(trx, { type: 'account_closing_code_sent', accountId: i.account.id, ...i.origin }, now);
  });
  return { kind: 'code_sent', destination: maskDestination(i.account.contact_kind, i.account.contact_value) };
}

export type ConfirmClosing =
  | { kind: 'closed'; record: 'deleted' | 'closed' }
  | ({ kind: 'code_error' } & Pick<Exclude<CodeCheck, { ok: true }>, 'reason' | 'attemptsLeft'>);

export async function confirmClosing(
  ctx: ClosingDeps,
  i: { account: Account; code: string; origin: AuditOrigin },
): Promise<ConfirmClosing> {
  const db = ctx.database.db;
  const check = await ctx.codes.check(db, { purpose: 'account_closing', subjectId: i.account.id, code: i.code });
  if (!check.ok) return { kind: 'code_error', reason: check.reason, attemptsLeft: check.attemptsLeft };
  const now = ctx.clock.now();
  // Sessions in Redis end now; those in the database go with the erasure's transaction.
  await ctx.sessions.endAllOf(i.account.id);
  const record = await db.transaction().execute(async (trx) => {
    await enqueueMessage(trx, closedMessage(i.account, now, ctx.config.agencyPhone), now);
    const r = await eraseOnlineAccount(trx, i.account.id, now);
    await recordAudit(trx, { type: 'account_closed', accountId: i.account.id, ...i.origin, details: { record: r } }, now);
    return r;
  });
  return { kind: 'closed', record };
}

function closingCodeMessage(a: Pick<Account, 'contact_kind' | 'contact_value'>, code: string): OutgoingMessage {
  return {
    channel: a.contact_kind,
    to: a.contact_value,
    subject: 'Votre code pour fermer votre compte Mon Compte',
    text: `Votre code pour confirmer la fermeture de votre compte Mon Compte : ${code}. Il est valable 10 minutes. Ne communiquez jamais ce code : la Caf ne vous le demandera jamais. Si vous n’avez rien demandé, changez votre mot de passe.`,
  };
}

function closedMessage(a: Pick<Account, 'contact_kind' | 'contact_value'>, at: number, agencyPhone: string): OutgoingMessage {
  return {
    channel: a.contact_kind,
    to: a.contact_value,
    subject: 'Votre compte Mon Compte est fermé',
    text: `Votre compte Mon Compte a été fermé le ${frenchDateTime(at)}. Votre dossier à la Caf et vos demandes envoyées ne changent pas. Vous pouvez créer un nouveau compte à tout moment. Si vous n’êtes pas à l’origine de cette fermeture, appelez votre Caf au ${agencyPhone}.`,
  };
}
