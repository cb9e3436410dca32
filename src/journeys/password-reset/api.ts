import type { FastifyPluginAsync } from 'fastify';
import { requestOrigin } from '../../http/session';
import { FlowError } from '../../flows/flow';
import { passwordResetFlow } from '../kinds';
import {
  pendingReset,
  requestPasswordReset,
  resendResetCode,
  submitNewPassword,
  submitResetCode,
  type PasswordResetDeps,
} from './use-cases';
import { ResetCodeBody, ResetPasswordBody, ResetRequestBody, ResetStarted, ResetState } from './schemas';
import { codeSent, resendCodeRoute } from '../login/answers';
import { apiError } from '../refusal';
import { newPasswordRefusal, resetCodeRefusal, resetRequestRefusal } from './replies';
import { readCode } from '../contact-verification/read-code';
import { apiRoute } from '../../http/api/route';

/** What these routes take from the composition root (src/context.ts builds them). */
export type PasswordResetApiDeps = PasswordResetDeps;

/**
 * « Mot de passe oublié ? » in JSON, from the same use cases as /mot-de-passe-oublie
 * (src/journeys/password-reset/use-cases.ts): identifier → code → new password. The first answer is the
 * same whether or not the identifier has an account; at the end every session of the account ends.
 */
export function passwordResetApi(ctx: PasswordResetApiDeps): FastifyPluginAsync {
  const tags = ['Mot de passe oublié'];
  const expired = () => new FlowError('FLOW_EXPIRED', passwordResetFlow);
  const flow = { pending: pendingReset, expired };
  return async (app) => {
    apiRoute(app, {
      method: 'POST',
      url: '/api/password-reset',
      summary: 'Identifiant : si un compte lui correspond, un code est envoyé à ses coordonnées',
      tags,
      body: ResetRequestBody,
      response: ResetStarted,
      status: 202,
      errors: [410, 429],
      handler: async ({ body, req, reply }) => {
        const r = await requestPasswordReset(ctx, { identifier: body.identifier, origin: requestOrigin(req) });
        if (r.kind === 'rate_limited') throw apiError(reply, resetRequestRefusal(r));
        return (await codeSent(ctx, flow, r.flowToken)).answer;
      },
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/password-reset/code',
      summary: 'Le code reçu',
      tags,
      body: ResetCodeBody,
      response: ResetState,
      errors: [410],
      handler: async ({ body, req, reply }) => {
        const r = await submitResetCode(ctx, { flowToken: body.flowId, code: readCode(body.code), origin: requestOrigin(req) });
        if (r.kind === 'flow_expired') throw expired();
        if (r.kind === 'code_error') throw apiError(reply, resetCodeRefusal(r));
        return { status: 'code_verified' as const };
      },
    });

    resendCodeRoute(app, ctx, {
      ...flow,
      url: '/api/password-reset/code/resend',
      tags,
      resend: (flowToken, req) => resendResetCode(ctx, { flowToken, origin: requestOrigin(req) }),
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/password-reset/password',
      summary: 'Le nouveau mot de passe : toutes les sessions du compte sont fermées',
      tags,
      body: ResetPasswordBody,
      response: ResetState,
      errors: [410],
      handler: async ({ body, req, reply }) => {
        const r = await submitNewPassword(ctx, {
          flowToken: body.flowId,
          password: body.password,
          confirmation: body.passwordConfirmation,
          origin: requestOrigin(req),
        });
        if (r.kind === 'flow_expired') throw expired();
        if (r.kind === 'invalid') throw apiError(reply, newPasswordRefusal(r));
        return { status: 'password_changed' as const };
      },
    });
  };
}
