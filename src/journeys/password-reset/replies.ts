import { AppError } from '../../errors/app-error';
import { waitMessage } from '../../security/login-throttle';
import { codeRefused } from '../contact-verification/codes';
import { fieldsRefusal, type Refusal } from '../refusal';
import type { NewPasswordStep, ResetCodeStep, ResetRequest } from './use-cases';

/**
 * The one outcome → reply mapping of « Mot de passe oublié », shared by its pages (./pages.ts) and its
 * JSON API (./api.ts): the error of each refusal, at its field, with the wait it imposes.
 */
export function resetRequestRefusal(r: Extract<ResetRequest, { kind: 'rate_limited' }>): Refusal {
  return {
    error: new AppError('RATE_LIMITED', 'identifier', `Trop de demandes pour cet identifiant. ${waitMessage(r.retryAfterMs)}`),
    retryAfterMs: r.retryAfterMs,
  };
}

export function resetCodeRefusal(r: Extract<ResetCodeStep, { kind: 'code_error' }>): Refusal {
  return fieldsRefusal([codeRefused(r)]);
}

/** A new password refused by the rules (src/auth/password-rules.ts). */
export function newPasswordRefusal(r: Extract<NewPasswordStep, { kind: 'invalid' }>): Refusal {
  return fieldsRefusal([r.error]);
}
