import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { pageUser, requestOrigin } from '../../http/session';
import type { FieldError } from '../../errors/app-error';
import { flag, formFields, readForm, readQuery } from '../../http/api/input';
import { CodeBody, ResentQuery } from '../../http/api/schemas';
import { NewPasswordFields, ResetRequestBody } from './schemas';
import { z } from 'zod';
import { readCode } from '../contact-verification/codes';
import { RESET_FLOW_TTL_MS } from './use-cases';
import {
  pendingReset,
  requestPasswordReset,
  resendResetCode,
  resetReadyForPassword,
  submitNewPassword,
  submitResetCode,
  type PasswordResetDeps,
} from './use-cases';
import { sendHtml } from '../../http/errors';
import { fieldsRefusal, formRefusal, refuseForm, takeRefused, type Refusal } from '../refusal';
import { keptValue, takeFormState } from '../../http/form-state';
import { newPasswordRefusal, resetCodeRefusal, resetRequestRefusal } from './replies';
import { backLink, button, errorSummary, form, notificationBanner } from '../../http/views/components';
import { atResendButton, receivedCodeStep, secondsUntil } from '../contact-verification/views';
import { html } from '../../http/views/html';
import { PASSWORD_CHECKLIST_SCRIPT, passwordFields } from '../../http/views/password-fields';
import { identifierInput, page, signedOutPage } from '../../http/views/account-page';
import { resendRefusal } from '../contact-verification/resend';

/** What these routes take from the composition root (src/context.ts builds them). */
export type PasswordResetPagesDeps = PasswordResetDeps;

/**
 * « Mot de passe oublié ? »: /mot-de-passe-oublie (identifier) → /mot-de-passe-oublie/code →
 * /mot-de-passe-oublie/nouveau → /mot-de-passe-oublie/termine. The answer to the identifier never
 * says whether an account exists. Not affected by the login throttle.
 */
export const RESET_FLOW_COOKIE = 'mc_reset';
const EXPIRED = '/mot-de-passe-oublie?expiree=1';
const DONE = '/mot-de-passe-oublie/termine';
const ExpiredQuery = z.object({ expiree: flag });
const NewPasswordForm = z.object(NewPasswordFields);

export function passwordResetPages(ctx: PasswordResetPagesDeps): FastifyPluginAsync {
  const flowCookie = { path: '/mot-de-passe-oublie', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.isProduction };

  const identifierPage = (req: FastifyRequest, v: { identifier?: string; errors?: FieldError[]; expired?: boolean }) =>
    page(
      {
        title: 'Mot de passe oublié',
        hasErrors: !!v.errors?.length,
        user: pageUser(req),
        backLink: backLink('/connexion'),
        step: 'mot-de-passe-oublie',
      },
      html`${errorSummary(v.errors)}
${v.expired ? notificationBanner({ body: html`<p class="govuk-notification-banner__heading">Votre demande a expiré. Merci de recommencer.</p>` }) : ''}
<h1 class="govuk-heading-l">Mot de passe oublié</h1>
<p class="govuk-body">Indiquez votre identifiant : si un compte Mon Compte lui correspond, nous enverrons un code à 6 chiffres à l’adresse mail ou au numéro de téléphone portable enregistré. Ce code vous permettra de choisir un nouveau mot de passe.</p>
${form(
  { action: '/mot-de-passe-oublie', csrfToken: req.csrfToken },
  html`${identifierInput(v)}
${button('Recevoir un code')}`,
)}
<p class="govuk-body"><a class="govuk-link" href="/mot-de-passe-oublie/sans-contact">Je n’ai plus accès à mon adresse mail ou à mon téléphone</a></p>`,
    );

  /** The shared code form, saying neither whether the identifier has an account nor where its code went. */
  const codePage = (req: FastifyRequest, v: { resendInSeconds: number; errors?: FieldError[]; resent?: boolean }) => {
    const step = receivedCodeStep({
      back: '/mot-de-passe-oublie',
      action: '/mot-de-passe-oublie/code',
      csrfToken: req.csrfToken,
      resendInSeconds: v.resendInSeconds,
      resent: !!v.resent,
      help: html`Vérifiez l’identifiant saisi : <a class="govuk-link" href="/mot-de-passe-oublie">recommencez votre demande</a>.`,
      agencyPhone: ctx.config.agencyPhone,
      errors: v.errors,
    });
    return page({ ...step.frame, step: 'mot-de-passe-oublie' }, step.content);
  };

  const newPasswordPage = (req: FastifyRequest, errors?: FieldError[]) =>
    page(
      {
        title: 'Choisir un nouveau mot de passe',
        hasErrors: !!errors?.length,
        scripts: [PASSWORD_CHECKLIST_SCRIPT],
        step: 'mot-de-passe-oublie',
      },
      html`${errorSummary(errors)}
<h1 class="govuk-heading-l">Choisissez un nouveau mot de passe</h1>
<p class="govuk-body">Une fois votre mot de passe changé, vous serez déconnecté de tous les appareils où vous étiez connecté.</p>
${form({ action: '/mot-de-passe-oublie/nouveau', csrfToken: req.csrfToken }, html`${passwordFields({ errors })}${button('Enregistrer mon nouveau mot de passe')}`)}`,
    );

  /** The last page: the password changed, every session ended. */
  const donePage = (req: FastifyRequest) =>
    signedOutPage(req, {
      title: 'Mot de passe modifié',
      heading: 'Votre mot de passe a été modifié',
      what: 'Vous avez été déconnecté de tous les appareils où vous étiez connecté. Un message de confirmation a été envoyé à vos coordonnées de contact.',
    });

  return async (app) => {
    app.get('/mot-de-passe-oublie', async (req, reply) => {
      const { shown, status } = await takeRefused(ctx, req, reply);
      if (shown) return sendHtml(reply, identifierPage(req, { identifier: keptValue(shown, 'identifier'), errors: shown.errors }), status);
      return sendHtml(reply, identifierPage(req, { expired: readQuery(ExpiredQuery, req).expiree }));
    });

    app.post('/mot-de-passe-oublie', async (req, reply) => {
      const refused = (r: Refusal, identifier: string | undefined) =>
        refuseForm(ctx, req, reply, r, {
          to: '/mot-de-passe-oublie',
          values: { identifier },
          render: (errors) => identifierPage(req, { identifier, errors }),
        });
      const read = readForm(ResetRequestBody, req);
      if (!read.ok) return refused(formRefusal(read.errors), formFields(req.body).identifier);
      const { identifier } = read.data;
      const r = await requestPasswordReset(ctx, { identifier, origin: requestOrigin(req) });
      if (r.kind === 'rate_limited') return refused(resetRequestRefusal(r), identifier);
      reply.setCookie(RESET_FLOW_COOKIE, r.flowToken, { ...flowCookie, maxAge: RESET_FLOW_TTL_MS / 1000 });
      return reply.redirect('/mot-de-passe-oublie/code', 303);
    });

    app.get('/mot-de-passe-oublie/code', async (req, reply) => {
      const p = await pendingReset(ctx, req.cookies[RESET_FLOW_COOKIE]);
      if (!p) return reply.redirect(EXPIRED, 303);
      if (p.flow.state === 'code_verified') return reply.redirect('/mot-de-passe-oublie/nouveau', 303);
      const resendInSeconds = secondsUntil(p.resendAllowedAt, ctx.clock.now());
      const { shown, status } = await takeRefused(ctx, req, reply);
      return sendHtml(
        reply,
        codePage(req, shown ? { resendInSeconds, errors: shown.errors } : { resendInSeconds, resent: readQuery(ResentQuery, req).renvoye }),
        status,
      );
    });

    app.post('/mot-de-passe-oublie/code', async (req, reply) => {
      const token = req.cookies[RESET_FLOW_COOKIE];
      const p = await pendingReset(ctx, token);
      if (!p) return reply.redirect(EXPIRED, 303);
      const resendInSeconds = secondsUntil(p.resendAllowedAt, ctx.clock.now());
      // The code typed is never kept: the page shows the errors with an empty field.
      const refused = (r: Refusal) =>
        refuseForm(ctx, req, reply, r, { to: '/mot-de-passe-oublie/code', render: (errors) => codePage(req, { resendInSeconds, errors }) });
      const form = readForm(CodeBody, req);
      if (!form.ok) return refused(formRefusal(form.errors));
      const typed = readCode(form.data.code);
      if (!typed.ok) return refused(fieldsRefusal([typed.error]));
      const r = await submitResetCode(ctx, { flowToken: token, code: typed.code, origin: requestOrigin(req) });
      if (r.kind === 'flow_expired') return reply.redirect(EXPIRED, 303);
      if (r.kind === 'code_error') return refused(resetCodeRefusal(r));
      return reply.redirect('/mot-de-passe-oublie/nouveau', 303);
    });

    app.post('/mot-de-passe-oublie/code/renvoyer', async (req, reply) => {
      const r = await resendResetCode(ctx, { flowToken: req.cookies[RESET_FLOW_COOKIE], origin: requestOrigin(req) });
      if (r.kind === 'flow_expired') return reply.redirect(EXPIRED, 303);
      if (r.kind !== 'sent') {
        // Too many codes is only said once the cooldown is over.
        const resendInSeconds = r.kind === 'too_early' ? Math.ceil(r.retryAfterMs / 1000) : 0;
        return refuseForm(ctx, req, reply, resendRefusal(r), {
          to: '/mot-de-passe-oublie/code',
          errorsAt: atResendButton,
          render: (errors) => codePage(req, { resendInSeconds, errors }),
        });
      }
      return reply.redirect('/mot-de-passe-oublie/code?renvoye=1', 303);
    });

    app.get('/mot-de-passe-oublie/nouveau', async (req, reply) => {
      if (!(await resetReadyForPassword(ctx, req.cookies[RESET_FLOW_COOKIE]))) return reply.redirect(EXPIRED, 303);
      return sendHtml(reply, newPasswordPage(req, (await takeFormState(ctx, req, reply))?.errors));
    });

    app.post('/mot-de-passe-oublie/nouveau', async (req, reply) => {
      // Passwords are never kept: the page shows the errors with empty fields.
      const refused = (r: Refusal) =>
        refuseForm(ctx, req, reply, r, { to: '/mot-de-passe-oublie/nouveau', render: (errors) => newPasswordPage(req, errors) });
      const read = readForm(NewPasswordForm, req);
      if (!read.ok) return refused(formRefusal(read.errors));
      const r = await submitNewPassword(ctx, {
        flowToken: req.cookies[RESET_FLOW_COOKIE],
        password: read.data.password,
        confirmation: read.data.passwordConfirmation,
        origin: requestOrigin(req),
      });
      if (r.kind === 'flow_expired') return reply.redirect(EXPIRED, 303);
      if (r.kind === 'invalid') return refused(newPasswordRefusal(r));
      reply.clearCookie(RESET_FLOW_COOKIE, flowCookie);
      return reply.redirect(DONE, 303);
    });

    app.get(DONE, async (req, reply) => sendHtml(reply, donePage(req)));
  };
}
