import { z } from 'zod';
import { rawText, text, typedCode } from '../../http/api/input';
import { MAX, MaskedContact, ResendAt } from '../../http/api/schemas';

/** « Se connecter »: the form of /connexion and POST /api/login. */
export const LoginBody = z.object({
  identifier: text(MAX.identifier)
    .pipe(z.string().min(1, { error: 'LOGIN_IDENTIFIER_REQUIRED' }))
    .describe('NIR (15 caractères) ou identifiant provisoire'),
  password: rawText(MAX.password).pipe(z.string().min(1, { error: 'LOGIN_PASSWORD_REQUIRED' })),
});

const FlowId = text(MAX.flowId).describe('l’identifiant du parcours de connexion, donné par POST /api/login');

export const LoginCodeBody = z.object({ flowId: FlowId, code: typedCode.describe('le code à 6 chiffres reçu') });
/** A step that names its flow only: « Renvoyer un code » of the login or the password reset. */
export const FlowIdBody = z.object({ flowId: text(MAX.flowId).describe('l’identifiant du parcours, donné par sa première réponse') });

export const AccountView = z.object({
  displayName: z.string(),
  loginId: z.string(),
  identityStatus: z.string(),
  contact: MaskedContact,
  hasPassword: z.boolean(),
});

export const LoginAnswer = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('code_sent'),
    flowId: z.string(),
    expiresAt: z.string(),
    resendAllowedAt: ResendAt,
    contact: MaskedContact,
  }),
  z.object({ status: z.literal('signed_in'), account: AccountView }),
]);

export const SignedIn = z.object({ status: z.literal('signed_in'), account: AccountView });
export const CodeResent = z.object({ status: z.literal('code_sent'), resendAllowedAt: ResendAt });

/** /connexion?session=expiree, ?message=… , /connexion/code?renvoye=1 */
export const LoginPageQuery = z.object({
  session: z.string().max(20).optional().catch(undefined),
  message: z.string().max(20).optional().catch(undefined),
});
