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
import { formRefusal, pageStatus, refusalFields } from '../refusal';
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

/**
 * « Créer Mon Compte » as pages: GET renders the step pre-filled from the flow, POST validates,
 * saves and redirects (Post/Redirect/Get); errors re-render the step with status 400.
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

  /** GET of a step: the guard, then the page. */
  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    step: Step,
    render: (flow: RegistrationFlow) => Promise<SafeHtml> | SafeHtml,
  ) {
    const id = req.cookies[FLOW_COOKIE];
    if (!id) return reply.redirect(BASE, 303);
    const opened = await openStep(d, id, step);
    if (opened.kind !== 'open') return redirectElsewhere(opened, reply);
    return sendHtml(reply, await render(opened.flow));
  }

  /** POST of a step: the use case, then PRG; a refusal re-renders the step with its field errors. */
  async function submit(
    req: FastifyRequest,
    reply: FastifyReply,
    step: Step,
    run: (id: string) => Promise<StepOutcome>,
    rerender: (flow: RegistrationFlow, errors: FieldError[]) => Promise<SafeHtml> | SafeHtml,
    redirectSuffix = '',
  ) {
    const id = req.cookies[FLOW_COOKIE];
    if (!id) return reply.redirect(BASE, 303);
    const out = await run(id);
    if (out.kind === 'saved') return reply.redirect(pathOf(out.next) + redirectSuffix, 303);
    if (out.kind !== 'refused') return redirectElsewhere(out, reply);
    const opened = await openStep(d, id, step);
    if (opened.kind !== 'open') return redirectElsewhere(opened, reply);
    const status = pageStatus(reply, out.refusal);
    return sendHtml(reply, await rerender(opened.flow, refusalFields(out.refusal)), status);
  }

  const meta = (req: FastifyRequest) => ({ ip: req.ip });

  /** POST of a step that takes input: its form (`raw`) read with the step's schema, then as `submit`. */
  function submitForm(
    req: FastifyRequest,
    reply: FastifyReply,
    step: keyof typeof SUBMISSIONS,
    raw: unknown,
    rerender: (flow: RegistrationFlow, errors: FieldError[]) => Promise<SafeHtml> | SafeHtml,
    explain?: (errors: FieldError[]) => FieldError[],
  ) {
    return submit(req, reply, step, (id) => withBody(d, id, SUBMISSIONS[step], raw, meta(req), explain), rerender);
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
      const raw = { ...v, birthDate: { day: v['birthDate-day'], month: v['birthDate-month'], year: v['birthDate-year'] } };
      return submitForm(
        req,
        reply,
        'civil_status',
        raw,
        (flow, errors) => civilStatusPage({ flow, csrfToken: req.csrfToken, values: v, errors, showResults: true }),
        (errors) => civilStatusFormErrors(errors, raw, d.clock.now()),
      );
    });

    // ⑤ Titre d'identité
    app.get(STEP_PATHS.identity_document, (req, reply) =>
      show(req, reply, 'identity_document', (flow) => documentPage({ flow, csrfToken: req.csrfToken, values: documentValues(flow) })),
    );
    app.post(STEP_PATHS.identity_document, async (req, reply) => {
      const v = values(req);
      const kind = v.documentKind;
      return submitForm(
        req,
        reply,
        'identity_document',
        { documentKind: kind, documentNumber: kind ? v[`documentNumber-${kind}`] : undefined },
        (flow, errors) => documentPage({ flow, csrfToken: req.csrfToken, values: v, errors: mapErrors(errors, { documentKind: kind }) }),
      );
    });

    // ⑥ Coordonnées de contact
    app.get(STEP_PATHS.contact, (req, reply) =>
      show(req, reply, 'contact', (flow) => contactPage({ flow, csrfToken: req.csrfToken, values: contactValues(flow.data.contact) })),
    );
    app.post(STEP_PATHS.contact, async (req, reply) => {
      const v = values(req);
      return submitForm(req, reply, 'contact', v, (flow, errors) => contactPage({ flow, csrfToken: req.csrfToken, values: v, errors }));
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
    app.get(STEP_PATHS.code, (req, reply) => show(req, reply, 'code', (flow) => renderCode(req, flow)));
    app.post(STEP_PATHS.code, async (req, reply) =>
      submitForm(req, reply, 'code', values(req), (flow, errors) => renderCode(req, flow, errors)),
    );
    app.post(`${STEP_PATHS.code}/renvoyer`, async (req, reply) =>
      submit(
        req,
        reply,
        'code',
        (id) => resendCode(d, id, meta(req)),
        (flow, errors) => renderCode(req, flow, atResendButton(errors)),
        '?renvoye=1',
      ),
    );

    // ⑧ Mot de passe
    app.get(STEP_PATHS.password, (req, reply) => show(req, reply, 'password', (flow) => passwordPage({ flow, csrfToken: req.csrfToken })));
    app.post(STEP_PATHS.password, async (req, reply) =>
      submitForm(req, reply, 'password', values(req), (flow, errors) => passwordPage({ flow, csrfToken: req.csrfToken, errors })),
    );

    // Récapitulatif → the account
    app.get(STEP_PATHS.review, (req, reply) => show(req, reply, 'review', (flow) => reviewPage({ flow, csrfToken: req.csrfToken })));
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
