import { z } from 'zod';
import { rawText, text, typedCode } from '../../http/api/input';
import { ContactFields, MAX, MaskedContact } from '../../http/api/schemas';
import { NewPasswordFields } from '../password-reset/schemas';

/**
 * « Sécurité du compte »: the contact change (page form: radios named `kind`; JSON: `contactKind`),
 * the password change, ending a session.
 */
export const ContactChangeBody = z.object({
  ...ContactFields,
  currentPassword: rawText(MAX.password).describe(
    'le mot de passe actuel (sauf compte FranceConnect sans mot de passe, connecté depuis moins de 15 minutes)',
  ),
});

export const ContactChangeForm = z.object({
  kind: ContactFields.contactKind,
  email: ContactFields.email,
  phone: ContactFields.phone,
  currentPassword: ContactChangeBody.shape.currentPassword,
});

export const PasswordChangeForm = z.object({ currentPassword: rawText(MAX.password), ...NewPasswordFields });

export const EndSessionForm = z.object({ session: text(64) });

export const ContactCodeBody = z.object({
  flowId: text(MAX.flowId).describe('l’identifiant du changement, donné par POST /api/account/contact'),
  code: typedCode.describe('le code à 6 chiffres reçu aux nouvelles coordonnées'),
});

export const ContactCodeSent = z.object({
  status: z.literal('code_sent'),
  flowId: z.string(),
  expiresAt: z.string(),
  contact: MaskedContact,
});
export const ContactChanged = z.object({ status: z.literal('contact_changed'), contact: MaskedContact });
