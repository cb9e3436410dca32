import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { displayName, type Account } from '../../accounts/repository';
import { fieldsError, iso, waitThen } from '../../http/api/answers';
import { apiRoute } from '../../http/api/route';
import type { Clock } from '../../shared/clock';
import { resendRefused } from '../contact-verification/resend';
import { maskDestination } from '../../accounts/destination';
import { CodeResent, FlowIdBody, type AccountView } from './schemas';
import type { ResendStep } from './code-step';

/** The JSON answers the login and the password reset share: the account as the API shows it, a code sent, « Renvoyer un code ». */
export function accountView(a: Account): z.input<typeof AccountView> {
  return {
    displayName: displayName(a),
    loginId: a.login_id,
    identityStatus: a.identity_status,
    contact: { kind: a.contact_kind, display: maskDestination(a.contact_kind, a.contact_value) },
    hasPassword: !!a.password_hash,
  };
}

/** A flow that sent a code and waits for it (login, password reset), as its `pending…` use case reads it. */
export interface PendingCode {
  flow: { expiresAt: number };
  resendAllowedAt: number;
}

/** How a route reads its flow again: `pending` (the use case), `expired` (the error when it is gone). */
export interface CodeFlow<P extends PendingCode, C> {
  pending: (ctx: C, flowToken: string) => Promise<P | undefined>;
  expired: () => Error;
}

/** The `code_sent` answer of a flow just begun, and the flow as read again (`p`) for what a route adds to it. */
export async function codeSent<P extends PendingCode, C>(ctx: C, f: CodeFlow<P, C>, flowToken: string) {
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
export function resendCodeRoute<C extends { clock: Clock }>(
  app: FastifyInstance,
  ctx: C,
  o: CodeFlow<PendingCode, C> & {
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
