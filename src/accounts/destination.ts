import type { Account } from './repository';
import { parseMobilePhone } from '../identity';

/**
 * Contact details of an account as shown on the login and security pages: the masked destination
 * of a code (« …@exemple.fr », « 06 •• •• •• 78 »). A new address or number is read as every
 * sign-up reads it (readContact, ./contact.ts).
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
  return kind === 'email' ? `par mail à l’adresse ${maskDestination(kind, value)}` : `par SMS au ${maskDestination(kind, value)}`;
}
