import type { FastifyPluginAsync } from 'fastify';
import { requestOrigin, setSessionData } from '../../auth/http-session';
import type { AppContext } from '../../context';
import { AppError, fieldError } from '../../errors/app-error';
import { codeRefused } from '../../flows/contact-verification/codes';
import { maskDestination } from '../../flows/login/contact';
import { confirmContactChange, startContactChange } from '../../flows/login/settings';
import { waitMessage } from '../../security/login-throttle';
import { CodeBody } from '../schemas/common';
import { ContactChangeBody, ContactChanged, ContactCodeSent } from '../schemas/security';
import { fieldsError, waitThen } from './answers';
import { readCode } from './codes';
import { apiRoute } from './route';

/**
 * « Modifier mes coordonnées de contact » in JSON, for the signed-in person (cookie session), from
 * the same use cases as /mon-espace/securite/contact (src/flows/login/settings.ts): the current
 * password and the new contact → a code to the NEW contact → it replaces the old one. The pending
 * change is kept in the session, as the pages keep it.
 */
export function contactChangeApi(ctx: AppContext): FastifyPluginAsync {
  const tags = ['Sécurité du compte'];
  return async (app) => {
    apiRoute(app, {
      method: 'POST',
      url: '/api/account/contact',
      summary: 'Nouvelles coordonnées (et mot de passe actuel) : un code leur est envoyé',
      tags,
      session: true,
      body: ContactChangeBody,
      response: ContactCodeSent,
      status: 202,
      errors: [403, 429],
      handler: async ({ body, req, reply }) => {
        const { currentPassword, ...contact } = body;
        const r = await startContactChange(ctx, { account: req.account!, session: req.session!, current: currentPassword, contact, origin: requestOrigin(req) });
        if (r.kind === 'throttled') throw waitThen(reply, r.retryAfterMs, new AppError('LOGIN_THROTTLED', 'currentPassword', `Trop de tentatives. ${waitMessage(r.retryAfterMs)}`));
        if (r.kind === 'wrong_password') throw fieldsError([fieldError('currentPassword', 'AUTH_CURRENT_PASSWORD_WRONG')]);
        if (r.kind === 'franceconnect_again') throw new AppError('FORBIDDEN', undefined, 'Connectez-vous de nouveau avec FranceConnect pour confirmer qu’il s’agit bien de vous.');
        if (r.kind === 'invalid_contact' || r.kind === 'rate_limited') throw fieldsError([r.error]);
        await setSessionData(ctx, req, { ...req.session!.data, pendingContact: r.pending });
        return { status: 'code_sent' as const, contact: { kind: r.pending.kind, display: maskDestination(r.pending.kind, r.pending.value) } };
      },
    });

    apiRoute(app, {
      method: 'POST',
      url: '/api/account/contact/code',
      summary: 'Le code reçu aux nouvelles coordonnées : elles remplacent les anciennes',
      tags,
      session: true,
      body: CodeBody,
      response: ContactChanged,
      handler: async ({ body, req }) => {
        const pending = req.session!.data.pendingContact;
        if (!pending) throw new AppError('AUTH_CONTACT_FLOW_EXPIRED');
        const r = await confirmContactChange(ctx, { account: req.account!, pending, code: readCode(body.code), origin: requestOrigin(req) });
        if (r.kind === 'code_error') throw fieldsError([codeRefused(r)]);
        const { pendingContact: _done, ...rest } = req.session!.data;
        await setSessionData(ctx, req, rest);
        return { status: 'contact_changed' as const, contact: { kind: pending.kind, display: maskDestination(pending.kind, pending.value) } };
      },
    });
  };
}
