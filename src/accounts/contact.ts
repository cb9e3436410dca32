import { AppError, ValidationError, fieldError, type FieldError } from '../errors/app-error';
import { parseMobilePhone } from '../identity';

/**
 * The contact details a person chooses to receive their code — and, once the code is verified,
 * the contact of the account: an e-mail address or a French mobile number.
 */
export interface Contact {
  kind: 'email' | 'sms';
  /** e-mail address (lower case) or E.164 number */
  value: string;
  /** as shown to the person: the address, or « 06 12 34 56 78 » */
  display: string;
  verifiedAt: number | null;
}

/**
 * The fields of the contact form (and of the JSON API): `contactKind` (`email` | `sms`), `email`,
 * `phone` — trimmed strings within their maximum length, as the HTTP schemas read them
 * (src/http/api/schemas.ts, ContactFields).
 */
export interface ContactInput {
  contactKind?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

const EMAIL = /^[^\s@<>()"]+@[^\s@<>()".]+(\.[^\s@<>()".]+)+$/;

const str = (v: string | undefined): string => (v ?? '').trim();

/** The contact as typed, checked: an error at its field (`contactKind`, `email` or `phone`) otherwise. */
export function readContact(input: ContactInput): Outcome<{ contact: Contact }> {
  const kind = str(input.contactKind);
  if (kind === 'email') {
    const email = str(input.email).toLowerCase();
    if (!email) return { ok: false, status: 400, error: fieldError('email', 'EMAIL_REQUIRED') };
    if (email.length > 254 || !EMAIL.test(email)) return { ok: false, status: 400, error: fieldError('email', 'EMAIL_INVALID') };
    return { ok: true, contact: { kind: 'email', value: email, display: email, verifiedAt: null } };
  }
  if (kind === 'sms') {
    const phone = str(input.phone);
    if (!phone) return { ok: false, status: 400, error: fieldError('phone', 'PHONE_REQUIRED') };
    const parsed = parseMobilePhone(phone);
    if (!parsed.ok) return { ok: false, status: 400, error: { field: 'phone', code: parsed.error.code, message: parsed.error.message } };
    return { ok: true, contact: { kind: 'sms', value: parsed.value.e164, display: parsed.value.national, verifiedAt: null } };
  }
  return { ok: false, status: 400, error: fieldError('contactKind', 'CONTACT_KIND_REQUIRED') };
}

/** The same address or number (whatever the way it was typed). */
export function sameContact(a: Pick<Contact, 'kind' | 'value'> | undefined, b: Pick<Contact, 'kind' | 'value'>): boolean {
  return !!a && a.kind === b.kind && a.value === b.value;
}

/** A refusal at a field of the contact or code form: a mistake to correct (400), or a limit (429). */
export type Refusal =
  | { status: 400; error: FieldError }
  | { status: 429; error: FieldError & { code: 'CODE_RATE_LIMITED' | 'CODE_RESEND_TOO_EARLY' }; retryAfterMs: number };

export type Outcome<T = object> = ({ ok: true } & T) | ({ ok: false } & Refusal);

/** As an exception, for a service that throws (the registration): `ValidationError` (400) or `AppError` (429). */
export function refusalError(r: Refusal): AppError | ValidationError {
  return r.status === 429 ? new AppError(r.error.code, r.error.field, r.error.message) : new ValidationError([r.error]);
}
