import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AGENT_PATH, agentHome, createAgentSession, endAgentSession, requireAgent } from '../../http/agent-session';
import { pendingAgentLogin, resendAgentCode, submitAgentCode, submitAgentPassword, type PendingAgentLogin } from './use-cases';
import { requestOrigin } from '../../http/session';
import { fieldError, type FieldError } from '../../errors/app-error';
import { readCode } from '../contact-verification/codes';
import { fieldsRefusal, formRefusal, refuseForm, takeRefused, type Refusal } from '../refusal';
import { keptValue } from '../../http/form-state';
import { agentCodeRefusal, agentPasswordRefusal } from './replies';
import { maskDestination } from '../../accounts/destination';
import { agentLoginFlow } from '../kinds';
import { sendHtml } from '../../http/errors';
import { button, errorSummary, form, textInput, titled } from '../../http/views/components';
import { atResendButton, receivedCodeStep, secondsUntil } from '../contact-verification/views';
import { html } from '../../http/views/html';
import { resendRefusal } from '../contact-verification/resend';
import { agentPage } from '../gestion/frame';
import { SIGNED_OUT } from '../login/messages';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type AgentsLoginPagesDeps = Pick<
  JourneyDeps,
  'agentSessions' | 'clock' | 'codes' | 'config' | 'database' | 'loginThrottle' | 'passwordCheck' | 'rateLimiter'
>;

/**
 * « Espace gestionnaire » login: /gestion/connexion (e-mail + password), /gestion/connexion/code
 * (the code sent by e-mail), /gestion/deconnexion. See src/journeys/agents-login/use-cases.ts for the rules.
 */
export const AGENT_FLOW_COOKIE = 'mc_agent_login';

/** Whom an agent calls (never the allocataires' number): the local IT support of their Caf. */
const LOCAL_SUPPORT =
  'le support informatique local de votre Caf (l’assistance de proximité) : son numéro est sur l’intranet de votre Caf.';
const LOGIN = `${AGENT_PATH}/connexion`;

export function agentLoginRoutes(app: FastifyInstance, ctx: AgentsLoginPagesDeps): void {
  const flowCookie = { path: LOGIN, httpOnly: true, sameSite: 'strict' as const, secure: ctx.config.isProduction };

  const loginForm = (req: FastifyRequest, v: { login?: string; errors?: FieldError[]; notice?: string }) =>
    agentPage(
      req,
      { title: 'Connexion à l’espace gestionnaire', hasErrors: !!v.errors?.length },
      html`${errorSummary(v.errors)}
<h1 class="govuk-heading-l">Connexion à l’espace gestionnaire</h1>
<p class="govuk-body">Cet espace est réservé aux agents de la Caf. Pour votre espace personnel, utilisez <a class="govuk-link" href="/connexion">Mon Compte</a>.</p>
${v.notice ? html`<p class="govuk-body govuk-!-font-weight-bold">${v.notice}</p>` : ''}
${form(
  { action: LOGIN, csrfToken: req.csrfToken },
  html`${textInput({ name: 'login', label: 'Adresse mail professionnelle', type: 'email', autocomplete: 'username', spellcheck: false, value: v.login, errors: v.errors, maxlength: 254 })}
${textInput({ name: 'password', label: 'Mot de passe', type: 'password', autocomplete: 'current-password', spellcheck: false, errors: v.errors, widthClass: 'govuk-input--width-20' })}
${button('Se connecter')}`,
)}
<h2 class="govuk-heading-m">Un problème pour vous connecter ?</h2>
<p class="govuk-body">Mot de passe oublié, compte bloqué, code non reçu : appelez ${LOCAL_SUPPORT}</p>`,
    );

  const codePage = (req: FastifyRequest, p: PendingAgentLogin, v: { errors?: FieldError[]; resent?: boolean } = {}) => {
    const step = receivedCodeStep({
      back: LOGIN,
      action: `${LOGIN}/code`,
      csrfToken: req.csrfToken,
      contact: { kind: 'email', display: maskDestination('email', p.agent.email) },
      resendInSeconds: secondsUntil(p.resendAllowedAt, ctx.clock.now()),
      resent: !!v.resent,
      help: html`Si vous n’avez plus accès à votre messagerie professionnelle, appelez aussi votre support informatique local.`,
      agencyPhone: ctx.config.agencyPhone,
      whomToCall: html`Appelez ${LOCAL_SUPPORT}`,
      errors: v.errors,
    });
    return agentPage(req, step.frame, step.content);
  };

  app.get(LOGIN, async (req, reply) => {
    if (req.agent) return reply.redirect(agentHome(req.agentRoles), 303);
    const q = req.query as Record<string, string | undefined>;
    const { shown, status } = await takeRefused(ctx, req, reply);
    if (shown) return sendHtml(reply, loginForm(req, { login: keptValue(shown, 'login') ?? '', errors: shown.errors }), status);
    return sendHtml(reply, loginForm(req, q.message === 'expiree' ? { notice: 'Votre connexion a expiré. Merci de recommencer.' } : {}));
  });

  app.post(LOGIN, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const login = typeof body.login === 'string' ? body.login.trim().slice(0, 254) : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const missing: FieldError[] = [];
    if (!login) missing.push(fieldError('login', 'AGENT_LOGIN_REQUIRED'));
    if (!password) missing.push(fieldError('password', 'LOGIN_PASSWORD_REQUIRED'));
    const refused = (r: Refusal) =>
      refuseForm(ctx, req, reply, r, { to: LOGIN, values: { login }, render: (errors) => loginForm(req, { login, errors }) });
    if (missing.length) return refused(formRefusal(missing));
    const r = await submitAgentPassword(ctx, { login, password, origin: requestOrigin(req) });
    if (r.kind === 'throttled' || r.kind === 'invalid') return refused(agentPasswordRefusal(r));
    reply.setCookie(AGENT_FLOW_COOKIE, r.flowToken, { ...flowCookie, maxAge: agentLoginFlow.ttlMs / 1000 });
    return reply.redirect(`${LOGIN}/code`, 303);
  });

  app.get(`${LOGIN}/code`, async (req, reply) => {
    const p = await pendingAgentLogin(ctx, req.cookies[AGENT_FLOW_COOKIE]);
    if (!p) return reply.redirect(`${LOGIN}?message=expiree`, 303);
    const { shown, status } = await takeRefused(ctx, req, reply);
    if (shown) return sendHtml(reply, codePage(req, p, { errors: shown.errors }), status);
    return sendHtml(reply, codePage(req, p, { resent: (req.query as Record<string, string | undefined>).renvoye === '1' }));
  });

  app.post(`${LOGIN}/code`, async (req, reply) => {
    const token = req.cookies[AGENT_FLOW_COOKIE];
    const p = await pendingAgentLogin(ctx, token);
    if (!p) return reply.redirect(`${LOGIN}?message=expiree`, 303);
    // The code typed is never kept: the page shows the errors with an empty field.
    const refused = (r: Refusal) =>
      refuseForm(ctx, req, reply, r, { to: `${LOGIN}/code`, render: (errors) => codePage(req, p, { errors }) });
    const typed = readCode((req.body as Record<string, unknown> | undefined)?.code);
    if (!typed.ok) return refused(fieldsRefusal([typed.error]));
    const r = await submitAgentCode(ctx, { flowToken: token, code: typed.code, origin: requestOrigin(req) });
    if (r.kind === 'flow_expired') return reply.redirect(`${LOGIN}?message=expiree`, 303);
    if (r.kind === 'throttled' || r.kind === 'code_error') return refused(agentCodeRefusal(r));
    reply.clearCookie(AGENT_FLOW_COOKIE, flowCookie);
    await createAgentSession(ctx, r.agent, req, reply);
    return reply.redirect(agentHome(req.agentRoles), 303);
  });

  app.post(`${LOGIN}/code/renvoyer`, async (req, reply) => {
    const r = await resendAgentCode(ctx, { flowToken: req.cookies[AGENT_FLOW_COOKIE], origin: requestOrigin(req) });
    if (r.kind === 'flow_expired') return reply.redirect(`${LOGIN}?message=expiree`, 303);
    if (r.kind !== 'sent') {
      const p = await pendingAgentLogin(ctx, req.cookies[AGENT_FLOW_COOKIE]);
      if (!p) return reply.redirect(`${LOGIN}?message=expiree`, 303);
      return refuseForm(ctx, req, reply, resendRefusal(r), {
        to: `${LOGIN}/code`,
        errorsAt: atResendButton,
        render: (errors) => codePage(req, p, { errors }),
      });
    }
    return reply.redirect(`${LOGIN}/code?renvoye=1`, 303);
  });

  app.get(`${AGENT_PATH}/deconnexion`, async (req, reply) => {
    const title = req.agent ? 'Se déconnecter' : SIGNED_OUT;
    const body = req.agent
      ? form({ action: `${AGENT_PATH}/deconnexion`, csrfToken: req.csrfToken }, button('Se déconnecter'))
      : html`<p class="govuk-body"><a class="govuk-link" href="${LOGIN}">Se reconnecter</a></p>`;
    return sendHtml(reply, agentPage(req, { title }, titled(title, body)));
  });

  app.post(`${AGENT_PATH}/deconnexion`, { preHandler: requireAgent }, async (req, reply) => {
    await endAgentSession(ctx, req, reply);
    return reply.redirect(`${AGENT_PATH}/deconnexion`, 303);
  });
}
