import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import {
  canOpen,
  chooseContact,
  proveExistingAccount,
  resendAllowedAt,
  resendCode,
  submitIdentity,
  verifyCodeAndCreate,
} from './use-cases';
import { isFlowError } from '../../flows/flow';
import { signups, type Signup, type SignupStep } from './store';
import { formFields, readForm, readQuery } from '../../http/api/input';
import { sendHtml } from '../../http/errors';
import { CodeBody, ResentQuery } from '../../http/api/schemas';
import { FcExistingAccountForm, FcIdentityForm } from './schemas';
import { ContactBody } from '../registration/schemas';
import type { Errors } from '../../http/views/components';
import { atResendButton, secondsUntil, type ContactValues } from '../contact-verification/views';
import type { SafeHtml } from '../../http/views/html';
import { clearCookie, depsOf, flowErrorPage, signIn, SIGNUP_COOKIE, STEP_PATHS } from './pages-common';
import { codePage, contactPage, createdPage, existingAccountPage, identityPage } from './signup-views';

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
export function franceConnectSignupPages(ctx: AppContext): FastifyPluginAsync {
  const deps = () => depsOf(ctx);
  const typed = (req: FastifyRequest): ContactValues => {
    const b = formFields(req.body);
    return { contactKind: b.contactKind, email: b.email, phone: b.phone };
  };

  /** The signup of this browser, if the page may be shown at its step; otherwise the reply is sent. */
  const loadSignup = async (req: FastifyRequest, reply: FastifyReply, step: SignupStep): Promise<Signup | undefined> => {
    let signup: Signup;
    try {
      signup = await signups.find(ctx.database.db, req.cookies[SIGNUP_COOKIE], ctx.clock.now());
    } catch (e) {
      if (!isFlowError(e)) throw e;
      await flowErrorPage(ctx, req, reply, e.code as 'FLOW_NOT_FOUND' | 'FLOW_EXPIRED');
      return undefined;
    }
    if (!canOpen(signup, step)) {
      await reply.redirect(STEP_PATHS[signup.state], 303);
      return undefined;
    }
    return signup;
  };

  /** Signed in: the signup is over (consumed by the use case). */
  const finish = async (req: FastifyRequest, reply: FastifyReply, s: Signup, account: Parameters<typeof signIn>[3]) => {
    await signIn(ctx, req, reply, account, s.data.idToken);
    clearCookie(reply, SIGNUP_COOKIE);
  };

  const renderCode = async (req: FastifyRequest, s: Signup, errors?: Errors) => {
    const resent = readQuery(ResentQuery, req).renvoye;
    return codePage(req, s.data.contact!, {
      resendInSeconds: secondsUntil(await resendAllowedAt(deps(), s), ctx.clock.now()),
      resent: resent && !errors,
      agencyPhone: ctx.config.agencyPhone,
      ...(errors ? { errors } : {}),
    });
  };

  /** GET of a step: the guard, then the page. */
  const show =
    (step: SignupStep, render: (req: FastifyRequest, s: Signup) => SafeHtml | Promise<SafeHtml>) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const s = await loadSignup(req, reply, step);
      if (!s) return reply;
      return sendHtml(reply, await render(req, s));
    };

  return async (app) => {
    app.get(
      STEP_PATHS.identity,
      show('identity', (req, s) => identityPage(req, s)),
    );

    app.post(STEP_PATHS.identity, async (req, reply) => {
      const s = await loadSignup(req, reply, 'identity');
      if (!s) return reply;
      const typed = formFields(req.body).nir;
      const read = readForm(FcIdentityForm, req);
      if (!read.ok) return sendHtml(reply, identityPage(req, s, read.errors, typed), 400);
      const r = await submitIdentity(deps(), s, read.data.nir);
      if (r.ok) return reply.redirect(STEP_PATHS[r.step], 303);
      if ('page' in r) return flowErrorPage(ctx, req, reply, r.page);
      return sendHtml(reply, identityPage(req, s, r.errors, typed), 400);
    });

    app.get(
      STEP_PATHS.existing_account,
      show('existing_account', (req) => existingAccountPage(req)),
    );

    app.post(STEP_PATHS.existing_account, async (req, reply) => {
      const s = await loadSignup(req, reply, 'existing_account');
      if (!s) return reply;
      const read = readForm(FcExistingAccountForm, req);
      if (!read.ok) return sendHtml(reply, existingAccountPage(req, read.errors), 400);
      const r = await proveExistingAccount(deps(), s, read.data.password || undefined, req.ip);
      if (r.ok) {
        await finish(req, reply, s, r.account);
        return reply.redirect('/mon-espace', 303);
      }
      if ('page' in r) return flowErrorPage(ctx, req, reply, r.page);
      const status = r.errors.some((e) => e.code === 'FC_PASSWORD_THROTTLED') ? 429 : 400;
      return sendHtml(reply, existingAccountPage(req, r.errors), status);
    });

    app.get(
      STEP_PATHS.contact,
      show('contact', (req, s) => contactPage(req, s)),
    );

    app.post(STEP_PATHS.contact, async (req, reply) => {
      const s = await loadSignup(req, reply, 'contact');
      if (!s) return reply;
      const read = readForm(ContactBody, req);
      if (!read.ok) return sendHtml(reply, contactPage(req, s, read.errors, typed(req)), 400);
      const r = await chooseContact(deps(), s, read.data, req.ip);
      if (r.ok) return reply.redirect(STEP_PATHS.code, 303);
      if ('page' in r) return flowErrorPage(ctx, req, reply, r.page);
      return sendHtml(reply, contactPage(req, s, r.errors, typed(req)), r.status ?? 400);
    });

    app.get(
      STEP_PATHS.code,
      show('code', (req, s) => renderCode(req, s)),
    );

    app.post(`${STEP_PATHS.code}/renvoyer`, async (req, reply) => {
      const s = await loadSignup(req, reply, 'code');
      if (!s) return reply;
      const r = await resendCode(deps(), s, req.ip);
      if (r.ok) return reply.redirect(`${STEP_PATHS.code}?renvoye=1`, 303);
      return sendHtml(reply, await renderCode(req, s, atResendButton(r.errors)), r.status);
    });

    app.post(STEP_PATHS.code, async (req, reply) => {
      const s = await loadSignup(req, reply, 'code');
      if (!s) return reply;
      const read = readForm(CodeBody, req);
      if (!read.ok) return sendHtml(reply, await renderCode(req, s, read.errors), 400);
      const r = await verifyCodeAndCreate(deps(), s, read.data.code);
      if (r.ok) {
        await finish(req, reply, s, r.account);
        return reply.redirect(r.created ? STEP_PATHS.completed : '/mon-espace', 303);
      }
      if ('page' in r) return flowErrorPage(ctx, req, reply, r.page);
      if ('step' in r) return reply.redirect(STEP_PATHS[r.step], 303);
      return sendHtml(reply, await renderCode(req, s, r.errors), r.status ?? 400);
    });

    app.get(STEP_PATHS.completed, async (req, reply) => {
      if (!req.account) return reply.redirect('/connexion', 303);
      return sendHtml(reply, createdPage(req));
    });
  };
}
