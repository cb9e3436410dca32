import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  chooseContact,
  openSignup,
  proveExistingAccount,
  resendAllowedAt,
  resendCode,
  submitIdentity,
  verifyCodeAndCreate,
  type FranceConnectDeps,
  type StepOutcome,
} from './use-cases';
import type { Signup, SignupStep } from './store';
import { formFields, readForm, readQuery } from '../../http/api/input';
import { sendHtml } from '../../http/errors';
import { CodeBody, ResentQuery } from '../../http/api/schemas';
import { FcExistingAccountForm, FcIdentityForm } from './schemas';
import { ContactBody } from '../registration/schemas';
import type { Errors } from '../../http/views/components';
import type { FieldError } from '../../errors/app-error';
import { atResendButton, secondsUntil, type ContactValues } from '../contact-verification/views';
import type { SafeHtml } from '../../http/views/html';
import { clearCookie, flowErrorPage, signIn, SIGNUP_COOKIE, STEP_PATHS, type FranceconnectPagesCommonDeps } from './pages-common';
import { signupRefusal } from './replies';
import { formRefusal, refuseForm, takeRefused, type RefusedForm } from '../refusal';
import { keptValue, type FormState } from '../../http/form-state';
import { codePage, contactPage, createdPage, existingAccountPage, identityPage } from './signup-views';

/** What these routes take from the composition root (src/context.ts builds them). */
export type FranceconnectSignupPagesDeps = FranceConnectDeps & FranceconnectPagesCommonDeps;

/**
 * The account created with a certified identity, after a FranceConnect login with a new `sub`
 * (the signup is server-side; the browser holds its token in the `mc_fc_signup` cookie):
 *   GET|POST /franceconnect/creation         → locked identity (+ NIR to type when the répertoire did not find it)
 *   GET|POST /franceconnect/compte-existant  → the NIR has an account: its password, then `sub` is linked
 *   GET|POST /franceconnect/coordonnees      → contact (e-mail or SMS), code sent
 *   GET|POST /franceconnect/code             → code verified → account created (certified, no password)
 *   POST /franceconnect/code/renvoyer        → a new code after the cooldown (303 /franceconnect/code?renvoye=1)
 *   GET  /franceconnect/compte-cree          → confirmation
 * The contact and code steps are the registration's: same rules (src/journeys/contact-verification),
 * same forms and words (src/journeys/contact-verification/views.ts).
 */
export function franceConnectSignupPages(ctx: FranceconnectSignupPagesDeps): FastifyPluginAsync {
  const typed = (req: FastifyRequest): ContactValues => {
    const b = formFields(req.body);
    return { contactKind: b.contactKind, email: b.email, phone: b.phone };
  };

  /** The signup of this browser, if the page may be shown at its step; otherwise the reply is sent. */
  const loadSignup = async (req: FastifyRequest, reply: FastifyReply, step: SignupStep): Promise<Signup | undefined> => {
    const r = await openSignup(ctx, req.cookies[SIGNUP_COOKIE], step);
    if (r.kind === 'open') return r.signup;
    if (r.kind === 'ended') await flowErrorPage(ctx, req, reply, r.code);
    else await reply.redirect(STEP_PATHS[r.step], 303);
    return undefined;
  };

  /**
   * A step's outcome that is not the next step: back to its page with the refusal (303, see
   * refuseForm), or the page that ends the signup.
   */
  const notMoved = async (req: FastifyRequest, reply: FastifyReply, r: Exclude<StepOutcome, { kind: 'moved' }>, f: RefusedForm) => {
    if (r.kind === 'ended') return flowErrorPage(ctx, req, reply, r.code);
    const refused = signupRefusal(r);
    // Under 15: nothing to correct on a certified identity — the error page says why.
    if (r.kind === 'under_15') throw refused.error;
    return refuseForm(ctx, req, reply, refused, f);
  };
  /** A step's form refused before its use case (its schema). */
  const unread = (req: FastifyRequest, reply: FastifyReply, errors: FieldError[], f: RefusedForm) =>
    refuseForm(ctx, req, reply, formRefusal(errors), f);

  /** Signed in: the signup is over (consumed by the use case). */
  const finish = async (req: FastifyRequest, reply: FastifyReply, s: Signup, account: Parameters<typeof signIn>[3]) => {
    await signIn(ctx, req, reply, account, s.data.idToken);
    clearCookie(reply, SIGNUP_COOKIE);
  };

  const renderCode = async (req: FastifyRequest, s: Signup, errors?: Errors) => {
    const resent = readQuery(ResentQuery, req).renvoye;
    return codePage(req, s.data.contact!, {
      resendInSeconds: secondsUntil(await resendAllowedAt(ctx, s), ctx.clock.now()),
      resent: resent && !errors,
      agencyPhone: ctx.config.agencyPhone,
      ...(errors ? { errors } : {}),
    });
  };

  /** A route of a step: the guard (see loadSignup), then `handle` with the signup. */
  const atStep =
    (step: SignupStep, handle: (req: FastifyRequest, reply: FastifyReply, s: Signup) => Promise<unknown>) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const s = await loadSignup(req, reply, step);
      if (!s) return reply;
      return handle(req, reply, s);
    };

  /** A step's page at its path: GET renders it, POST submits it, both behind the guard. */
  const step = (
    app: FastifyInstance,
    name: SignupStep,
    o: {
      /** the page; `shown`: the errors and answers of its form just refused (once) */
      render: (req: FastifyRequest, s: Signup, shown?: FormState) => SafeHtml | Promise<SafeHtml>;
      submit: (req: FastifyRequest, reply: FastifyReply, s: Signup) => Promise<unknown>;
    },
  ) => {
    app.get(
      STEP_PATHS[name],
      atStep(name, async (req, reply, s) => {
        const { shown, status } = await takeRefused(ctx, req, reply);
        return sendHtml(reply, await o.render(req, s, shown), status);
      }),
    );
    app.post(STEP_PATHS[name], atStep(name, o.submit));
  };

  return async (app) => {
    step(app, 'identity', {
      render: (req, s, shown) => (shown ? identityPage(req, s, shown.errors, keptValue(shown, 'nir')) : identityPage(req, s)),
      submit: async (req, reply, s) => {
        const typed = formFields(req.body).nir;
        // The NIR typed is shown again, as it always was (kept sealed in between: src/http/form-state.ts).
        const f: RefusedForm = { to: STEP_PATHS.identity, values: { nir: typed }, render: (errors) => identityPage(req, s, errors, typed) };
        const read = readForm(FcIdentityForm, req);
        if (!read.ok) return unread(req, reply, read.errors, f);
        const r = await submitIdentity(ctx, s, read.data.nir);
        if (r.kind === 'moved') return reply.redirect(STEP_PATHS[r.step], 303);
        return notMoved(req, reply, r, f);
      },
    });

    step(app, 'existing_account', {
      render: (req, _s, shown) => existingAccountPage(req, shown?.errors),
      submit: async (req, reply, s) => {
        // The password is never kept.
        const f: RefusedForm = { to: STEP_PATHS.existing_account, render: (errors) => existingAccountPage(req, errors) };
        const read = readForm(FcExistingAccountForm, req);
        if (!read.ok) return unread(req, reply, read.errors, f);
        const r = await proveExistingAccount(ctx, s, read.data.password || undefined, req.ip);
        if (r.kind === 'linked') {
          await finish(req, reply, s, r.account);
          return reply.redirect('/mon-espace', 303);
        }
        return notMoved(req, reply, r, f);
      },
    });

    step(app, 'contact', {
      render: (req, s, shown) =>
        shown
          ? contactPage(req, s, shown.errors, {
              contactKind: keptValue(shown, 'contactKind'),
              email: keptValue(shown, 'email'),
              phone: keptValue(shown, 'phone'),
            })
          : contactPage(req, s),
      submit: async (req, reply, s) => {
        const f: RefusedForm = {
          to: STEP_PATHS.contact,
          values: { ...typed(req) },
          render: (errors) => contactPage(req, s, errors, typed(req)),
        };
        const read = readForm(ContactBody, req);
        if (!read.ok) return unread(req, reply, read.errors, f);
        const r = await chooseContact(ctx, s, read.data, req.ip);
        if (r.kind === 'moved') return reply.redirect(STEP_PATHS.code, 303);
        return notMoved(req, reply, r, f);
      },
    });

    step(app, 'code', {
      render: (req, s, shown) => renderCode(req, s, shown?.errors),
      submit: async (req, reply, s) => {
        // The code typed is never kept.
        const f: RefusedForm = { to: STEP_PATHS.code, render: (errors) => renderCode(req, s, errors) };
        const read = readForm(CodeBody, req);
        if (!read.ok) return unread(req, reply, read.errors, f);
        const r = await verifyCodeAndCreate(ctx, s, read.data.code);
        if (r.kind === 'signed_in') {
          await finish(req, reply, s, r.account);
          return reply.redirect(r.created ? STEP_PATHS.completed : '/mon-espace', 303);
        }
        if (r.kind === 'elsewhere') return reply.redirect(STEP_PATHS[r.step], 303);
        return notMoved(req, reply, r, f);
      },
    });

    app.post(
      `${STEP_PATHS.code}/renvoyer`,
      atStep('code', async (req, reply, s) => {
        const r = await resendCode(ctx, s, req.ip);
        if (r.kind === 'resent') return reply.redirect(`${STEP_PATHS.code}?renvoye=1`, 303);
        return notMoved(req, reply, r, { to: STEP_PATHS.code, errorsAt: atResendButton, render: (errors) => renderCode(req, s, errors) });
      }),
    );

    app.get(STEP_PATHS.completed, async (req, reply) => {
      if (!req.account) return reply.redirect('/connexion', 303);
      return sendHtml(reply, createdPage(req));
    });
  };
}
