import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { createSessionFor, pageUser } from '../../http/session';
import { FC_ERROR_CATALOGUE, type FranceConnectErrorInfo } from '../../franceconnect';
import { FlowError, type FlowErrorCode } from '../../flows/flow';
import { franceConnectFlowErrors, type FranceConnectFlowErrorCode } from './errors';
import type { SignupErrorCode } from './use-cases';
import { franceConnectSignupFlow } from '../kinds';
import type { SignupStep } from './store';
import { sendHtml } from '../../http/errors';
import { backLink, titled } from '../../http/views/components';
import { franceConnectButton } from '../../http/views/franceconnect';
import { html, type HtmlValue } from '../../http/views/html';
import { layout } from '../../http/views/layout';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type FranceconnectPagesCommonDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'sessions'>;

/** What the FranceConnect pages share: cookies, paths of the sign-up, the page frame and the error pages. */
export const TX_COOKIE = 'mc_fc_tx';
export const SIGNUP_COOKIE = 'mc_fc_signup';

export const STEP_PATHS: Record<SignupStep, string> = {
  identity: '/franceconnect/creation',
  existing_account: '/franceconnect/compte-existant',
  contact: '/franceconnect/coordonnees',
  code: '/franceconnect/code',
  completed: '/franceconnect/compte-cree',
};

/** The cookies of the FranceConnect journeys: HttpOnly, for /franceconnect only. */
export function cookieOptions(ctx: FranceconnectPagesCommonDeps, maxAgeMs: number) {
  return {
    path: '/franceconnect',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.isProduction,
    maxAge: Math.floor(maxAgeMs / 1000),
  };
}

export function clearCookie(reply: FastifyReply, name: string): void {
  reply.clearCookie(name, { path: '/franceconnect' });
}

export interface PageOptions {
  title: string;
  hasErrors?: boolean;
  back?: string;
  scripts?: string[];
}

/** A page of the FranceConnect journeys, in the layout of the site (with the signed-in person, if any). */
export function fcPage(req: FastifyRequest, o: PageOptions, content: HtmlValue) {
  return layout(
    {
      title: o.title,
      hasErrors: o.hasErrors ?? false,
      user: pageUser(req),
      step: 'franceconnect',
      ...(o.back ? { backLink: html`<nav aria-label="Étapes précédentes">${backLink(o.back)}</nav>` } : {}),
      ...(o.scripts ? { scripts: o.scripts } : {}),
    },
    content,
  );
}

/** The ways forward under an error: FranceConnect again, the password login, the registration. */
function ways() {
  return html`<h2 class="govuk-heading-m">Que souhaitez-vous faire ?</h2>
${franceConnectButton()}
<ul class="govuk-list">
  <li><a class="govuk-link" href="/connexion">Se connecter avec mon numéro de sécurité sociale et mon mot de passe</a></li>
  <li><a class="govuk-link" href="/creer-mon-compte">Créer mon compte sans FranceConnect</a></li>
</ul>`;
}

/**
 * One log line per failure, with its code and cause in the message itself (the development log
 * prints only the message) and as fields (for the JSON log). The detail is already scrubbed of
 * tokens by `fcError`; the person's message is not logged.
 */
export function logFranceConnectFailure(log: Pick<FastifyBaseLogger, 'warn'>, e: FranceConnectErrorInfo): void {
  log.warn({ fcError: e.code, detail: e.detail }, `franceconnect failure ${e.code}${e.detail ? ` (${e.detail})` : ''}`);
}

/** The page of a FranceConnect failure: what happened, in French, and the ways forward. */
export function fcErrorPage(req: FastifyRequest, reply: FastifyReply, e: FranceConnectErrorInfo) {
  logFranceConnectFailure(req.log, e);
  const title =
    e.code === 'FC_ACCESS_DENIED'
      ? 'Connexion avec FranceConnect annulée'
      : e.code === 'FC_LOGOUT_STATE_MISMATCH'
        ? 'Déconnexion de FranceConnect non confirmée'
        : 'La connexion avec FranceConnect n’a pas abouti';
  return sendHtml(
    reply,
    fcPage(
      req,
      { title },
      titled(
        title,
        html`<p class="govuk-body">${e.message}</p>
${ways()}`,
      ),
    ),
    FC_ERROR_CATALOGUE[e.code].status,
  );
}

/** The page of a sign-up that cannot go on (expired, conflict, account linked elsewhere…). */
export function flowErrorPage(ctx: FranceconnectPagesCommonDeps, req: FastifyRequest, reply: FastifyReply, code: SignupErrorCode) {
  // The flow engine's errors are worded with the kind's name (« Votre création de compte avec FranceConnect a expiré… »).
  const entry = code.startsWith('FLOW_')
    ? new FlowError(code as FlowErrorCode, franceConnectSignupFlow)
    : franceConnectFlowErrors[code as FranceConnectFlowErrorCode];
  return sendHtml(
    reply,
    fcPage(
      req,
      { title: 'Création de compte avec FranceConnect' },
      titled(
        'Création de compte avec FranceConnect',
        html`<p class="govuk-body">${entry.message}</p>
${code === 'FC_ACCOUNT_LINKED_ELSEWHERE' || code === 'FC_ACCOUNT_WITHOUT_PASSWORD' ? html`<p class="govuk-body">Votre Caf : <strong>${ctx.config.agencyPhone}</strong> (service gratuit + prix d’un appel).</p>` : ''}
${ways()}`,
      ),
    ),
    entry.status,
  );
}

/** A session opened by FranceConnect: its ID token is kept for the logout at FranceConnect. */
export async function signIn(
  ctx: FranceconnectPagesCommonDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  account: Parameters<typeof createSessionFor>[1],
  idToken: string,
): Promise<void> {
  await createSessionFor(ctx, account, req, reply, { method: 'franceconnect', data: { franceConnectIdToken: idToken } });
}
