import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { displayName } from '../accounts/repository';
import { RETRY_AFTER_SECONDS } from '../db/errors';
import { isDatabaseUnavailable } from '../db/unavailable';
import { AppError, ValidationError, errorBody } from '../errors/app-error';
import { isRedisUnavailable } from '../security/redis';
import { refusalPage } from './views/refusal';
import { html } from './views/html';
import { layout } from './views/layout';
import { wantsJson } from './negotiation';
import { AGENT_PATH, agentHome } from './agent-session';
import { agentPage } from './views/agent-page';

/** (also here, beside the sending of errors, for the pages that import it from this file) */
export { wantsJson };

export function sendHtml(reply: FastifyReply, page: { toString(): string } | Buffer, status = 200): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(Buffer.isBuffer(page) ? page : page.toString());
}

/**
 * Errors become a French page or `{ error: { code, message } }`, with the registry's status; a flow
 * error's page offers its kind's « Recommencer ».
 * An unexpected error is logged with the request id and shown as a plain apology: never a stack trace.
 */
export function registerErrorHandling(app: FastifyInstance, o: { agencyPhone: string }): void {
  app.setErrorHandler((err: FastifyError | AppError | ValidationError, req, reply) => {
    let known: AppError | ValidationError;
    if (err instanceof AppError || err instanceof ValidationError) {
      known = err;
    } else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
      // Malformed request (bad JSON, body too large…): the person's fault, not ours.
      known = new AppError(err.statusCode === 429 ? 'RATE_LIMITED' : err.statusCode === 413 ? 'REQUEST_TOO_LARGE' : 'VALIDATION_FAILED');
      (known as { status: number }).status = err.statusCode;
    } else if (isDatabaseUnavailable(err) || isRedisUnavailable(err)) {
      // Busy or unreachable storage: passes by itself; logged without the stack (one line per request).
      const redis = !isDatabaseUnavailable(err);
      req.log.warn({ reqId: req.id, reason: (err as Error).message?.slice(0, 200) }, redis ? 'redis unavailable' : 'database unavailable');
      known = new AppError(redis ? 'SERVICE_UNAVAILABLE' : 'DATABASE_UNAVAILABLE');
    } else {
      req.log.error({ err, reqId: req.id }, 'unexpected error');
      known = new AppError('INTERNAL');
    }
    return sendError(known, req, reply, o.agencyPhone);
  });

  app.setNotFoundHandler((req, reply) => {
    const e = new AppError('NOT_FOUND');
    if (wantsJson(req)) return reply.status(404).send(errorBody(e));
    return sendHtml(reply, errorPage(e, req.id, o.agencyPhone, signedIn(req)), 404);
  });
}

const REFUSALS: ReadonlySet<string> = new Set(['FORBIDDEN', 'DEMARCHE_FORBIDDEN']);

/** A catalogue error as the French page or the JSON error (with Retry-After on a 503). */
export function sendError(known: AppError | ValidationError, req: FastifyRequest, reply: FastifyReply, agencyPhone: string): FastifyReply {
  if (known.status === 503) reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
  if (wantsJson(req)) return reply.status(known.status).send(errorBody(known));
  // A refusal by the person's place in the household: the one refusal page, back to « Mon espace ».
  if (known instanceof AppError && REFUSALS.has(known.code) && req.account)
    return sendHtml(reply, refusalPage(req, known.message, agencyPhone), known.status);
  if (onCafSide(req)) return sendHtml(reply, cafSideErrorPage(known, req), known.status);
  return sendHtml(reply, errorPage(known, req.id, agencyPhone, signedIn(req)), known.status);
}

/** A page of the Caf side (/gestion…) with an agent signed in: its errors keep the Caf side's frame. */
function onCafSide(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0] ?? '';
  return !!req.agent && (path === AGENT_PATH || path.startsWith(`${AGENT_PATH}/`));
}

/** An error on the Caf side: the Caf side's frame, and a link back to the agent's own page. */
function cafSideErrorPage(e: AppError | ValidationError, req: FastifyRequest) {
  const title = ERROR_TITLES[e.status] ?? ERROR_TITLES[400]!;
  return agentPage(
    req,
    { title },
    html`<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">${e.message}</p>
${e.status >= 500 ? html`<p class="govuk-body">Si le problème continue, signalez-le en indiquant la référence <strong>${req.id.slice(0, 8)}</strong>.</p>` : ''}
<p class="govuk-body"><a class="govuk-link" href="${agentHome(req.agentRoles)}">Retour à l’espace gestionnaire</a></p>`,
  );
}

/** The header's « Mon Compte » leads to /mon-espace when the person is signed in (see src/http/session.ts). */
function signedIn(req: FastifyRequest): { displayName: string } | undefined {
  return req.account ? { displayName: displayName(req.account) } : undefined;
}

const ERROR_TITLES: Record<number, string> = {
  400: 'Votre demande n’a pas pu être traitée',
  401: 'Connexion nécessaire',
  403: 'Action impossible',
  404: 'Page introuvable',
  413: 'Votre demande est trop volumineuse',
  429: 'Trop de tentatives',
  500: 'Désolé, le service rencontre un problème',
  503: 'Service momentanément indisponible',
};

function errorPage(e: AppError | ValidationError, reqId: string, agencyPhone: string, user: { displayName: string } | undefined) {
  const title = ERROR_TITLES[e.status] ?? ERROR_TITLES[400]!;
  return layout(
    { title, user },
    html`<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">${e.message}</p>
${e instanceof ValidationError && e.fields.length ? html`<ul class="govuk-list govuk-list--bullet">${[...new Set(e.fields.map((f) => f.message))].map((m) => html`<li>${m}</li>`)}</ul><p class="govuk-body">Revenez à la page précédente pour corriger votre saisie : elle y est conservée par votre navigateur.</p>` : ''}
${e.status === 401 ? html`<p class="govuk-body"><a class="govuk-link" href="/connexion">Se connecter</a></p>` : ''}
${restartPathOf(e) ? html`<p class="govuk-body"><a class="govuk-link" href="${restartPathOf(e)}">Recommencer</a></p>` : ''}
${e.status >= 500 ? html`<p class="govuk-body">Si le problème continue, contactez votre Caf au ${agencyPhone} en indiquant la référence <strong>${reqId.slice(0, 8)}</strong>.</p>` : ''}
<p class="govuk-body"><a class="govuk-link" href="/">Retour à l’accueil</a></p>`,
  );
}

/** Where a person starts again after an error that names it (a flow's error, src/flows/flow.ts `FlowError`). */
function restartPathOf(e: unknown): string | undefined {
  const path = (e as { restartPath?: unknown } | undefined)?.restartPath;
  return typeof path === 'string' ? path : undefined;
}
