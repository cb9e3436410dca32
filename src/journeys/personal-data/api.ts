import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { confirmClosing, startClosing, type StartClosing } from '../../accounts/closing';
import { personalDataOf } from './export';
import { recordAudit } from '../../auth/audit';
import { endCurrentSession, requestOrigin } from '../../http/session';
import { AppError, fieldError } from '../../errors/app-error';
import { codeRefused, resendTooEarly } from '../contact-verification/codes';
import { waitMessage } from '../../security/login-throttle';
import { requirePermission } from '../../http/require-permission';
import { CodeBody } from '../../http/api/schemas';
import { AccountClosed, ClosingBody, ClosingCodeSent, PersonalDataAnswer } from './schemas';
import { fieldsError, waitThen } from '../../http/api/answers';
import { readCode } from '../contact-verification/read-code';
import { apiRoute } from '../../http/api/route';
import type { DepsOf, JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type PersonalDataApiDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'sessions'> &
  DepsOf<typeof startClosing> &
  DepsOf<typeof confirmClosing>;

/**
 * The person's rights in JSON, from the same use cases as the pages (src/journeys/personal-data/pages.ts):
 * « Mes données » (everything held about them, src/journeys/personal-data/export.ts) and « Fermer mon compte »
 * (password or recent FranceConnect login → a code to the verified contact → closed, src/accounts/closing.ts).
 */
export function personalDataApi(ctx: PersonalDataApiDeps): FastifyPluginAsync {
  const tags = ['Mes données'];
  const own = requirePermission(ctx, 'consult_personal_data');
  return async (app) => {
    apiRoute(app, {
      method: 'GET',
      url: '/api/mes-donnees',
      summary: 'Tout ce que Mon Compte détient sur la personne connectée',
      tags,
      session: true,
      guard: own,
      response: PersonalDataAnswer,
      handler: async ({ req }) => {
        const data = await personalDataOf(ctx, req.account!);
        await recordAudit(
          ctx.database.db,
          { type: 'personal_data_exported', accountId: req.account!.id, ...requestOrigin(req), details: { format: 'json' } },
          ctx.clock.now(),
        );
        return data;
      },
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/account/closing',
      summary: 'Fermer son compte, étape 1 : le mot de passe actuel ; un code est envoyé aux coordonnées vérifiées',
      tags,
      session: true,
      guard: own,
      body: ClosingBody,
      response: ClosingCodeSent,
      status: 202,
      errors: [403, 429],
      handler: async ({ body, req, reply }) => {
        const r = await startClosing(ctx, {
          account: req.account!,
          session: req.session!,
          password: body.currentPassword,
          origin: requestOrigin(req),
        });
        refuseStart(r, reply);
        const a = req.account!;
        return { status: 'code_sent' as const, contact: { kind: a.contact_kind, display: r.kind === 'code_sent' ? r.destination : '' } };
      },
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/account/closing/code',
      summary: 'Fermer son compte, étape 2 : le code reçu ; le compte en ligne est fermé (le dossier reste)',
      tags,
      session: true,
      guard: own,
      body: CodeBody,
      response: AccountClosed,
      handler: async ({ body, req, reply }) => {
        const r = await confirmClosing(ctx, { account: req.account!, code: readCode(body.code), origin: requestOrigin(req) });
        if (r.kind !== 'closed') throw fieldsError([codeRefused(r)]);
        await endCurrentSession(ctx, req, reply);
        return { status: 'closed' as const };
      },
    });
  };
}

/** Throws the refusal of step 1 (wrong password, too many tries, a code sent a moment ago, FranceConnect again). */
export function refuseStart(r: StartClosing, reply: FastifyReply): asserts r is Extract<StartClosing, { kind: 'code_sent' }> {
  if (r.kind === 'throttled')
    throw waitThen(
      reply,
      r.retryAfterMs,
      new AppError('LOGIN_THROTTLED', 'currentPassword', `Trop de tentatives. ${waitMessage(r.retryAfterMs)}`),
    );
  if (r.kind === 'wrong_password') throw fieldsError([fieldError('currentPassword', 'AUTH_CURRENT_PASSWORD_WRONG')]);
  if (r.kind === 'franceconnect_again') throw new AppError('FRANCECONNECT_AGAIN');
  if (r.kind === 'wait') throw waitThen(reply, r.retryAfterMs, fieldsError([resendTooEarly(Math.ceil(r.retryAfterMs / 1000))]));
}
