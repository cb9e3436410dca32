import { AppError, fieldError } from '../../errors/app-error';
import { refusalError } from '../../accounts/contact';
import { waitMessage } from '../../security/login-throttle';
import { fieldsRefusal, formRefusal, type Refusal } from '../refusal';
import type { StepRefusal } from './use-cases';

/**
 * The one outcome → reply mapping of the FranceConnect sign-up, for its pages (./signup-pages.ts;
 * it has no JSON route): the error of each refusal, at its field, with its status. A signup that
 * cannot go on (`ended`) is a page of its own (./pages-common.ts `flowErrorPage`).
 */
export function signupRefusal(r: StepRefusal): Refusal {
  switch (r.kind) {
    case 'nir_required':
      return formRefusal([fieldError('nir', 'FC_NIR_REQUIRED')]);
    case 'nir_refused':
      return formRefusal([{ field: 'nir', code: r.code, message: r.message }]);
    // A certified identity cannot be corrected: no field, the error page (403) says why.
    case 'under_15':
      return { error: new AppError('HOUSEHOLD_UNDER_15') };
    case 'password_required':
      return formRefusal([fieldError('password', 'FC_PASSWORD_REQUIRED')]);
    case 'wrong_password':
      return formRefusal([fieldError('password', 'FC_PASSWORD_WRONG')]);
    case 'throttled':
      return fieldsRefusal(
        [fieldError('password', 'FC_PASSWORD_THROTTLED', `Trop de tentatives. ${waitMessage(r.retryAfterMs)}`)],
        r.retryAfterMs,
      );
    case 'contact_refused':
    case 'code_refused':
      return r.refusal.status === 429
        ? { error: refusalError(r.refusal), retryAfterMs: r.refusal.retryAfterMs }
        : { error: refusalError(r.refusal) };
  }
}
