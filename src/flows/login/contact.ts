import type { Account } from '../../accounts/repository';
import { parseMobilePhone } from '../../identity';
import { fail, ok, type Result } from '../../identity/result';

/**
 * Contact details as shown and as typed on the security pages: the masked destination of a code
 * (« …@exemple.fr », « 06 •• •• •• 78 ») and the checking of a new e-mail address or mobile number.
 */
export type ContactKind = Account['contact_kind'];

export function maskDestination(kind: ContactKind, value: string): string {
  if (kind === 'email') {
    const at = value.lastIndexOf('@');
    return at >= 0 ? `…${value.slice(at)}` : '…';
  }
  const parsed = parseMobilePhone(value);
  const digits = (parsed.ok ? parsed.value.national : value).replace(/\D/g, '');
  if (digits.length < 4) return '•• •• •• ••';
  const middle = Array.from({ length: Math.max(1, Math.ceil((digits.length - 4) / 2)) }, () => '••').join(' ');
  return `${digits.slice(0, 2)} ${middle} ${digits.slice(-2)}`;
}

/** « par e-mail à …@exemple.fr », « par SMS au 06 •• •• •• 78 » */
export function describeDestination(kind: ContactKind, value: string): string {
  return kind === 'email' ? `par e-mail à l’adresse ${maskDestination(kind, value)}` : `par SMS au ${maskDestination(kind, value)}`;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** A new contact as typed: e-mail (lower-cased) or a French mobile number (stored E.164). */
export function parseContact(kind: ContactKind, raw: string): Result<string> {
  const v = raw.trim();
  if (kind === 'email') {
    if (v.length > 254 || !EMAIL.test(v)) return fail('AUTH_EMAIL_INVALID', 'Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.', 'email');
    return ok(v.toLowerCase());
  }
  const p = parseMobilePhone(v);
  if (!p.ok) return fail(p.error.code, p.error.message, 'phone');
  return ok(p.value.e164);
}
