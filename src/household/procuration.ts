import type { Kysely } from 'kysely';
import { findAccountById, type Account } from '../accounts/repository';
import { recordAudit, type AuditOrigin } from '../auth/audit';
import type { SessionRecord } from '../auth/sessions';
import type { Config } from '../config/config';
import type { Database } from '../db/schema';
import { fieldError, type FieldError } from '../errors/app-error';
import { errorEntry, type ErrorCode } from '../errors/registry';
import { waitMessage } from '../security/login-throttle';
import { currentPasswordMissing, reauthenticate, type ReauthenticationDeps } from '../accounts/reauthentication';
import { enqueueMessage } from '../messaging/outbox';
import { procurationGrantedMessage, procurationRevokedMessage } from './messages';
import { spouse, type Civility } from './names';
import { findMemberWithRole, setProcuration, type ActorDossier } from './repository';

/**
 * L'autorisation de gestion (procuration): the responsable gives it to the conjoint after proving
 * again who they are (password, or a FranceConnect login of the last 15 minutes — the security
 * settings' re-authentication), and can take it back at any time without that proof. The conjoint
 * is told through their verified contact (outbox, same transaction). The caller has checked
 * `can(actor, 'manage_procuration')`; rights being read at each request, a revocation holds from the
 * conjoint's next request.
 *
 * Sessions: once it is given or taken back, the responsable's session gets a new id and the old one
 * is worthless (the routes call rotateSession: a session is a capability, and what it stands for has
 * changed). The conjoint's sessions are neither rotated nor ended — nobody holds their cookie here,
 * and nothing in a session carries rights: `can()` reads the procuration at each request
 * (src/http/require-permission.ts), so a procuration given opens the dossier's actions at the
 * conjoint's next request, and one taken back closes them at the next request.
 */
export type ProcurationOutcome =
  | { kind: 'done' }
  /** `partner`: the conjoint's civilité, when there is one, for the words of the message */
  | { kind: 'refused'; code: ErrorCode; partner?: Civility }
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'password_missing' }
  | { kind: 'wrong_password' }
  | { kind: 'franceconnect_again' };

/** What these use cases need, handed down by the composition root. */
export interface ProcurationDeps extends ReauthenticationDeps {
  config: Pick<Config, 'agencyPhone'>;
}

interface Who {
  account: Account;
  session: SessionRecord;
  dossier: ActorDossier;
  origin: AuditOrigin;
}

/**
 * The audit of a procuration given or taken back, for one side: `by` the responsable (with the
 * conjoint's member id), `to` the conjoint.
 */
function auditProcuration(
  trx: Kysely<Database>,
  type: 'procuration_granted' | 'procuration_revoked',
  i: Pick<Who, 'dossier' | 'origin'>,
  accountId: string,
  side: { member: string; side: 'by' } | { side: 'to' },
  now: number,
): Promise<void> {
  return recordAudit(trx, { type, accountId, ...i.origin, details: { dossier: i.dossier.dossierNumber, ...side } }, now);
}

/** The conjoint of the dossier with their account (undefined: none, or no account yet). */
async function conjointOf(ctx: ProcurationDeps, dossier: ActorDossier) {
  const member = await findMemberWithRole(ctx.database.db, dossier.householdId, 'conjoint');
  const account = member?.account_id ? await findAccountById(ctx.database.db, member.account_id) : undefined;
  return { member, account };
}

export async function grantProcuration(ctx: ProcurationDeps, i: Who & { currentPassword: string }): Promise<ProcurationOutcome> {
  const { member, account } = await conjointOf(ctx, i.dossier);
  if (!member) return { kind: 'refused', code: 'HOUSEHOLD_NO_CONJOINT' };
  const partner = member.civility;
  if (!account) return { kind: 'refused', code: 'HOUSEHOLD_CONJOINT_WITHOUT_ACCOUNT', partner };
  if (member.has_procuration === 1) return { kind: 'refused', code: 'HOUSEHOLD_PROCURATION_ALREADY', partner };
  if (currentPasswordMissing(i.account, i.session, i.currentPassword, ctx.clock.now())) return { kind: 'password_missing' };
  const auth = await reauthenticate(ctx, i.account, i.session, i.currentPassword, i.origin);
  if (!auth.ok) return auth.kind === 'throttled' ? { kind: 'throttled', retryAfterMs: auth.retryAfterMs } : { kind: auth.kind };
  const now = ctx.clock.now();
  const done = await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await setProcuration(trx, member.id, true, now))) return false;
    await enqueueMessage(trx, procurationGrantedMessage(account, i.dossier.dossierNumber, now, ctx.config.agencyPhone), now);
    await auditProcuration(trx, 'procuration_granted', i, i.account.id, { member: member.id, side: 'by' }, now);
    await auditProcuration(trx, 'procuration_granted', i, account.id, { side: 'to' }, now);
    return true;
  });
  return done ? { kind: 'done' } : { kind: 'refused', code: 'HOUSEHOLD_PROCURATION_ALREADY', partner };
}

export async function revokeProcuration(ctx: ProcurationDeps, i: Omit<Who, 'session'>): Promise<ProcurationOutcome> {
  const { member, account } = await conjointOf(ctx, i.dossier);
  if (!member) return { kind: 'refused', code: 'HOUSEHOLD_NO_CONJOINT' };
  const now = ctx.clock.now();
  const done = await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await setProcuration(trx, member.id, false, now))) return false;
    if (account) {
      await enqueueMessage(trx, procurationRevokedMessage(account, i.dossier.dossierNumber, now, ctx.config.agencyPhone), now);
      await auditProcuration(trx, 'procuration_revoked', i, account.id, { side: 'to' }, now);
    }
    await auditProcuration(trx, 'procuration_revoked', i, i.account.id, { member: member.id, side: 'by' }, now);
    return true;
  });
  return done ? { kind: 'done' } : { kind: 'refused', code: 'HOUSEHOLD_PROCURATION_NONE', partner: member.civility };
}

/**
 * The refusals that speak of the conjoint, in words agreed with their civilité (« votre conjointe »);
 * the catalogue (errors.ts) keeps the masculine form as the entry's message.
 */
const ABOUT_PARTNER: Partial<Record<ErrorCode, (c: Civility) => string>> = {
  HOUSEHOLD_CONJOINT_WITHOUT_ACCOUNT: (c) =>
    `Votre ${spouse(c)} n’a pas encore créé son espace Mon Compte. Vous pourrez lui donner l’autorisation de gestion une fois son espace créé.`,
  HOUSEHOLD_PROCURATION_ALREADY: (c) => `Votre ${spouse(c)} a déjà l’autorisation de gestion.`,
  HOUSEHOLD_PROCURATION_NONE: (c) => `Votre ${spouse(c)} n’a pas l’autorisation de gestion : il n’y a rien à retirer.`,
};

/** A refused outcome as field errors (at `currentPassword` for the proof) with its HTTP status; shared by the page and the JSON route. */
export function procurationRefusal(o: Exclude<ProcurationOutcome, { kind: 'done' }>): { status: number; errors: FieldError[] } {
  switch (o.kind) {
    case 'throttled':
      return {
        status: 429,
        errors: [fieldError('currentPassword', 'LOGIN_THROTTLED', `Trop de tentatives. ${waitMessage(o.retryAfterMs)}`)],
      };
    case 'password_missing':
      return { status: 400, errors: [fieldError('currentPassword', 'AUTH_CURRENT_PASSWORD_REQUIRED')] };
    case 'wrong_password':
      return { status: 400, errors: [fieldError('currentPassword', 'AUTH_CURRENT_PASSWORD_WRONG')] };
    case 'franceconnect_again':
      return { status: 403, errors: [fieldError('currentPassword', 'HOUSEHOLD_REAUTH_FRANCECONNECT')] };
    case 'refused':
      return {
        status: errorEntry(o.code).status,
        errors: [fieldError('form', o.code, o.partner ? ABOUT_PARTNER[o.code]?.(o.partner) : undefined)],
      };
  }
}
