import { retryAfter } from '../http/api/answers';
import type { FastifyReply } from 'fastify';
import { AppError, ValidationError, type FieldError } from '../errors/app-error';
import { registeredErrors } from '../errors/registry';

/**
 * An expected refusal of a use case (a mistake to correct, a limit, a wrong password), as the
 * journey's outcome → reply mapping (`replies.ts` in each journey) describes it ONCE for its page and
 * its JSON route: the error as the JSON API shows it (`ValidationError`: several fields, 400;
 * `AppError`: one code at one field, the catalogue's status), and the wait it imposes.
 *
 * A page re-renders its form with `refusalFields(r)` at `pageStatus(reply, r)`; a JSON route throws
 * `apiError(reply, r)` (the error handler writes `{ error: { code, message, fields } }`). Both set
 * Retry-After when there is a wait.
 */
export interface Refusal {
  error: AppError | ValidationError;
  /** the wait before trying again (Retry-After), if the refusal imposes one */
  retryAfterMs?: number;
}

/** Field errors of a form: a single one with a status of its own (429, 403…) stands alone, others are a 400. */
export function fieldsRefusal(fields: FieldError[], retryAfterMs?: number): Refusal {
  const [first] = fields;
  const error =
    fields.length === 1 && first && first.code !== 'VALIDATION_FAILED' && statusOf(first) !== 400
      ? new AppError(first.code as never, first.field, first.message)
      : new ValidationError(fields);
  return retryAfterMs === undefined ? { error } : { error, retryAfterMs };
}

const statusOf = (f: FieldError): number => registeredErrors().get(f.code)?.status ?? 400;

/** Field errors of a form, always as a 400 with its fields (whatever their codes' own statuses). */
export function formRefusal(fields: FieldError[]): Refusal {
  return { error: new ValidationError(fields) };
}

/** The fields a page shows the refusal at. */
export function refusalFields(r: Refusal): FieldError[] {
  if (r.error instanceof ValidationError) return r.error.fields;
  return [{ field: r.error.field ?? '', code: r.error.code, message: r.error.message }];
}

/** A page's status for the refusal (Retry-After set when it imposes a wait). */
export function pageStatus(reply: FastifyReply, r: Refusal): number {
  if (r.retryAfterMs !== undefined) retryAfter(reply, r.retryAfterMs);
  return r.error.status;
}

/** The error a JSON route throws for the refusal (Retry-After set, at least one second, when it imposes a wait). */
export function apiError(reply: FastifyReply, r: Refusal): AppError | ValidationError {
  if (r.retryAfterMs !== undefined) retryAfter(reply, r.retryAfterMs);
  return r.error;
}
