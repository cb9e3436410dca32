import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { SIGNED_OUT } from './messages';
import { createSessionFor, endCurrentSession, requestOrigin, requireAccount } from '../../http/session';
import type { SessionData } from '../../auth/sessions';
import type { FieldError } from '../../errors/app-error';
import { readCode } from '../contact-verification/codes';
import { fieldsRefusal, formRefusal, refuseForm, takeRefused, type Refusal } from '../refusal';
import { keptValue } from '../../http/form-state';
import { codeRefusal, passwordRefusal } from './replies';
import { formFields, readForm, readQuery } from '../../http/api/input';
import { CodeBody, ResentQuery } from '../../http/api/schemas';
import { LoginBody, LoginPageQuery } from './schemas';
import { maskDestination } from '../../accounts/destination';
import { LOGIN_FLOW_TTL_MS } from './use-cases';
import { pendingLogin, resendLoginCode, submitLoginCode, submitPassword, type LoginDeps, type PendingLogin } from './use-cases';
import { waitMessage } from '../../security/login-throttle';
import { sendHtml } from '../../http/errors';
import {
  button,
  errorSummary,
  form,
  linkButton,
  notificationBanner,
  panel,
  textInput,
  titled,
  warningText,
} from '../../http/views/components';
import { html, type SafeHtml } from '../../http/views/html';
import { TokenPage } from '../../http/views/token-page';
import { atResendButton, receivedCodeStep, secondsUntil } from '../contact-verification/views';
import { franceConnectButton } from '../../http/views/franceconnect';
import { accountPage, identifierInput, page, safeReturnPath } from '../../http/views/account-page';
import { resendRefusal } from '../contact-verification/resend';
import type { JourneyDeps } from '../deps';
import { landingAfterSignIn } from '../../http/intent';

/** What these routes take from the composition root (src/context.ts builds them). */
export type LoginPagesDeps = LoginDeps & Pick<JourneyDeps, 'sessions'>;

/**
 * « Se connecter »: /connexion (identifier + password), /connexion/code (second factor),
 * /deconnexion, and the session-timeout pages /session/expiration and /session/prolonger.
 */
export interface LoginPagesOptions {
  /**
   * Where to send the browser after our session is ended at logout (e.g. FranceConnect's
   * end-session endpoint when `data.franceConnectIdToken` is set); undefined: our own page.
   */
  logoutRedirect?: (data: SessionData) => string | undefined | Promise<string | undefined>;
}

export const LOGIN_FLOW_COOKIE = 'mc_login';

const NOTICES: Record<string, string> = {
  expiree: 'Votre session a expiré après 30 minutes sans activité. Pour protéger vos informations, merci de vous reconnecter.',
  connexion: 'Votre connexion a expiré. Merci de saisir à nouveau votre identifiant et votre mot de passe.',
  'mot-de-passe': 'Votre mot de passe a été modifié. Vous pouvez vous connecter avec votre nouveau mot de passe.',
};

export function loginPages(ctx: LoginPagesDeps, o: LoginPagesOptions = {}): FastifyPluginAsync {
  const secure = ctx.config.isProduction;
  const flowCookie = { path: '/connexion', httpOnly: true, sameSite: 'lax' as const, secure };

  const loginForm = (csrfToken: string, v: { identifier?: string; errors?: FieldError[]; wait?: string; notice?: string }) =>
    page(
      { title: 'Se connecter', hasErrors: !!v.errors?.length, step: 'connexion' },
      html`${errorSummary(v.errors)}
${v.notice ? notificationBanner({ body: html`<p class="govuk-notification-banner__heading">${v.notice}</p>` }) : ''}
<h1 class="govuk-heading-l">Se connecter à Mon Compte</h1>
${v.wait ? warningText(html`${v.wait} Si vous avez oublié votre mot de passe, vous pouvez <a class="govuk-link" href="/mot-de-passe-oublie">en choisir un nouveau</a>.`) : ''}
<!-- FranceConnect: the button is inserted in this block. -->
<div id="franceconnect">${franceConnectButton({ heading: 'Avec FranceConnect' })}</div>
<h2 class="govuk-heading-m">Avec mon numéro de sécurité sociale</h2>
${form(
  { action: '/connexion', csrfToken },
  html`${identifierInput(v)}
${textInput({ name: 'password', label: 'Mot de passe', type: 'password', autocomplete: 'current-password', spellcheck: false, errors: v.errors, widthClass: 'govuk-input--width-20' })}
<p class="govuk-body"><a class="govuk-link" href="/mot-de-passe-oublie">Mot de passe oublié ?</a></p>
${button('Se connecter')}`,
)}
<h2 class="govuk-heading-m">Vous n’avez pas encore de compte ?</h2>
<p class="govuk-body"><a class="govuk-link" href="/creer-mon-compte">Créer mon compte</a></p>`,
    );

  /** The shared code form, to the account's contact (masked); help: the Caf, since the contact cannot be changed before logging in. */
  const codePage = (req: FastifyRequest, p: PendingLogin, v: { errors?: FieldError[]; resent?: boolean } = {}) => {
    const step = receivedCodeStep({
      back: '/connexion',
      action: '/connexion/code',
      csrfToken: req.csrfToken,
      contact: { kind: p.account.contact_kind, display: maskDestination(p.account.contact_kind, p.account.contact_value) },
      resendInSeconds: secondsUntil(p.resendAllowedAt, ctx.clock.now()),
      resent: !!v.resent,
      help: html`Ces coordonnées sont celles de votre compte : si vous n’y avez plus accès, signalez-le à l’équipe de votre Caf, au même numéro.`,
      agencyPhone: ctx.config.agencyPhone,
      errors: v.errors,
    });
    return page({ ...step.frame, step: 'connexion' }, step.content);
  };

  /** A page of the signed-in person's space whose <h1> is its title. */
  const signedInPage = (req: FastifyRequest, title: string, body: SafeHtml) => accountPage(req, { title }, titled(title, body));

  /** The form as it first appears, the same for everybody but the token. */
  const blankLoginForm = new TokenPage((csrfToken) => loginForm(csrfToken, {}));

  return async (app) => {
    app.get('/connexion', async (req, reply) => {
      if (req.account) return reply.redirect('/mon-espace', 303);
      const q = readQuery(LoginPageQuery, req);
      const notice = NOTICES[q.session === 'expiree' ? 'expiree' : (q.message ?? '')];
      const { shown, status } = await takeRefused(ctx, req, reply);
      if (shown) {
        const wait = typeof shown.extra?.wait === 'string' ? shown.extra.wait : undefined;
        // Too many attempts: the page that shows it answers 429 and Retry-After while the wait lasts.
        return sendHtml(
          reply,
          loginForm(req.csrfToken, { identifier: keptValue(shown, 'identifier'), errors: shown.errors, ...(wait ? { wait } : {}) }),
          status,
        );
      }
      return sendHtml(reply, notice ? loginForm(req.csrfToken, { notice }) : blankLoginForm.html(req.csrfToken));
    });

    app.post('/connexion', async (req, reply) => {
      const read = readForm(LoginBody, req);
      if (!read.ok) {
        const typed = formFields(req.body).identifier?.trim();
        return refuseForm(ctx, req, reply, formRefusal(read.errors), {
          to: '/connexion',
          values: { identifier: typed },
          render: (errors) => loginForm(req.csrfToken, { identifier: typed, errors }),
        });
      }
      const { identifier, password } = read.data;
      const r = await submitPassword(ctx, { identifier, password, origin: requestOrigin(req) });
      if (r.kind === 'throttled' || r.kind === 'invalid') {
        // The refusal as ./replies.ts says it; the page adds the wait beside « Mot de passe oublié ? ».
        // Too many attempts goes back to the page too (303), which answers the 429: a reload of it
        // never posts the password again (the JSON API answers the 429 itself).
        const wait = r.retryAfterMs > 0 ? waitMessage(r.retryAfterMs) : undefined;
        return refuseForm(ctx, req, reply, passwordRefusal(r), {
          to: '/connexion',
          values: { identifier },
          ...(wait ? { extra: { wait } } : {}),
          render: (errors) => loginForm(req.csrfToken, { identifier, errors, ...(wait ? { wait } : {}) }),
        });
      }
      if (r.kind === 'code_sent') {
        reply.setCookie(LOGIN_FLOW_COOKIE, r.flowToken, { ...flowCookie, maxAge: LOGIN_FLOW_TTL_MS / 1000 });
        return reply.redirect('/connexion/code', 303);
      }
      await createSessionFor(ctx, r.account, req, reply, { method: 'password' });
      return reply.redirect(landingAfterSignIn(req), 303);
    });

    app.get('/connexion/code', async (req, reply) => {
      const p = await pendingLogin(ctx, req.cookies[LOGIN_FLOW_COOKIE]);
      if (!p) return reply.redirect('/connexion?message=connexion', 303);
      const { shown, status } = await takeRefused(ctx, req, reply);
      return sendHtml(reply, codePage(req, p, shown ? { errors: shown.errors } : { resent: readQuery(ResentQuery, req).renvoye }), status);
    });

    app.post('/connexion/code', async (req, reply) => {
      const token = req.cookies[LOGIN_FLOW_COOKIE];
      const p = await pendingLogin(ctx, token);
      if (!p) return reply.redirect('/connexion?message=connexion', 303);
      // The code typed is never kept: the page shows the errors with an empty field.
      const refused = (r: Refusal) =>
        refuseForm(ctx, req, reply, r, { to: '/connexion/code', render: (errors) => codePage(req, p, { errors }) });
      const form = readForm(CodeBody, req);
      if (!form.ok) return refused(formRefusal(form.errors));
      const typed = readCode(form.data.code);
      if (!typed.ok) return refused(fieldsRefusal([typed.error]));
      const r = await submitLoginCode(ctx, { flowToken: token, code: typed.code, origin: requestOrigin(req) });
      if (r.kind === 'flow_expired') return reply.redirect('/connexion?message=connexion', 303);
      if (r.kind === 'throttled' || r.kind === 'code_error') return refused(codeRefusal(r));
      reply.clearCookie(LOGIN_FLOW_COOKIE, flowCookie);
      await createSessionFor(ctx, r.account, req, reply, { method: 'password' });
      return reply.redirect(landingAfterSignIn(req), 303);
    });

    app.post('/connexion/code/renvoyer', async (req, reply) => {
      const r = await resendLoginCode(ctx, { flowToken: req.cookies[LOGIN_FLOW_COOKIE], origin: requestOrigin(req) });
      if (r.kind === 'flow_expired') return reply.redirect('/connexion?message=connexion', 303);
      if (r.kind !== 'sent') {
        const p = await pendingLogin(ctx, req.cookies[LOGIN_FLOW_COOKIE]);
        if (!p) return reply.redirect('/connexion?message=connexion', 303);
        return refuseForm(ctx, req, reply, resendRefusal(r), {
          to: '/connexion/code',
          errorsAt: atResendButton,
          render: (errors) => codePage(req, p, { errors }),
        });
      }
      return reply.redirect('/connexion/code?renvoye=1', 303);
    });

    // Logout: a POST with the CSRF token (a link cannot log anybody out); GET shows the button, or the confirmation.
    app.get('/deconnexion', async (req, reply) =>
      sendHtml(
        reply,
        req.account
          ? signedInPage(
              req,
              'Se déconnecter',
              html`<p class="govuk-body">Vous allez quitter votre espace personnel Mon Compte.</p>
${form({ action: '/deconnexion', csrfToken: req.csrfToken }, button('Se déconnecter'))}
<p class="govuk-body"><a class="govuk-link" href="/mon-espace">Retour à mon espace</a></p>`,
            )
          : page(
              { title: SIGNED_OUT },
              html`${panel(SIGNED_OUT, 'À bientôt sur Mon Compte')}
<p class="govuk-body">Votre session est terminée. Si vous utilisez un ordinateur partagé, pensez à fermer votre navigateur.</p>
${linkButton('Se reconnecter', '/connexion')}`,
            ),
      ),
    );

    app.post('/deconnexion', async (req, reply) => {
      const data = await endCurrentSession(ctx, req, reply);
      const next = data && o.logoutRedirect ? await o.logoutRedirect(data) : undefined;
      return reply.redirect(next ?? '/deconnexion', 303);
    });

    app.get('/session/expiration', async (req, reply) =>
      sendHtml(
        reply,
        req.account
          ? signedInPage(
              req,
              'Votre session va expirer',
              html`<p class="govuk-body">Pour protéger vos informations, vous êtes déconnecté automatiquement après 30 minutes sans activité, et dans tous les cas 12 heures après votre connexion.</p>
${form({ action: '/session/prolonger', csrfToken: req.csrfToken }, html`<input type="hidden" name="retour" value="/mon-espace">${button('Rester connecté')}`)}
<p class="govuk-body"><a class="govuk-link" href="/deconnexion">Se déconnecter</a></p>`,
            )
          : page(
              { title: 'Votre session a expiré' },
              titled(
                'Votre session a expiré',
                html`<p class="govuk-body">Pour protéger vos informations, vous avez été déconnecté après 30 minutes sans activité. Les informations déjà enregistrées ne sont pas perdues.</p>
${linkButton('Se reconnecter', '/connexion')}`,
              ),
            ),
      ),
    );

    app.post('/session/prolonger', { preHandler: requireAccount }, async (req, reply) => {
      await ctx.sessions.keepAlive(req.session!);
      return reply.redirect(safeReturnPath(formFields(req.body).retour), 303);
    });
  };
}
