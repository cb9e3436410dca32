import type { FastifyPluginAsync } from 'fastify';
import { requestOrigin } from '../../auth/http-session';
import type { AppContext } from '../../context';
import { AppError } from '../../errors/app-error';
import { codeRefused } from '../../flows/contact-verification/codes';
import { pendingReset, requestPasswordReset, resendResetCode, submitNewPassword, submitResetCode } from '../../flows/login/password-reset';
import { waitMessage } from '../../security/login-throttle';
import { newPasswordErrors, resendRefused } from '../pages/account-page';
import { CodeResent } from '../schemas/login';
import { ResetCodeBody, ResetPasswordBody, ResetRequestBody, ResetResendBody, ResetStarted, ResetState } from '../schemas/password-reset';
import { fieldsError, iso, waitThen } from './answers';
import { readCode } from './codes';
import { apiRoute } from './route';

/**
 * « Mot de passe oublié ? » in JSON, from the same use cases as /mot-de-passe-oublie
 * (src/flows/login/password-reset.ts): identifier → code → new password. The first answer is the
 * same whether or not the identifier has an account; at the end every session of the account ends.
 */
export function passwordResetApi(ctx: AppContext): FastifyPluginAsync {
  const tags = ['Mot de passe oublié'];
  const expired = () => new AppError('RESET_FLOW_EXPIRED');
  return async (app) => {
    apiRoute(app, {
      method: 'POST',
      url: '/api/password-reset',
      summary: 'Identifiant : si un compte lui correspond, un code est envoyé à ses coordonnées',
      tags,
      body: ResetRequestBody,
      response: ResetStarted,
      status: 202,
      errors: [429],
      handler: async ({ body, req, reply }) => {
        const r = await requestPasswordReset(ctx, { identifier: body.identifier, origin: requestOrigin(req) });
        if (r.kind === 'rate_limited') {
          throw waitThen(reply, r.retryAfterMs, new AppError('RATE_LIMITED', 'identifier', `Trop de demandes pour cet identifiant. ${waitMessage(r.retryAfterMs)}`));
        }
        const p = await pendingReset(ctx, r.flowToken);
        if (!p) throw expired();
        return { status: 'code_sent' as const, flowId: r.flowToken, expiresAt: iso(p.flow.expires_at), resendAllowedAt: iso(p.resendAllowedAt) };
      },
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/password-reset/code',
      summary: 'Le code reçu',
      tags,
      body: ResetCodeBody,
      response: ResetState,
      handler: async ({ body, req }) => {
        const r = await submitResetCode(ctx, { flowToken: body.flowId, code: readCode(body.code), origin: requestOrigin(req) });
        if (r.kind === 'flow_expired') throw expired();
        if (r.kind === 'code_error') throw fieldsError([codeRefused(r)]);
        return { status: 'code_verified' as const };
      },
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/password-reset/code/resend',
      summary: 'Un nouveau code (après le délai d’attente)',
      tags,
      body: ResetResendBody,
      response: CodeResent,
      errors: [429],
      handler: async ({ body, req, reply }) => {
        const r = await resendResetCode(ctx, { flowToken: body.flowId, origin: requestOrigin(req) });
        if (r.kind === 'flow_expired') throw expired();
        if (r.kind !== 'sent') throw waitThen(reply, r.retryAfterMs, fieldsError([resendRefused(r)]) as AppError);
        const p = await pendingReset(ctx, body.flowId);
        return { status: 'code_sent' as const, resendAllowedAt: iso(p?.resendAllowedAt ?? ctx.clock.now()) };
      },
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/password-reset/password',
      summary: 'Le nouveau mot de passe : toutes les sessions du compte sont fermées',
      tags,
      body: ResetPasswordBody,
      response: ResetState,
      handler: async ({ body, req }) => {
        const r = await submitNewPassword(ctx, { flowToken: body.flowId, password: body.password, confirmation: body.passwordConfirmation, origin: requestOrigin(req) });
        if (r.kind === 'flow_expired') throw expired();
        if (r.kind === 'invalid') throw fieldsError(newPasswordErrors(r.problem, r.broken));
        return { status: 'password_changed' as const };
      },
    });
  };
}
