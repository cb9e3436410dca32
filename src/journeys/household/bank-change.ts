import type { Account } from '../../accounts/repository';
import { recordAudit, type AuditOrigin } from '../../auth/audit';
import type { SessionRecord } from '../../auth/sessions';
import { fieldError, type FieldError } from '../../errors/app-error';
import { bankChangeFrozenUntil, declareBankAccountChange, refuseFrozenBankChange } from '../../household/changes';
import { bankChangeCodeMessage } from '../../household/messages';
import type { ActorDossier } from '../../household/repository';
import { enqueueMessage } from '../../messaging/outbox';
import { waitMessage } from '../../security/login-throttle';
import { frenchDateTime } from '../../shared/french-time';
import { codeRefused, readCode } from '../contact-verification/codes';
import { describeDestination } from '../../accounts/destination';
import { reauthenticate, reauthenticationMode } from '../../accounts/reauthentication';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type HouseholdBankChangeDeps = Pick<
  JourneyDeps,
  'clock' | 'codes' | 'config' | 'contactCodes' | 'database' | 'loginThrottle' | 'passwordCheck' | 'passwords' | 'sessions'
>;

/**
 * « Déclarer un nouveau compte bancaire »: the ONLY way to change where the Caf pays (a taken-over
 * account is worth money once payments exist; the classic fraud is to change the IBAN). Two steps:
 * 1. the IBAN and holder are read, and a code is sent to the person's verified contact (purpose
 *    `bank_account_change`, subject the account; the 60 s cooldown and the limits per address and per IP);
 * 2. the protected step: the IBAN and holder again (kept by the form), the password — or, for an
 *    account without one, a FranceConnect login of the last 15 minutes — AND the code. The password
 *    goes through the one password check (reserved, verified, given back: the login's counters);
 *    the code is checked only once the password is right (its tries counted, single use).
 * Both steps are refused while a recovery of access is recent (until when, audited). On success
 * src/household/changes.ts records the account, paid to only after the delay or an agent's check.
 */
export const BANK_CODE_PURPOSE = 'bank_account_change' as const;

interface Who {
  account: Account;
  dossier: ActorDossier;
  origin: AuditOrigin;
}

const who = (i: Who) => ({ accountId: i.account.id, dossier: i.dossier, origin: i.origin });

/** The freeze as a sentence at the form: until when, and whom to call meanwhile. */
export function frozenError(until: number, phone: string): FieldError {
  return fieldError(
    'form',
    'BANK_CHANGE_FROZEN',
    `L’accès à un compte de ce dossier a été récupéré récemment : par sécurité, le compte bancaire ne peut pas être modifié en ligne jusqu’au ${frenchDateTime(until)}. Si vous devez le changer avant, appelez votre Caf au ${phone}.`,
  );
}

/** Until when this person may not change the dossier's bank account (undefined: they may). */
export function bankChangeFrozenFor(ctx: HouseholdBankChangeDeps, i: Pick<Who, 'account' | 'dossier'>): Promise<number | undefined> {
  return bankChangeFrozenUntil(ctx, { accountId: i.account.id, dossier: i.dossier });
}

export type SendBankCode =
  | { kind: 'frozen'; until: number }
  | { kind: 'rate_limited'; error: FieldError; retryAfterMs: number }
  | { kind: 'code_sent' | 'code_recently_sent'; destination: string };

/** Step 1: a code to the verified contact (none again within the cooldown: the one sent is still good). */
export async function sendBankChangeCode(ctx: HouseholdBankChangeDeps, i: Who): Promise<SendBankCode> {
  const until = await bankChangeFrozenFor(ctx, i);
  if (until !== undefined) return refuseFrozenBankChange(ctx, who(i), until);
  const a = i.account;
  const destination = describeDestination(a.contact_kind, a.contact_value);
  const db = ctx.database.db;
  if ((await ctx.codes.resendAllowedAt(db, BANK_CODE_PURPOSE, a.id)) > 0) return { kind: 'code_recently_sent', destination };
  const contact = { kind: a.contact_kind, value: a.contact_value, display: destination, verifiedAt: a.contact_verified_at };
  const refused = await ctx.contactCodes.allowSend(contact, i.origin.ip ?? 'unknown', 'code');
  if (refused) return { kind: 'rate_limited', error: refused.error, retryAfterMs: refused.retryAfterMs };
  const now = ctx.clock.now();
  await db.transaction().execute(async (trx) => {
    const { code } = await ctx.codes.issue(trx, { purpose: BANK_CODE_PURPOSE, subjectId: a.id, destination: a.contact_value });
    await enqueueMessage(trx, bankChangeCodeMessage(a, code, ctx.config.agencyPhone), now);
    await recordAudit(
      trx,
      { type: 'code_sent', accountId: a.id, ...i.origin, details: { purpose: BANK_CODE_PURPOSE, channel: a.contact_kind } },
      now,
    );
  });
  return { kind: 'code_sent', destination };
}

export type ConfirmBankChange =
  | { kind: 'frozen'; until: number }
  /** the proof refused, at its field(s) (`currentPassword`, `code`), with the HTTP status (and the wait of a 429) */
  | { kind: 'refused'; status: number; errors: FieldError[]; retryAfterMs?: number }
  | { kind: 'franceconnect_again' }
  | { kind: 'changed'; payableFrom: number };

/** Step 2: the password (or a recent FranceConnect login) and the code, then the change. */
export async function confirmBankChange(
  ctx: HouseholdBankChangeDeps,
  i: Who & { session: SessionRecord; currentPassword: string; code: string; bank: { iban: string; holder: string } },
): Promise<ConfirmBankChange> {
  const until = await bankChangeFrozenFor(ctx, i);
  if (until !== undefined) return refuseFrozenBankChange(ctx, who(i), until);
  const mode = reauthenticationMode(i.account, i.session, ctx.clock.now());
  if (mode === 'franceconnect_again') return { kind: 'franceconnect_again' };
  // Missing or malformed answers are said together, and cost no try.
  const missing: FieldError[] = [];
  if (mode === 'password' && !i.currentPassword) missing.push(fieldError('currentPassword', 'LOGIN_PASSWORD_REQUIRED'));
  const typed = readCode(i.code);
  if (!typed.ok) missing.push(typed.error);
  if (missing.length || !typed.ok) return { kind: 'refused', status: 400, errors: missing };
  const auth = await reauthenticate(ctx, i.account, i.session, i.currentPassword, i.origin);
  if (!auth.ok) {
    if (auth.kind === 'franceconnect_again') return { kind: 'franceconnect_again' };
    return auth.kind === 'throttled'
      ? {
          kind: 'refused',
          status: 429,
          errors: [fieldError('currentPassword', 'LOGIN_THROTTLED', `Trop de tentatives. ${waitMessage(auth.retryAfterMs)}`)],
          retryAfterMs: auth.retryAfterMs,
        }
      : { kind: 'refused', status: 400, errors: [fieldError('currentPassword', 'AUTH_CURRENT_PASSWORD_WRONG')] };
  }
  const db = ctx.database.db;
  const checked = await ctx.codes.check(db, { purpose: BANK_CODE_PURPOSE, subjectId: i.account.id, code: typed.code });
  if (!checked.ok || checked.destination !== i.account.contact_value) {
    const reason = checked.ok ? 'none' : checked.reason;
    await recordAudit(
      db,
      { type: 'code_failed', accountId: i.account.id, ...i.origin, details: { purpose: BANK_CODE_PURPOSE, reason } },
      ctx.clock.now(),
    );
    return { kind: 'refused', status: 400, errors: [codeRefused({ reason, attemptsLeft: checked.ok ? 0 : checked.attemptsLeft })] };
  }
  return declareBankAccountChange(ctx, { ...who(i), proof: mode === 'password' ? 'password' : 'franceconnect' }, i.bank);
}
