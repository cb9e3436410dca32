import { z } from 'zod';
import { rawText, text, typedCode } from '../../http/api/input';
import { MAX, ResendAt } from '../../http/api/schemas';

/** « Mot de passe oublié ? »: the forms of /mot-de-passe-oublie… and /api/password-reset… */
export const ResetRequestBody = z.object({
  identifier: text(MAX.identifier)
    .pipe(z.string().min(1, { error: 'LOGIN_IDENTIFIER_REQUIRED' }))
    .describe('NIR ou identifiant provisoire'),
});

/** The new password and its confirmation (reset, security settings, registration): checked by the use case. */
export const NewPasswordFields = {
  password: rawText(MAX.password),
  passwordConfirmation: rawText(MAX.password),
};

const FlowId = text(MAX.flowId).describe('l’identifiant du parcours, donné par POST /api/password-reset');
export const ResetCodeBody = z.object({ flowId: FlowId, code: typedCode.describe('le code à 6 chiffres reçu') });
export const ResetPasswordBody = z.object({ flowId: FlowId, ...NewPasswordFields });

/** Always the same answer, whether or not the identifier has an account. */
export const ResetStarted = z.object({
  status: z.literal('code_sent'),
  flowId: z.string(),
  expiresAt: z.string(),
  resendAllowedAt: ResendAt,
});
export const ResetState = z.object({ status: z.enum(['code_verified', 'password_changed']) });
