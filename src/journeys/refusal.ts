import { retryAfter } from '../http/api/answers';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendHtml } from '../http/errors';
import { redirectWithErrors, takeFormState, type FormState, type FormStateDeps, type FormValues } from '../http/form-state';
import { agencyDay, frenchDateTime, frenchTime } from '../shared/french-time';
import { AppError, ValidationError, type FieldError } from '../errors/app-error';
import { registeredErrors } from '../errors/registry';
import { DatabaseUnavailableError } from '../db/unavailable';

/**
 * An expected refusal of a use case (a mistake to correct, a limit, a wrong password), as the
 * journey's outcome → reply mapping (`replies.ts` in each journey) describes it ONCE for its page and
 * its JSON route: the error as the JSON API shows it (`ValidationError`: several fields, 400;
 * `AppError`: one code at one field, the catalogue's status), and the wait it imposes.
 *
 * A page answers `refuseForm(…)`: back to its form's page with the errors (303, see
 * src/http/form-state.ts) — a refusal that imposes a wait too, the page answering its 429 and
 * Retry-After while it lasts (`takeRefused` in its GET); a JSON route throws `apiError(reply, r)` (the error handler writes
 * `{ error: { code, message, fields } }`). Both set Retry-After when there is a wait.
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

/** What a page gives `refuseForm`: where its form is, the answers to re-fill, and the form itself for a wait. */
export interface RefusedForm {
  /** the path of the form's page (its GET) */
  to: string;
  /** the answers to re-fill on that page (never a password nor a code) */
  values?: FormValues;
  /** what else the page shows with the errors */
  extra?: Record<string, unknown>;
  /** where the page shows the errors, when not at the fields the refusal names (e.g. at a button) */
  errorsAt?: (errors: FieldError[]) => FieldError[];
  /** the form with these errors, answered at once only when the database cannot keep them (see refuseForm) */
  render: (errors: FieldError[]) => Promise<{ toString(): string }> | { toString(): string };
}

/** The moment a kept refusal's wait ends (epoch ms), in the state's `extra`. */
const WAIT_UNTIL = 'waitUntil';

/**
 * The status of a page showing a kept refusal: 429 with Retry-After while its wait lasts, else 200.
 */
export function keptWaitStatus(d: Pick<FormStateDeps, 'clock'>, reply: FastifyReply, extra: Record<string, unknown> | undefined): number {
  const until = extra?.[WAIT_UNTIL];
  const remaining = typeof until === 'number' ? until - d.clock.now() : 0;
  if (remaining <= 0) return 200;
  retryAfter(reply, remaining);
  return 429;
}

/**
 * THE GET side of `refuseForm`: what the form's page shows of its form just refused (once, see
 * src/http/form-state.ts `takeFormState`), and the status it answers — 429 with Retry-After while
 * a kept wait lasts, else 200. A reload of that page is a GET: it never posts the form again.
 *
 *   const { shown, status } = await takeRefused(ctx, req, reply);
 *   return sendHtml(reply, form({ errors: shown?.errors }), status);
 */
export async function takeRefused(
  d: FormStateDeps,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<{ shown: FormState | undefined; status: number }> {
  const shown = await takeFormState(d, req, reply);
  return { shown, status: keptWaitStatus(d, reply, shown?.extra) };
}

/** A refusal that imposes a wait (a 429, with or without Retry-After). */
export function imposesWait(r: Refusal): boolean {
  return r.retryAfterMs !== undefined || r.error.status === 429;
}

/** Waits from a minute on also say until when, in France's time (« … à partir de 14:32. »). */
const UNTIL_FROM_MS = 60_000;

/** « Vous pourrez réessayer à partir de 14:32. » — with the date when the wait ends another day. */
function untilWhen(now: number, until: number): string {
  const at = agencyDay(until) === agencyDay(now) ? frenchTime(until) : `le ${frenchDateTime(until)}`;
  return `Vous pourrez réessayer à partir de ${at}.`;
}

/**
 * THE answer of a page to a refused form (Post/Redirect/Get): back to the form's page (303) with its
 * errors and the answers typed (never a password nor a code), which shows them once. A refusal that
 * imposes a wait goes back the same way, its end kept with the errors: the page answers 429 and
 * Retry-After for what remains (`takeRefused`), so a reload never posts the form again; the JSON
 * API answers its own 429 (`apiError`).
 */
export async function refuseForm(
  d: FormStateDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  r: Refusal,
  f: RefusedForm,
): Promise<FastifyReply> {
  const fields = f.errorsAt ? f.errorsAt(refusalFields(r)) : refusalFields(r);
  const waitMs = imposesWait(r) ? Math.max(1000, r.retryAfterMs ?? 0) : undefined;
  const until = waitMs === undefined ? undefined : d.clock.now() + waitMs;
  const errors =
    until !== undefined && waitMs! >= UNTIL_FROM_MS
      ? fields.map((e) => ({ ...e, message: `${e.message} ${untilWhen(d.clock.now(), until)}` }))
      : fields;
  const extra = until === undefined ? f.extra : { ...f.extra, [WAIT_UNTIL]: until };
  try {
    return await redirectWithErrors(d, req, reply, f.to, { errors, values: f.values ?? {}, ...(extra ? { extra } : {}) });
  } catch (e) {
    // The database cannot take the errors now (an SQLite write lock held too long): the form is
    // answered as it was before Post/Redirect/Get, rather than a 503 for a mistake to correct.
    if (!(e instanceof DatabaseUnavailableError)) throw e;
    return sendHtml(reply, await f.render(errors), pageStatus(reply, r));
  }
}
