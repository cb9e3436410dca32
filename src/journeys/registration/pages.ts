import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { AppError, ValidationError, type FieldError } from '../../errors/app-error';
import type { RegistrationFlow } from './data';
import type { Step } from './machine';
import { RegistrationService, StepNotReachable } from './use-cases';
import { formFields, parseOrThrow, readQuery } from '../../http/api/input';
import { sendHtml } from '../../http/errors';
import { CodeBody, ResentQuery } from '../../http/api/schemas';
import { CivilStatusBody, ContactBody, DocumentBody, PasswordBody, RegistrationPageQuery } from './schemas';
import { chosenPrestation } from '../../http/intent';
import { atResendButton, contactValues, secondsUntil } from '../contact-verification/views';
import type { SafeHtml } from '../../http/views/html';
import {
  BASE,
  DONE_PATH,
  civilStatusPage,
  civilStatusValues,
  codePage,
  contactPage,
  documentPage,
  documentValues,
  donePage,
  mapErrors,
  passwordPage,
  pathOf,
  reviewPage,
  startPage,
  STEP_PATHS,
  type Values,
} from './views';

/** The flow's token lives in an HttpOnly cookie: a reload, the back button or a second tab see the same flow. */
export const FLOW_COOKIE = 'mc_registration';

export function registrationService(ctx: AppContext): RegistrationService {
  return new RegistrationService({
    db: ctx.database.db,
    clock: ctx.clock,
    codes: ctx.codes,
    passwords: ctx.passwords,
    rateLimiter: ctx.rateLimiter,
    repertoire: ctx.repertoire,
    documentVerifier: ctx.documentVerifier,
    agencyPhone: ctx.config.agencyPhone,
  });
}

/** The fields of a step's form as typed (for re-display); each step reads them with its schema (src/journeys/registration/schemas.ts). */
const values = (req: FastifyRequest): Values => formFields(req.body);

/**
 * « Créer Mon Compte » as pages: GET renders the step pre-filled from the flow, POST validates,
 * saves and redirects (Post/Redirect/Get); errors re-render the step with status 400.
 */
export function registrationPages(ctx: AppContext, service = registrationService(ctx)): FastifyPluginAsync {
  const secure = ctx.config.isProduction;
  const setFlowCookie = (reply: FastifyReply, id: string) =>
    reply.setCookie(FLOW_COOKIE, id, { path: BASE, httpOnly: true, sameSite: 'lax', secure, maxAge: 24 * 60 * 60 });
  const clearFlowCookie = (reply: FastifyReply) => reply.clearCookie(FLOW_COOKIE, { path: BASE });

  /** Where flow errors lead: the guard's redirect, or the start page for a missing or expired flow. */
  function redirectForFlowError(e: unknown, reply: FastifyReply): FastifyReply {
    if (e instanceof StepNotReachable) return reply.redirect(pathOf(e.redirectTo), 303);
    if (e instanceof AppError && e.code === 'FLOW_EXPIRED') {
      clearFlowCookie(reply);
      return reply.redirect(`${BASE}?expiree=1`, 303);
    }
    if (e instanceof AppError && e.code === 'FLOW_NOT_FOUND') {
      clearFlowCookie(reply);
      return reply.redirect(BASE, 303);
    }
    throw e;
  }

  /** GET of a step: the guard, then the page. */
  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    step: Step,
    render: (flow: RegistrationFlow) => Promise<SafeHtml> | SafeHtml,
  ) {
    const id = req.cookies[FLOW_COOKIE];
    if (!id) return reply.redirect(BASE, 303);
    let flow: RegistrationFlow;
    try {
      flow = await service.open(id, step);
    } catch (e) {
      return redirectForFlowError(e, reply);
    }
    return sendHtml(reply, await render(flow));
  }

  /** POST of a step: the use case, then PRG; field errors re-render the step. */
  async function submit(
    req: FastifyRequest,
    reply: FastifyReply,
    step: Step,
    run: (id: string) => Promise<{ next: Step | 'completed' }>,
    rerender: (flow: RegistrationFlow, errors: FieldError[]) => Promise<SafeHtml> | SafeHtml,
    redirectSuffix = '',
  ) {
    const id = req.cookies[FLOW_COOKIE];
    if (!id) return reply.redirect(BASE, 303);
    try {
      const out = await run(id);
      return reply.redirect(pathOf(out.next) + redirectSuffix, 303);
    } catch (e) {
      let fields: FieldError[] | undefined;
      if (e instanceof ValidationError) fields = e.fields;
      else if (e instanceof AppError && e.field && !(e instanceof StepNotReachable))
        fields = [{ field: e.field, code: e.code, message: e.message }];
      if (!fields) return redirectForFlowError(e, reply);
      let flow: RegistrationFlow;
      try {
        flow = await service.open(id, step);
      } catch (again) {
        return redirectForFlowError(again, reply);
      }
      const status = e instanceof AppError ? e.status : 400;
      return sendHtml(reply, await rerender(flow, fields), status);
    }
  }

  const meta = (req: FastifyRequest) => ({ ip: req.ip });

  return async (app) => {
    app.get(BASE, async (req, reply) => {
      const q = readQuery(RegistrationPageQuery, req);
      const live = await service.findLive(req.cookies[FLOW_COOKIE]);
      return sendHtml(
        reply,
        startPage({
          prestation: chosenPrestation(req)?.slug,
          expired: q.expiree === '1',
          resume: !!live && live.state !== 'completed' && live.state !== 'civil_status',
        }),
      );
    });

    /** « Commencer »: resumes the live flow of this browser, or starts one (from « Mon Compte »: straight to ④). */
    app.get(`${BASE}/nouveau`, async (req, reply) => {
      const live = await service.findLive(req.cookies[FLOW_COOKIE]);
      if (live && live.state !== 'completed') return reply.redirect(pathOf(live.state), 303);
      const q = readQuery(RegistrationPageQuery, req);
      const flow = await service.start({
        prestation: chosenPrestation(req)?.slug,
        origin: q.depuis === 'mon-compte' ? 'mon-compte' : 'demarche',
      });
      setFlowCookie(reply, flow.token);
      return reply.redirect(STEP_PATHS.civil_status, 303);
    });

    // ④ État civil
    app.get(STEP_PATHS.civil_status, (req, reply) =>
      show(req, reply, 'civil_status', (flow) =>
        civilStatusPage({ flow, csrfToken: req.csrfToken, values: civilStatusValues(flow), showResults: false }),
      ),
    );
    app.post(STEP_PATHS.civil_status, async (req, reply) => {
      const v = values(req);
      const action = v.action ?? '';
      if (action === 'rechercher-commune' || action === 'rechercher-pays') {
        // Search without JavaScript: the same page with the matching places as radios; nothing saved.
        return show(req, reply, 'civil_status', (flow) => {
          if (action === 'rechercher-commune') {
            v.birthPlaceKind = 'france';
            delete v.communeCode;
          } else {
            v.birthPlaceKind = 'etranger';
            delete v.countryCode;
          }
          return civilStatusPage({ flow, csrfToken: req.csrfToken, values: v, showResults: true });
        });
      }
      return submit(
        req,
        reply,
        'civil_status',
        (id) =>
          service.submitCivilStatus(
            id,
            parseOrThrow(CivilStatusBody, {
              ...v,
              birthDate: { day: v['birthDate-day'], month: v['birthDate-month'], year: v['birthDate-year'] },
            }),
          ),
        (flow, errors) => civilStatusPage({ flow, csrfToken: req.csrfToken, values: v, errors, showResults: true }),
      );
    });

    // ⑤ Titre d'identité
    app.get(STEP_PATHS.identity_document, (req, reply) =>
      show(req, reply, 'identity_document', (flow) => documentPage({ flow, csrfToken: req.csrfToken, values: documentValues(flow) })),
    );
    app.post(STEP_PATHS.identity_document, async (req, reply) => {
      const v = values(req);
      const kind = v.documentKind;
      return submit(
        req,
        reply,
        'identity_document',
        (id) =>
          service.submitDocument(
            id,
            parseOrThrow(DocumentBody, { documentKind: kind, documentNumber: kind ? v[`documentNumber-${kind}`] : undefined }),
          ),
        (flow, errors) => documentPage({ flow, csrfToken: req.csrfToken, values: v, errors: mapErrors(errors, { documentKind: kind }) }),
      );
    });

    // ⑥ Coordonnées de contact
    app.get(STEP_PATHS.contact, (req, reply) =>
      show(req, reply, 'contact', (flow) => contactPage({ flow, csrfToken: req.csrfToken, values: contactValues(flow.data.contact) })),
    );
    app.post(STEP_PATHS.contact, async (req, reply) => {
      const v = values(req);
      return submit(
        req,
        reply,
        'contact',
        (id) => service.submitContact(id, parseOrThrow(ContactBody, v), meta(req)),
        (flow, errors) => contactPage({ flow, csrfToken: req.csrfToken, values: v, errors }),
      );
    });

    // ⑦ Code
    const renderCode = async (req: FastifyRequest, flow: RegistrationFlow, errors?: FieldError[]) => {
      const resendInSeconds = secondsUntil(await service.resendAllowedAt(flow.id), ctx.clock.now());
      const resent = readQuery(ResentQuery, req).renvoye;
      return codePage({
        flow,
        csrfToken: req.csrfToken,
        resendInSeconds,
        resent: resent && !errors,
        agencyPhone: ctx.config.agencyPhone,
        ...(errors ? { errors } : {}),
      });
    };
    app.get(STEP_PATHS.code, (req, reply) => show(req, reply, 'code', (flow) => renderCode(req, flow)));
    app.post(STEP_PATHS.code, async (req, reply) => {
      return submit(
        req,
        reply,
        'code',
        (id) => service.verifyCode(id, parseOrThrow(CodeBody, values(req))),
        (flow, errors) => renderCode(req, flow, errors),
      );
    });
    app.post(`${STEP_PATHS.code}/renvoyer`, async (req, reply) =>
      submit(
        req,
        reply,
        'code',
        (id) => service.resendCode(id, meta(req)),
        (flow, errors) => renderCode(req, flow, atResendButton(errors)),
        '?renvoye=1',
      ),
    );

    // ⑧ Mot de passe
    app.get(STEP_PATHS.password, (req, reply) => show(req, reply, 'password', (flow) => passwordPage({ flow, csrfToken: req.csrfToken })));
    app.post(STEP_PATHS.password, async (req, reply) => {
      return submit(
        req,
        reply,
        'password',
        (id) => service.submitPassword(id, parseOrThrow(PasswordBody, values(req))),
        (flow, errors) => passwordPage({ flow, csrfToken: req.csrfToken, errors }),
      );
    });

    // Récapitulatif → the account
    app.get(STEP_PATHS.review, (req, reply) => show(req, reply, 'review', (flow) => reviewPage({ flow, csrfToken: req.csrfToken })));
    app.post(STEP_PATHS.review, async (req, reply) =>
      submit(
        req,
        reply,
        'review',
        (id) => service.confirm(id),
        (flow, errors) => reviewPage({ flow, csrfToken: req.csrfToken, errors }),
      ),
    );

    app.get(DONE_PATH, async (req, reply) => {
      const id = req.cookies[FLOW_COOKIE];
      if (!id) return reply.redirect(BASE, 303);
      let flow: RegistrationFlow;
      try {
        flow = await service.load(id);
      } catch (e) {
        return redirectForFlowError(e, reply);
      }
      if (flow.state !== 'completed') return reply.redirect(pathOf(flow.state), 303);
      return sendHtml(reply, donePage({ flow, agencyPhone: ctx.config.agencyPhone }));
    });
  };
}
