import { z } from 'zod';
import { flag, text, typedCode } from './input';

/**
 * Pieces shared by the schemas of several flows (contact, code, new password, answers naming a
 * flow), so that a limit is written once.
 */
export const MAX = {
  identifier: 64,
  /** a password typed at login (longer ones are refused; the rules allow 64) */
  password: 1024,
  email: 320,
  phone: 30,
  kind: 20,
  /** a flow id or token sent back by a JSON client */
  flowId: 128,
} as const;

/** `contactKind` (`email` | `sms`), `email`, `phone`: what readContact (src/journeys/contact-verification) checks. */
export const ContactFields = {
  contactKind: text(MAX.kind).describe('« email » ou « sms »'),
  email: text(MAX.email).describe('adresse mail, si contactKind = email'),
  phone: text(MAX.phone).describe('numéro de portable français, si contactKind = sms (ex. 06 12 34 56 78)'),
};

export const CodeBody = z.object({ code: typedCode.describe('le code à 6 chiffres reçu') });

/** The masked destination of a code: « …@exemple.fr », « 06 •• •• •• 78 ». */
export const MaskedContact = z.object({ kind: z.enum(['email', 'sms']), display: z.string() });

/** When a new code may be asked for (ISO date; now or in the past: at once). */
export const ResendAt = z.string().describe('date ISO à partir de laquelle un nouveau code peut être demandé');

export const Done = z.object({ status: z.string() });

/** A POST that carries nothing (JSON clients send `{}`). */
export const EmptyBody = z.object({});

/** `?renvoye=1` on a code page, after « Renvoyer un code ». */
export const ResentQuery = z.object({ renvoye: flag });
