import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { registeredErrors, type ErrorCode } from '../../errors/registry';
import { AppError, ValidationError, fieldError, type FieldError } from '../../errors/app-error';
import { tooLongMessage } from './errors';

/**
 * Reading what a client sent — a form body, a JSON body, a query string — through the zod schema
 * that both the page and the JSON route of a step share (src/journeys/<journey>/schemas.ts). Every text field has a
 * maximum length (`text(max)`), so a huge value is refused before any work is done on it. A refusal
 * becomes the same field errors as the use cases' own: `{ field, code, message }` from the catalogue.
 *
 * In a schema, an error whose message is a catalogue code (e.g. `{ error: 'LOGIN_PASSWORD_REQUIRED' }`)
 * gives that entry; a string too long gives FIELD_TOO_LONG with its maximum; anything else FIELD_INVALID.
 */

/** A text field: trimmed, at most `max` characters. Missing is `''` (the use case says what is required). */
export const text = (max: number) => z.string().max(max, { error: 'FIELD_TOO_LONG' }).trim().default('');

/** A text field kept as typed (passwords: spaces are significant), at most `max` characters. */
export const rawText = (max: number) => z.string().max(max, { error: 'FIELD_TOO_LONG' }).default('');

/** A text field, undefined when absent (not `''`). */
export const optionalText = (max: number) => z.string().max(max, { error: 'FIELD_TOO_LONG' }).trim().optional();

/** A 6-digit code as typed: a string (spaces allowed) or, in JSON, a number. */
export const typedCode = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z.string().max(20, { error: 'FIELD_TOO_LONG' }).default(''),
);

/** A box ticked in a form (`oui`, `on`…) or a JSON boolean. */
export const checkbox = z
  .preprocess((v) => (typeof v === 'boolean' ? String(v) : v), z.string().max(10, { error: 'FIELD_TOO_LONG' }).optional())
  .transform((v) => v === 'true' || v === 'oui' || v === 'on' || v === '1');

export type Read<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/** Reads `raw` with `schema`: the value, or field errors (never throws). */
export function readWith<S extends z.ZodType>(schema: S, raw: unknown): Read<z.output<S>> {
  const r = schema.safeParse(raw ?? {});
  if (r.success) return { ok: true, data: r.data };
  return { ok: false, errors: r.error.issues.map(toFieldError) };
}

/** Reads `raw` with `schema`, or throws the ValidationError that a JSON client receives as 400. */
export function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = readWith(schema, raw);
  if (r.ok) return r.data;
  if (r.errors.length === 0 || r.errors.every((e) => !e.field)) throw new AppError('VALIDATION_FAILED');
  throw new ValidationError(r.errors);
}

/**
 * A urlencoded form body as plain strings: a field sent twice keeps its last value (as browsers'
 * last radio wins), and the CSRF token is left out. Anything else than an object reads as empty.
 */
export function formFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof last === 'string') out[k] = last;
  }
  return out;
}

/** A form body read with `schema` (see formFields). */
export function readForm<S extends z.ZodType>(schema: S, req: FastifyRequest): Read<z.output<S>> {
  return readWith(schema, formFields(req.body));
}

/** Query strings of pages never refuse: a schema of `.catch()`-ed fields; anything unreadable reads as absent. */
export function readQuery<S extends z.ZodType>(schema: S, req: FastifyRequest): z.output<S> {
  const r = schema.safeParse(req.query ?? {});
  return r.success ? r.data : schema.parse({});
}

/** An optional query flag such as `?renvoye=1`. */
export const flag = z
  .string()
  .max(10)
  .optional()
  .catch(undefined)
  .transform((v) => v === '1');

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return { field, code: 'FIELD_TOO_LONG', message: tooLongMessage(Number(issue.maximum)) };
  }
  if (registeredErrors().has(issue.message)) return fieldError(field, issue.message as ErrorCode);
  return fieldError(field, 'FIELD_INVALID');
}
