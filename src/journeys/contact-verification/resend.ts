import { fieldError, type FieldError } from '../../errors/app-error';
import { frenchDuration } from '../../security/login-throttle';
import { fieldsRefusal, type Refusal } from '../refusal';
import { resendTooEarly } from './codes';
import { tooManyCodesMessage } from './errors';

/** « Renvoyer un code » refused by a login or password-reset flow: in the cooldown (the seconds left), or too many codes (the wait until the flow ends). */
export function resendRefused(r: { kind: 'too_early' | 'too_many'; retryAfterMs: number }): FieldError {
  if (r.kind === 'too_early') return resendTooEarly(Math.ceil(r.retryAfterMs / 1000));
  return fieldError('code', 'CODE_RATE_LIMITED', tooManyCodesMessage(frenchDuration(r.retryAfterMs)));
}

/** The same refusal with its wait (a 429 with Retry-After), for `refuseForm`. */
export function resendRefusal(r: { kind: 'too_early' | 'too_many'; retryAfterMs: number }): Refusal {
  return fieldsRefusal([resendRefused(r)], r.retryAfterMs);
}
