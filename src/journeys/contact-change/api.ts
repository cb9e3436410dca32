import type { FastifyPluginAsync } from 'fastify';
import { requestOrigin } from '../../http/session';
import { AppError } from '../../errors/app-error';
import { codeRefused, contactRefusal } from '../contact-verification/codes';
import { maskDestination } from '../../accounts/destination';
import { confirmContactChange, pendingContactChange, startContactChange } from './use-cases';
import { FlowError } from '../../flows/flow';
import { contactChangeFlow } from '../kinds';
import { ContactChangeBody, ContactChanged, ContactCodeBody, ContactCodeSent } from '../account-settings/schemas';
import { fieldsError, iso } from '../../http/api/answers';
import { apiError } from '../refusal';
import { reauthRefusal } from '../login/replies';
import { readCode } from '../contact-verification/read-code';
import { requirePermission } from '../../http/require-permission';
import { apiRoutes } from '../../http/api/route';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type ContactChangeApiDeps = Pick<
  JourneyDeps,
  'clock' | 'codes' | 'config' | 'contactCodes' | 'database' | 'loginThrottle' | 'passwordCheck' | 'passwords' | 'sessions'
>;

/**
 * « Modifier mes coordonnées de contact » in JSON, for the signed-in person (cookie session), from
 * the same use cases as /mon-espace/securite/contact (src/journeys/contact-change): the current
 * password and the new contact → a code to the NEW contact → it replaces the old one. The change in
 * progress is a flow of the account, named by the `flowId` of the first answer (the pages keep it
 * in a cookie).
 */
export function contactChangeApi(ctx: ContactChangeApiDeps): FastifyPluginAsync {
  return async (app) => {
    const route = apiRoutes(app, { tags: ['Sécurité du compte'], session: true, guard: requirePermission(ctx, 'modify_contact') });
    route({
      method: 'POST',
      url: '/api/account/contact',
      summary: 'Nouvelles coordonnées (et mot de passe actuel) : un code leur est envoyé',
      body: ContactChangeBody,
      response: ContactCodeSent,
      status: 202,
      errors: [403, 429],
      handler: async ({ body, req, reply }) => {
        const { currentPassword, ...contact } = body;
        const r = await startContactChange(ctx, {
          account: req.account!,
          session: req.session!,
          current: currentPassword,
          contact,
          origin: requestOrigin(req),
        });
        if (r.kind === 'throttled' || r.kind === 'wrong_password') throw apiError(reply, reauthRefusal(r));
        if (r.kind === 'franceconnect_again') throw new AppError('FRANCECONNECT_AGAIN');
        if (r.kind === 'rate_limited') throw apiError(reply, contactRefusal(r));
        if (r.kind === 'invalid_contact') throw fieldsError([r.error]);
        const flow = await pendingContactChange(ctx, req.account!, r.flowToken);
        if (!flow) throw new FlowError('FLOW_EXPIRED', contactChangeFlow);
        return {
          status: 'code_sent' as const,
          flowId: r.flowToken,
          expiresAt: iso(flow.expiresAt),
          contact: { kind: r.pending.kind, display: maskDestination(r.pending.kind, r.pending.value) },
        };
      },
    });

    route({
      method: 'POST',
      url: '/api/account/contact/code',
      summary: 'Le code reçu aux nouvelles coordonnées : elles remplacent les anciennes',
      body: ContactCodeBody,
      response: ContactChanged,
      errors: [404, 410],
      handler: async ({ body, req }) => {
        const flow = await pendingContactChange(ctx, req.account!, body.flowId);
        if (!flow) throw new FlowError('FLOW_EXPIRED', contactChangeFlow);
        const r = await confirmContactChange(ctx, {
          account: req.account!,
          flowToken: body.flowId,
          code: readCode(body.code),
          origin: requestOrigin(req),
        });
        if (r.kind === 'flow_expired') throw new FlowError('FLOW_EXPIRED', contactChangeFlow);
        if (r.kind === 'code_error') throw fieldsError([codeRefused(r)]);
        const { kind, value } = flow.data;
        return { status: 'contact_changed' as const, contact: { kind, display: maskDestination(kind, value) } };
      },
    });
  };
}
