import type { FastifyInstance } from 'fastify';
import { ValidationError, fieldError, type FieldError } from '../../errors/app-error';
import { tooLongMessage } from '../api/errors';

/**
 * Bounds on what one request can make the main thread do, whatever the route:
 * - one body limit for JSON and forms alike (BODY_LIMIT, 64 KiB, in ../server.ts; 413 REQUEST_TOO_LARGE beyond, before parsing);
 * - every string of a body or query string at most MAX_FIELD_LENGTH characters: longer ones are
 *   refused here, at their field, before any handler folds, searches or hashes them (a 900 kB
 *   `communeQuery` used to cost 0.4 s of CPU); routes keep their own, tighter caps (zod, names…);
 * - structure: at most MAX_DEPTH levels and MAX_VALUES values in a body.
 * What is left per request is linear in 64 KiB: a few milliseconds at most.
 */
export const MAX_FIELD_LENGTH = 2000;
/**
 * Free text a person writes (« Contacter ma Caf »: `message`) may run longer: its route's schema says
 * at the field how long it may be, with the text kept, rather than this backstop's generic page.
 */
export const LONG_TEXT_FIELDS: ReadonlySet<string> = new Set(['message']);
export const MAX_LONG_TEXT_LENGTH = 10_000;
const MAX_DEPTH = 8;
const MAX_VALUES = 2000;

/** The fields of `value` that are too long (their dotted path), or 'structure' when it is too deep or too big. */
export function oversizedFields(value: unknown): string[] | 'structure' {
  const found: string[] = [];
  let values = 0;
  const walk = (v: unknown, path: string, depth: number): boolean => {
    if (++values > MAX_VALUES || depth > MAX_DEPTH) return false;
    if (typeof v === 'string') {
      const max = LONG_TEXT_FIELDS.has(path) ? MAX_LONG_TEXT_LENGTH : MAX_FIELD_LENGTH;
      if (v.length > max && found.length < 20) found.push(path || 'body');
      return true;
    }
    if (Array.isArray(v)) return v.every((x) => walk(x, path, depth + 1));
    if (v && typeof v === 'object')
      return Object.entries(v).every(([k, x]) => walk(x, path ? `${path}.${k.slice(0, 50)}` : k.slice(0, 50), depth + 1));
    return true;
  };
  return walk(value, '', 0) ? found : 'structure';
}

export function registerInputLimits(app: FastifyInstance): void {
  // A callback hook: a request without a body or query string (most pages) costs no promise.
  app.addHook('preValidation', (req, _reply, done) => {
    if (req.body === undefined && isEmpty(req.query)) return done();
    const fields: FieldError[] = [];
    for (const part of [req.query, req.body]) {
      const r = oversizedFields(part);
      if (r === 'structure') return done(Object.assign(new Error('request too deep or too big'), { statusCode: 413 }));
      // The JSON API's zod schemas cap each of its fields more tightly (and say so at the field): here only the pages' backstop.
      if (req.url.startsWith('/api/')) continue;
      for (const f of r) fields.push(fieldError(f, 'FIELD_TOO_LONG', tooLongMessage(MAX_FIELD_LENGTH)));
    }
    done(fields.length ? new ValidationError(fields) : undefined);
  });
}

function isEmpty(query: unknown): boolean {
  if (!query || typeof query !== 'object') return true;
  for (const _ in query) return false;
  return true;
}
