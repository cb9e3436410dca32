import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../errors/app-error';
import type { z } from 'zod';
import type { RegistrationFlow } from './data';
import type { Step } from './machine';
import {
  confirmRegistration,
  liveRegistration,
  loadRegistration,
  openStep,
  resendAllowedAt,
  resendCode,
  startRegistration,
  type Elsewhere,
  type Gone,
  type RegistrationDeps,
  type RequestMeta,
  type StepOutcome,
} from './use-cases';
import { SUBMISSIONS, type Submission } from './submissions';
import { pageRedirect } from './replies';
import { civilStatusFormErrors, namedSchemaErrors } from './form-errors';
import { formRefusal, refuseForm, takeRefused } from '../refusal';
import { formFields, readQuery, readWith } from '../../http/api/input';
import { AppError } from '../../errors/app-error';
import { sendHtml } from '../../http/errors';
import { ResentQuery } from '../../http/api/schemas';
import { RegistrationPageQuery } from './schemas';
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
  mapErrors,
  passwordPage,
  pathOf,
  startPage,
  STEP_PATHS,
  type Values,
} from './views';
import { donePage, reviewPage } from './review-views';

/** The flow's token lives in an HttpOnly cookie: a reload, the back button or a second tab see the same flow. */
export const FLOW_COOKIE = 'mc_registration';

/** What the pages need besides the use cases' dependencies. */
export interface RegistrationPagesDeps extends RegistrationDeps {
  config: RegistrationDeps['config'] & { isProduction: boolean };
}

/**
 * A step's form read with its schema (./submissions.ts), then the use case; a field the schema refuses is a
 * refusal like the use case's, each error naming its field (./form-errors.ts; `explain`: with the other fields' errors).
 */
async function withBody(
  d: RegistrationDeps,
  id: string,
  s: Submission<z.ZodType>,
  raw: unknown,
  meta: RequestMeta,
  explain: (errors: FieldError[]) => FieldError[] = namedSchemaErrors,
): Promise<StepOutcome> {
  const r = readWith(s.body, raw);
  if (r.ok) return s.run(d, id, r.data, meta);
  if (r.errors.length === 0 || r.errors.every((e) => !e.field)) throw new AppError('VALIDATION_FAILED');
  return { kind: 'refused', refusal: formRefusal(explain(r.errors)) };
}

/** The fields of a step's form as typed (for re-display); each step reads them with its schema (src/journeys/registration/schemas.ts). */
const values = (req: FastifyRequest): Values => formFields(req.body);

/** What a step's page shows once after its form was refused: the errors and the answers typed. */
interface Shown {
  errors: FieldError[];
  values: Values;
}

/** The answers of a form to show again: all but the CSRF token and the button pressed. */
function kept(v: Values): Values {
  const { _csrf: _t, action: _a, ...rest } = v;
  return rest;
}

/**
 * « Créer Mon Compte » as pages: GET renders the step pre-filled from the flow, POST validates,
 * saves and redirects (Post/Redirect/Get); errors too go back to the step (303), which shows them once
 * with the answers typed (src/http/form-state.ts).
 */
export function registrationPages(d: RegistrationPagesDeps): FastifyPluginAsync {
  const secure = d.config.isProduction;
  const setFlowCookie = (reply: FastifyReply, id: string) =>
    reply.setCookie(FLOW_COOKIE, id, { path: BASE, httpOnly: true, sameSite: 'lax', secure, maxAge: 24 * 60 * 60 });
  const clearFlowCookie = (reply: FastifyReply) => reply.clearCookie(FLOW_COOKIE, { path: BASE });

  /** Where the guard or a flow gone leads (./replies.ts). */
  function redirectElsewhere(out: Elsewhere | Gone, reply: FastifyReply): FastifyReply {
    const { to, clearFlow } = pageRedirect(out);
    if (clearFlow) clearFlowCookie(reply);
    return reply.redirect(to, 303);
  }

  /**
   * GET of a step: the guard, then the page — with the errors and answers of a refused POST when it
   * comes right after one (`shown`, once), else as the flow has it.
   */
  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    step: Step,
    render: (flow: RegistrationFlow, shown?: Shown) => Promise<SafeHtml> | SafeHtml,
  ) {
    const id = req.cookies[FLOW_COOKIE];
    if (!id) return reply.redirect(BASE, 303);
    const opened = await openStep(d, id, step);
    if (opened.kind !== 'open') return redirectElsewhere(opened, reply);
    const { shown: kept, status } = await takeRefused(d, req, reply);
    return sendHtml(reply, await render(opened.flow, kept ? { errors: kept.errors, values: kept.values as Values } : undefined), status);
  }

  /**
   * POST of a step: the use case, then PRG; a refusal goes back to the step's page with its field
   * errors and `kept` (the answers to show again: never a password nor a code) — a wait too, the
   * step's page then answering 429 with Retry-After.
   */
  async function submit(
    req: FastifyRequest,
    reply: FastifyReply,
    step: Step,
    run: (id: string) => Promise<StepOutcome>,
    rerender: (flow: RegistrationFlow, errors: FieldError[]) => Promise<SafeHtml> | SafeHtml,
    o: { redirectSuffix?: string; kept?: Values; errorsAt?: (errors: FieldError[]) => FieldError[] } = {},
  ) {
    const id = req.cookies[FLOW_COOKIE];
    if (!id) return reply.redirect(BASE, 303);
    const out = await run(id);
    if (out.kind === 'saved') return reply.redirect(pathOf(out.next) + (o.redirectSuffix ?? ''), 303);
    if (out.kind !== 'refused') return redirectElsewhere(out, reply);
    const opened = await openStep(d, id, step);
    if (opened.kind !== 'open') return redirectElsewhere(opened, reply);
    return refuseForm(d, req, reply, out.refusal, {
      to: STEP_PATHS[step],
      ...(o.kept ? { values: o.kept } : {}),
      ...(o.errorsAt ? { errorsAt: o.errorsAt } : {}),
      render: (errors) => rerender(opened.flow, errors),
    });
  }

  const meta = (req: FastifyRequest) => ({ ip: req.ip });

  /** POST of a step that takes input: its form (`raw`) read with the step's schema, then as `submit`. */
  function submitForm(
    req: FastifyRequest,
    reply: FastifyReply,
    step: keyof typeof SUBMISSIONS,
    raw: unknown,
    rerender: (flow: RegistrationFlow, errors: FieldError[]) => Promise<SafeHtml> | SafeHtml,
    o: { explain?: (errors: FieldError[]) => FieldError[]; kept?: Values; errorsAt?: (errors: FieldError[]) => FieldError[] } = {},
  ) {
    return submit(req, reply, step, (id) => withBody(d, id, SUBMISSIONS[step], raw, meta(req), o.explain), rerender, {
      ...(o.kept ? { kept: o.kept } : {}),
      ...(o.errorsAt ? { errorsAt: o.errorsAt } : {}),
    });
  }

  return async (app) => {
    app.get(BASE, async (req, reply) => {
      const q = readQuery(RegistrationPageQuery, req);
      const live = await liveRegistration(d, req.cookies[FLOW_COOKIE]);
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
      const live = await liveRegistration(d, req.cookies[FLOW_COOKIE]);
      if (live && live.state !== 'completed') return reply.redirect(pathOf(live.state), 303);
      const q = readQuery(RegistrationPageQuery, req);
      const flow = await startRegistration(d, {
        prestation: chosenPrestation(req)?.slug,
        origin: q.depuis === 'mon-compte' ? 'mon-compte' : 'demarche',
      });
      setFlowCookie(reply, flow.token);
      return reply.redirect(STEP_PATHS.civil_status, 303);
    });

    // ④ État civil
    app.get(STEP_PATHS.civil_status, (req, reply) =>
      show(req, reply, 'civil_status', (flow, shown) =>
        shown
          ? civilStatusPage({ flow, csrfToken: req.csrfToken, values: shown.values, errors: shown.errors, showResults: true })
          : civilStatusPage({ flow, csrfToken: req.csrfToken, values: civilStatusValues(flow), showResults: false }),
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
      const raw = { ...v, birthDate: { day: v['birthDate-day'], month: v['birthDate-month'], year: v['birthDate-year'] } };
      return submitForm(
        req,
        reply,
        'civil_status',
        raw,
        (flow, errors) => civilStatusPage({ flow, csrfToken: req.csrfToken, values: v, errors, showResults: true }),
        // The NIR typed is shown again, as it always was (kept sealed in between: src/http/form-state.ts).
        { explain: (errors) => civilStatusFormErrors(errors, raw, d.clock.now()), kept: kept(v) },
      );
    });

    // ⑤ Titre d'identité
    app.get(STEP_PATHS.identity_document, (req, reply) =>
      show(req, reply, 'identity_document', (flow, shown) =>
        documentPage({
          flow,
          csrfToken: req.csrfToken,
          values: shown?.values ?? documentValues(flow),
          ...(shown ? { errors: shown.errors } : {}),
        }),
      ),
    );
    app.post(STEP_PATHS.identity_document, async (req, reply) => {
      const v = values(req);
      const kind = v.documentKind;
      return submitForm(
        req,
        reply,
        'identity_document',
        { documentKind: kind, documentNumber: kind ? v[`documentNumber-${kind}`] : undefined },
        (flow, errors) => documentPage({ flow, csrfToken: req.csrfToken, values: v, errors }),
        { kept: kept(v), errorsAt: (errors) => mapErrors(errors, { documentKind: kind }) },
      );
    });

    // ⑥ Coordonnées de contact
    app.get(STEP_PATHS.contact, (req, reply) =>
      show(req, reply, 'contact', (flow, shown) =>
        contactPage({
          flow,
          csrfToken: req.csrfToken,
          values: shown?.values ?? contactValues(flow.data.contact),
          ...(shown ? { errors: shown.errors } : {}),
        }),
      ),
    );
    app.post(STEP_PATHS.contact, async (req, reply) => {
      const v = values(req);
      return submitForm(req, reply, 'contact', v, (flow, errors) => contactPage({ flow, csrfToken: req.csrfToken, values: v, errors }), {
        kept: kept(v),
      });
    });

    // ⑦ Code
    const renderCode = async (req: FastifyRequest, flow: RegistrationFlow, errors?: FieldError[]) => {
      const resendInSeconds = secondsUntil(await resendAllowedAt(d, flow.id), d.clock.now());
      const resent = readQuery(ResentQuery, req).renvoye;
      return codePage({
        flow,
        csrfToken: req.csrfToken,
        resendInSeconds,
        resent: resent && !errors,
        agencyPhone: d.config.agencyPhone,
        ...(errors ? { errors } : {}),
      });
    };
    app.get(STEP_PATHS.code, (req, reply) => show(req, reply, 'code', (flow, shown) => renderCode(req, flow, shown?.errors)));
    app.post(STEP_PATHS.code, async (req, reply) =>
      submitForm(req, reply, 'code', values(req), (flow, errors) => renderCode(req, flow, errors)),
    );
    app.post(`${STEP_PATHS.code}/renvoyer`, async (req, reply) =>
      submit(
        req,
        reply,
        'code',
        (id) => resendCode(d, id, meta(req)),
        (flow, errors) => renderCode(req, flow, errors),
        { redirectSuffix: '?renvoye=1', errorsAt: atResendButton },
      ),
    );

    // ⑧ Mot de passe
    app.get(STEP_PATHS.password, (req, reply) =>
      show(req, reply, 'password', (flow, shown) =>
        passwordPage({ flow, csrfToken: req.csrfToken, ...(shown ? { errors: shown.errors } : {}) }),
      ),
    );
    app.post(STEP_PATHS.password, async (req, reply) =>
      submitForm(req, reply, 'password', values(req), (flow, errors) => passwordPage({ flow, csrfToken: req.csrfToken, errors })),
    );

    // Récapitulatif → the account
    app.get(STEP_PATHS.review, (req, reply) =>
      show(req, reply, 'review', (flow, shown) =>
        reviewPage({ flow, csrfToken: req.csrfToken, ...(shown ? { errors: shown.errors } : {}) }),
      ),
    );
    app.post(STEP_PATHS.review, async (req, reply) =>
      submit(
        req,
        reply,
        'review',
        (id) => confirmRegistration(d, id),
        (flow, errors) => reviewPage({ flow, csrfToken: req.csrfToken, errors }),
      ),
    );

    app.get(DONE_PATH, async (req, reply) => {
      const id = req.cookies[FLOW_COOKIE];
      if (!id) return reply.redirect(BASE, 303);
      const loaded = await loadRegistration(d, id);
      if (loaded.kind !== 'open') return redirectElsewhere(loaded, reply);
      const { flow } = loaded;
      if (flow.state !== 'completed') return reply.redirect(pathOf(flow.state), 303);
      return sendHtml(reply, donePage({ flow, agencyPhone: d.config.agencyPhone }));
    });
  };
}
