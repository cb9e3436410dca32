import type { FastifyReply } from 'fastify';
import { AppError, ValidationError, type FieldError } from '../../errors/app-error';
import { errorEntry, registeredErrors, type ErrorCode } from '../../errors/registry';

/**
 * Outcomes of the use cases turned into JSON answers or errors, for the journeys' JSON routes:
 * the same field errors as the pages, thrown so that the error handler writes
 * `{ error: { code, message, fields } }` with the catalogue's status.
 */

/** Field errors of a form, as a JSON error: one with a status of its own (429) stands alone, others are a 400. */
export function fieldsError(fields: FieldError[]): AppError | ValidationError {
  const [first] = fields;
  if (fields.length === 1 && first && registeredErrors().has(first.code) && errorEntry(first.code as ErrorCode).status !== 400) {
    return new AppError(first.code as ErrorCode, first.field, first.message);
  }
  return new ValidationError(fields);
}

/** Retry-After in whole seconds, at least one: the one way a page or a JSON route says how long to wait. */
export function retryAfter(reply: FastifyReply, retryAfterMs: number): FastifyReply {
  return reply.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
}

/** A refusal that makes the client wait: Retry-After (seconds) and the error. */
export function waitThen<E extends AppError | ValidationError>(reply: FastifyReply, retryAfterMs: number, e: E): E {
  retryAfter(reply, retryAfterMs);
  return e;
}

export const iso = (ms: number) => new Date(ms).toISOString();
