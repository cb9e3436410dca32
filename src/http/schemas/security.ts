import { z } from 'zod';
import { rawText, text } from '../api/input';
import { ContactFields, MAX, MaskedContact } from './common';
import { NewPasswordFields } from './password-reset';

/**
 * « Sécurité du compte »: the contact change (page form: radios named `kind`; JSON: `contactKind`),
 * the password change, ending a session.
 */
export const ContactChangeBody = z.object({
  ...ContactFields,
  currentPassword: rawText(MAX.password).describe('le mot de passe actuel (sauf compte FranceConnect sans mot de passe, connecté depuis moins de 15 minutes)'),
});

export const ContactChangeForm = z.object({
  kind: ContactFields.contactKind,
  email: ContactFields.email,
  phone: ContactFields.phone,
  currentPassword: ContactChangeBody.shape.currentPassword,
});

export const PasswordChangeForm = z.object({ currentPassword: rawText(MAX.password), ...NewPasswordFields });

export const EndSessionForm = z.object({ session: text(64) });

export const ContactCodeSent = z.object({ status: z.literal('code_sent'), contact: MaskedContact });
export const ContactChanged = z.object({ status: z.literal('contact_changed'), contact: MaskedContact });

/** /mon-espace/securite?fait=… */
export const SecurityPageQuery = z.object({ fait: z.string().max(30).optional().catch(undefined) });
