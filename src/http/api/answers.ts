import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { displayName, type Account } from '../../accounts/repository';
import { AppError, ValidationError, type FieldError } from '../../errors/app-error';
import { maskDestination } from '../../flows/login/contact';
import type { AccountView } from '../schemas/login';

/**
 * Outcomes of the use cases turned into JSON answers or errors, for the routes of src/http/api/:
 * the same field errors as the pages, thrown so that the error handler writes
 * `{ error: { code, message, fields } }` with the catalogue's status.
 */
export function accountView(a: Account): z.input<typeof AccountView> {
  return {
    displayName: displayName(a),
    loginId: a.login_id,
    identityStatus: a.identity_status,
    contact: { kind: a.contact_kind, display: maskDestination(a.contact_kind, a.contact_value) },
    hasPassword: !!a.password_hash,
  };
}

/** Field errors of a form, as a JSON error: one with a status of its own (429) stands alone, others are a 400. */
export function fieldsError(fields: FieldError[]): AppError | ValidationError {
  const [first] = fields;
  if (fields.length === 1 && first) {
    const e = new AppError(first.code as never, first.field, first.message);
    if (e.status !== 400) return e;
  }
  return new ValidationError(fields);
}

/** A refusal that makes the client wait: Retry-After (seconds) and the error. */
export function waitThen(reply: FastifyReply, retryAfterMs: number, e: AppError): AppError {
  reply.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  return e;
}

export const iso = (ms: number) => new Date(ms).toISOString();
