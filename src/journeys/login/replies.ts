import { AppError, fieldError } from '../../errors/app-error';
import { waitMessage } from '../../security/login-throttle';
import { codeRefused } from '../contact-verification/codes';
import { fieldsRefusal, type Refusal } from '../refusal';
import type { CodeStep, PasswordStep } from './use-cases';

/**
 * The one outcome → reply mapping of « Se connecter », shared by its pages (./pages.ts) and its JSON
 * API (./api.ts) — and by the agents' login, whose code step answers alike: the error of each
 * refusal, at its field, with the wait it imposes. Wrong identifier and wrong password are ONE
 * answer (no enumeration).
 */
export function passwordRefusal(r: Extract<PasswordStep, { kind: 'throttled' | 'invalid' }>, field = 'identifier'): Refusal {
  if (r.kind === 'invalid') return { error: new AppError('LOGIN_INVALID', field) };
  return throttled(field, `Trop de tentatives de connexion. ${waitMessage(r.retryAfterMs)}`, r.retryAfterMs);
}

/** A code refused (wrong, expired, too many tries) or the throttle. */
export function codeRefusal(r: Extract<CodeStep, { kind: 'throttled' | 'code_error' }>): Refusal {
  if (r.kind === 'code_error') return fieldsRefusal([codeRefused(r)]);
  return throttled('code', `Trop de tentatives. ${waitMessage(r.retryAfterMs)}`, r.retryAfterMs);
}

function throttled(field: string, message: string, retryAfterMs: number): Refusal {
  return { error: new AppError('LOGIN_THROTTLED', field, message), retryAfterMs };
}

/** The re-authentication before a change of credential (./settings.ts): the throttle, or a wrong current password. */
export function reauthRefusal(r: { kind: 'throttled'; retryAfterMs: number } | { kind: 'wrong_password' }): Refusal {
  if (r.kind === 'wrong_password') return fieldsRefusal([fieldError('currentPassword', 'AUTH_CURRENT_PASSWORD_WRONG')]);
  return throttled('currentPassword', `Trop de tentatives. ${waitMessage(r.retryAfterMs)}`, r.retryAfterMs);
}
