import type { FastifyPluginAsync } from 'fastify';
import { createSessionFor, endCurrentSession, requestOrigin } from '../../http/session';
import { FlowError } from '../../flows/flow';
import { loginFlow } from '../kinds';
import { maskDestination } from '../../accounts/destination';
import { pendingLogin, resendLoginCode, submitLoginCode, submitPassword, type LoginDeps } from './use-cases';
import { EmptyBody } from '../../http/api/schemas';
import { LoginAnswer, LoginBody, LoginCodeBody, SignedIn } from './schemas';
import { accountView, codeSent, resendCodeRoute } from './answers';
import { apiError } from '../refusal';
import { codeRefusal, passwordRefusal } from './replies';
import { readCode } from '../contact-verification/read-code';
import { apiRoute } from '../../http/api/route';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type LoginApiDeps = LoginDeps & Pick<JourneyDeps, 'sessions'>;

/**
 * « Se connecter » in JSON, from the same use cases as /connexion (src/journeys/login/use-cases.ts):
 *   POST /api/login              { identifier, password } → code_sent { flowId, … } (or signed_in without second factor)
 *   POST /api/login/code         { flowId, code }         → signed_in: the session cookie is set, as by the pages
 *   POST /api/login/code/resend  { flowId }
 *   GET  /api/session                                     → the signed-in account (401 without session)
 *   POST /api/logout                                      → 204, the session ended
 * The flow id travels in the body (the pages keep it in a cookie); it is worth nothing without the code.
 */
export function loginApi(ctx: LoginApiDeps): FastifyPluginAsync {
  const tags = ['Connexion'];
  const expired = () => new FlowError('FLOW_EXPIRED', loginFlow);
  const flow = { pending: pendingLogin, expired };
  return async (app) => {
    apiRoute(app, {
      method: 'POST',
      url: '/api/login',
      summary: 'Identifiant et mot de passe : un code est envoyé aux coordonnées du compte',
      tags,
      body: LoginBody,
      response: LoginAnswer,
      errors: [410, 429],
      handler: async ({ body, req, reply }) => {
        const r = await submitPassword(ctx, { ...body, origin: requestOrigin(req) });
        if (r.kind === 'throttled' || r.kind === 'invalid') throw apiError(reply, passwordRefusal(r));
        if (r.kind === 'signed_in') {
          await createSessionFor(ctx, r.account, req, reply, { method: 'password' });
          return { status: 'signed_in' as const, account: accountView(r.account) };
        }
        const { p, answer } = await codeSent(ctx, flow, r.flowToken);
        return {
          ...answer,
          contact: { kind: p.account.contact_kind, display: maskDestination(p.account.contact_kind, p.account.contact_value) },
        };
      },
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/login/code',
      summary: 'Le code reçu : la session est ouverte (cookie de session)',
      tags,
      body: LoginCodeBody,
      response: SignedIn,
      errors: [410, 429],
      handler: async ({ body, req, reply }) => {
        const code = readCode(body.code);
        const r = await submitLoginCode(ctx, { flowToken: body.flowId, code, origin: requestOrigin(req) });
        if (r.kind === 'flow_expired') throw expired();
        if (r.kind === 'throttled' || r.kind === 'code_error') throw apiError(reply, codeRefusal(r));
        await createSessionFor(ctx, r.account, req, reply, { method: 'password' });
        return { status: 'signed_in' as const, account: accountView(r.account) };
      },
    });

    resendCodeRoute(app, ctx, {
      ...flow,
      url: '/api/login/code/resend',
      tags,
      resend: (flowToken, req) => resendLoginCode(ctx, { flowToken, origin: requestOrigin(req) }),
    });

    apiRoute(app, {
      method: 'GET',
      url: '/api/session',
      summary: 'La personne connectée',
      tags,
      session: true,
      response: SignedIn,
      handler: async ({ req }) => ({ status: 'signed_in' as const, account: accountView(req.account!) }),
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/logout',
      summary: 'Se déconnecter : la session est terminée',
      tags,
      body: EmptyBody,
      status: 204,
      handler: async ({ req, reply }) => {
        await endCurrentSession(ctx, req, reply);
      },
    });
  };
}
