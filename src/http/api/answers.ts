import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { displayName, type Account } from '../../accounts/repository';
import type { AppContext } from '../../context';
import { AppError, ValidationError, type FieldError } from '../../errors/app-error';
import { errorEntry, registeredErrors, type ErrorCode } from '../../errors/registry';
import { maskDestination } from '../../journeys/login/contact';
import type { ResendStep } from '../../journeys/login/use-cases';
import { resendRefused } from '../views/account-page';
import { CodeResent, FlowIdBody } from '../../journeys/login/schemas';
import { apiRoute } from './route';
import type { AccountView } from '../../journeys/login/schemas';

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
  if (fields.length === 1 && first && registeredErrors().has(first.code) && errorEntry(first.code as ErrorCode).status !== 400) {
    return new AppError(first.code as ErrorCode, first.field, first.message);
  }
  return new ValidationError(fields);
}

/** A refusal that makes the client wait: Retry-After (seconds) and the error. */
export function waitThen<E extends AppError | ValidationError>(reply: FastifyReply, retryAfterMs: number, e: E): E {
  reply.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  return e;
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** A flow that sent a code and waits for it (login, password reset), as its `pending…` use case reads it. */
export interface PendingCode {
  flow: { expiresAt: number };
  resendAllowedAt: number;
}

/** How a route reads its flow again: `pending` (the use case), `expired` (the error when it is gone). */
export interface CodeFlow<P extends PendingCode> {
  pending: (ctx: AppContext, flowToken: string) => Promise<P | undefined>;
  expired: () => Error;
}

/** The `code_sent` answer of a flow just begun, and the flow as read again (`p`) for what a route adds to it. */
export async function codeSent<P extends PendingCode>(ctx: AppContext, f: CodeFlow<P>, flowToken: string) {
  const p = await f.pending(ctx, flowToken);
  if (!p) throw f.expired();
  const answer = {
    status: 'code_sent' as const,
    flowId: flowToken,
    expiresAt: iso(p.flow.expiresAt),
    resendAllowedAt: iso(p.resendAllowedAt),
  };
  return { p, answer };
}

/**
 * « Renvoyer un code » of a flow named by its flowId (login, password reset): the same route shape,
 * refusals (cooldown, too many codes: 429 with Retry-After) and answer for both.
 */
export function resendCodeRoute(
  app: FastifyInstance,
  ctx: AppContext,
  o: CodeFlow<PendingCode> & {
    url: `/api/${string}`;
    tags: string[];
    resend: (flowToken: string, req: FastifyRequest) => Promise<ResendStep>;
  },
): void {
  apiRoute(app, {
    method: 'POST',
    url: o.url,
    summary: 'Un nouveau code (après le délai d’attente)',
    tags: o.tags,
    body: FlowIdBody,
    response: CodeResent,
    errors: [410, 429],
    handler: async ({ body, req, reply }) => {
      const r = await o.resend(body.flowId, req);
      if (r.kind === 'flow_expired') throw o.expired();
      if (r.kind !== 'sent') throw waitThen(reply, r.retryAfterMs, fieldsError([resendRefused(r)]));
      const resendAllowedAt = (await o.pending(ctx, body.flowId))?.resendAllowedAt ?? ctx.clock.now();
      return { status: 'code_sent' as const, resendAllowedAt: iso(resendAllowedAt) };
    },
  });
}
