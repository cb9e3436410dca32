import type { Kysely } from 'kysely';
import type { CodeCheck, VerificationCodes } from '../../auth/verification-codes';
import type { Database } from '../../db/schema';
import { fieldError, type FieldError } from '../../errors/app-error';
import { enqueueMessage } from '../../messaging/outbox';
import type { RateLimiter } from '../../security/rate-limit';
import { readContact, sameContact, type Contact, type ContactInput, type Outcome, type Refusal } from '../../accounts/contact';
import { resendTooEarlyMessage, tooManyCodesMessage, wrongCodeMessage } from './errors';
import { frenchDuration } from '../../security/login-throttle';
import { fieldsRefusal, type Refusal as FormRefusal } from '../refusal';
import { codeMessage } from './messages';

/**
 * The codes that verify a contact before an account is created, for a flow (its id is the code's
 * subject): the rules of VerificationCodes (6 digits, 10 minutes, 5 tries, 60 s before a resend)
 * plus the limits of codes sent per address and per IP, and the person's messages for each case.
 * Where the flow is stored, and what a verified code leads to, stay with each flow.
 */
export const CODE_PURPOSE = 'registration_contact' as const;
/** Codes sent per address and per IP in an hour. */
export const CODE_LIMIT_PER_ADDRESS = 5;
export const CODE_LIMIT_PER_IP = 20;
const HOUR = 60 * 60_000;

export interface ContactCodesDeps {
  db: Kysely<Database>;
  codes: VerificationCodes;
  rateLimiter: RateLimiter;
  now: () => number;
}

/** A refusal of a contact or a code as a form shows it (`refuseForm`): the error at its field, with the wait of a limit (Retry-After). */
export function contactRefusal(r: { error: FieldError; retryAfterMs?: number | undefined }): FormRefusal {
  return fieldsRefusal([r.error], r.retryAfterMs);
}

/** The code is not (or no longer) the one of these details. */
export const codeNoLongerValid = (): Refusal => ({ status: 400, error: fieldError('code', 'CODE_EXPIRED') });

/*
 * The code as a person types it, and the answers to it, for every place a 6-digit code is typed:
 * these contact codes, and the login's, the password reset's and the contact change's (src/journeys/login).
 */

/** The code typed, spaces removed: missing, or not 6 digits, is refused before any try is counted. */
export function readCode(typed: unknown): Outcome<{ code: string }> {
  const code = (typeof typed === 'string' ? typed : typeof typed === 'number' ? String(typed) : '').replace(/\s/g, '');
  if (!code) return { ok: false, status: 400, error: fieldError('code', 'CODE_REQUIRED') };
  if (!/^\d{6}$/.test(code)) return { ok: false, status: 400, error: fieldError('code', 'CODE_FORMAT') };
  return { ok: true, code };
}

/** A code refused by VerificationCodes.check: wrong (with the tries left), too many tries, or no longer valid. */
export function codeRefused(r: Pick<Exclude<CodeCheck, { ok: true }>, 'reason' | 'attemptsLeft'>): FieldError {
  if (r.reason === 'wrong') return fieldError('code', 'CODE_WRONG', wrongCodeMessage(r.attemptsLeft));
  return fieldError('code', r.reason === 'too_many_attempts' ? 'CODE_TOO_MANY_ATTEMPTS' : 'CODE_EXPIRED');
}

/** « Renvoyer un code » before the end of the cooldown: the seconds left (a 429). */
export function resendTooEarly(seconds: number): FieldError & { code: 'CODE_RESEND_TOO_EARLY' } {
  return { field: 'code', code: 'CODE_RESEND_TOO_EARLY', message: resendTooEarlyMessage(seconds) };
}

export class ContactCodes {
  constructor(private readonly d: ContactCodesDeps) {}

  /** When a new code may be sent for this flow (the page's countdown); `0`: now. */
  resendAllowedAt(flowId: string): Promise<number> {
    return this.d.codes.resendAllowedAt(this.d.db, CODE_PURPOSE, flowId);
  }

  /**
   * « Envoyer le code » with the details already given: nothing to send when they are verified,
   * or when a code was just sent to them (the resend cooldown cannot be bypassed this way).
   * `undefined`: a code is to be sent.
   */
  async alreadyHandled(flowId: string, current: Contact | undefined, next: Contact): Promise<'verified' | 'code_sent' | undefined> {
    if (!current || !sameContact(current, next)) return undefined;
    if (current.verifiedAt !== null) return 'verified';
    return (await this.resendAllowedAt(flowId)) > 0 ? 'code_sent' : undefined;
  }

  /** Counts a code about to be sent against the limits per address and per IP; the refusal is shown at `field`. */
  async allowSend(
    contact: Contact,
    ip: string,
    field: string = contact.kind === 'email' ? 'email' : 'phone',
  ): Promise<Extract<Refusal, { status: 429 }> | undefined> {
    const perAddress = await this.d.rateLimiter.hit(`registration-code:to:${contact.value}`, CODE_LIMIT_PER_ADDRESS, HOUR);
    const perIp = await this.d.rateLimiter.hit(`registration-code:ip:${ip}`, CODE_LIMIT_PER_IP, HOUR);
    if (perAddress.allowed && perIp.allowed) return undefined;
    const retryAfterMs = Math.max(perAddress.allowed ? 0 : perAddress.retryAfterMs, perIp.allowed ? 0 : perIp.retryAfterMs, 1000);
    const message = tooManyCodesMessage(frenchDuration(retryAfterMs));
    return { status: 429, error: { ...fieldError(field, 'CODE_RATE_LIMITED', message), code: 'CODE_RATE_LIMITED' }, retryAfterMs };
  }

  /** The contact as typed, read, then counted against the limits above: where a code may be sent, or the error at its field. */
  async readForCode(
    input: ContactInput,
    ip: string,
  ): Promise<{ ok: true; contact: Contact } | { ok: false; error: FieldError; retryAfterMs?: number }> {
    const read = readContact(input);
    if (!read.ok) return { ok: false, error: read.error };
    const refused = await this.allowSend(read.contact, ip);
    if (refused) return { ok: false, error: refused.error, retryAfterMs: refused.retryAfterMs };
    return { ok: true, contact: read.contact };
  }

  /** A new code for the flow (the previous ones voided) and its message, in the caller's transaction. */
  async issue(db: Kysely<Database>, flowId: string, contact: Contact): Promise<void> {
    const { code } = await this.d.codes.issue(db, { purpose: CODE_PURPOSE, subjectId: flowId, destination: contact.value });
    await enqueueMessage(db, codeMessage(contact, code), this.d.now());
  }

  /** « Renvoyer un code »: refused before the cooldown ends (with the seconds left), then within the limits. */
  async resend(flowId: string, contact: Contact, ip: string): Promise<Outcome> {
    const allowedAt = await this.resendAllowedAt(flowId);
    if (allowedAt > 0) {
      const retryAfterMs = Math.max(1000, allowedAt - this.d.now());
      return { ok: false, status: 429, error: resendTooEarly(Math.ceil(retryAfterMs / 1000)), retryAfterMs };
    }
    const refused = await this.allowSend(contact, ip, 'code');
    if (refused) return { ok: false, ...refused };
    await this.d.db.transaction().execute((trx) => this.issue(trx, flowId, contact));
    return { ok: true };
  }

  /**
   * The code typed for `contact`: 6 digits, then checked against the latest code of the flow (each
   * try counted). A wrong code says how many tries are left; after 5, or once expired, a new code is needed.
   */
  async check(flowId: string, typed: unknown, contact: Contact): Promise<Outcome> {
    const read = readCode(typed);
    if (!read.ok) return read;
    const checked = await this.d.codes.check(this.d.db, { purpose: CODE_PURPOSE, subjectId: flowId, code: read.code });
    if (checked.ok) return checked.destination === contact.value ? { ok: true } : { ok: false, ...codeNoLongerValid() };
    return { ok: false, status: 400, error: codeRefused(checked) };
  }
}
