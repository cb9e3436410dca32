import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageUser, requestOrigin } from '../../http/session';
import { fieldError, type FieldError } from '../../errors/app-error';
import { codeRefused, contactRefusal, readCode } from '../contact-verification/codes';
import { maskDestination } from '../../accounts/destination';
import { recoveryFlow } from '../kinds';
import { completeRecovery, liveRecovery, needsPassword, setRecoveryContact, verifyRecoveryContact } from './use-cases';
import { startFranceConnectRecovery } from './franceconnect';
import { proveWithCode, requestRecoveryLetter } from './letter';
import { SIGNUP_COOKIE } from '../franceconnect/pages-common';
import { waitMessage } from '../../security/login-throttle';
import { formFields } from '../../http/api/input';
import { keptValue, takeFormState } from '../../http/form-state';
import { fieldsRefusal, formRefusal, refuseForm, takeRefused, type Refusal } from '../refusal';
import { sendHtml } from '../../http/errors';
import { backLink, button, errorSummary, form, insetText, linkButton, panel, textInput } from '../../http/views/components';
import { codeForm } from '../contact-verification/views';
import { franceConnectButton } from '../../http/views/franceconnect';
import { html, type SafeHtml } from '../../http/views/html';
import { PASSWORD_CHECKLIST_SCRIPT, passwordFields } from '../../http/views/password-fields';
import { contactChoice, identifierInput, page, signedOutPage } from '../../http/views/account-page';
import type { DepsOf, JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type RecoveryPagesDeps = Pick<
  JourneyDeps,
  'clock' | 'codes' | 'config' | 'contactCodes' | 'database' | 'loginThrottle' | 'passwords' | 'sessions'
> &
  DepsOf<typeof proveWithCode> &
  DepsOf<typeof requestRecoveryLetter> &
  DepsOf<typeof startFranceConnectRecovery>;

/**
 * Getting back into an account without its contact (src/recovery, src/journeys/recovery):
 * /mot-de-passe-oublie/sans-contact (the three ways; a letter asked for), /recuperation/courrier
 * (identifier + the letter's code), /recuperation/guichet (identifier + the code an agent had sent
 * to the new contact), then /recuperation/contact, /recuperation/contact/code,
 * /recuperation/mot-de-passe, /recuperation/termine. No answer says whether an account exists.
 */
export const RECOVERY_FLOW_COOKIE = 'mc_recovery';
export const FRANCECONNECT_RECOVERY_PATH = '/franceconnect/recuperation';
const START = '/mot-de-passe-oublie/sans-contact';
const EXPIRED = `${START}?expiree=1`;
const DONE = '/recuperation/termine';

export function recoveryPages(ctx: RecoveryPagesDeps): FastifyPluginAsync {
  const flowCookie = { path: '/recuperation', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.isProduction };

  /** The recovery done (by a code or a password): its flow's cookie cleared, then the last page. */
  const finished = (reply: FastifyReply) => {
    reply.clearCookie(RECOVERY_FLOW_COOKIE, flowCookie);
    return reply.redirect(DONE, 303);
  };

  /** The last page: the new contact (and password) saved, every session ended. */
  const donePage = (req: FastifyRequest) =>
    signedOutPage(req, {
      title: 'Accès rétabli',
      heading: 'L’accès à votre compte est rétabli',
      what: 'Vos nouvelles coordonnées de contact sont enregistrées. Toutes les sessions ouvertes sur votre compte ont été fermées, et un message a été envoyé à vos anciennes coordonnées. Par sécurité, le compte bancaire de votre dossier ne peut pas être modifié en ligne pendant quelque temps.',
    });

  const frame = (req: FastifyRequest, title: string, o: { errors?: FieldError[]; back?: string; scripts?: string[] }, body: SafeHtml) =>
    page(
      {
        title,
        hasErrors: !!o.errors?.length,
        user: pageUser(req),
        ...(o.back ? { backLink: backLink(o.back) } : {}),
        ...(o.scripts ? { scripts: o.scripts } : {}),
      },
      html`${errorSummary(o.errors)}${body}`,
    );

  const startPage = (req: FastifyRequest, v: { identifier?: string; errors?: FieldError[]; expired?: boolean }) =>
    frame(
      req,
      'Je n’ai plus accès à mon adresse mail ou à mon téléphone',
      { ...(v.errors ? { errors: v.errors } : {}), back: '/mot-de-passe-oublie' },
      html`${v.expired ? insetText(html`Votre démarche a expiré. Merci de recommencer.`) : ''}
<h1 class="govuk-heading-l">Je n’ai plus accès à mon adresse mail ou à mon téléphone</h1>
<p class="govuk-body">Vous pouvez retrouver l’accès à votre compte et choisir de nouvelles coordonnées de contact de trois façons.</p>
<h2 class="govuk-heading-m">Recevoir un code par courrier</h2>
<p class="govuk-body">Nous envoyons un code à l’adresse postale de votre dossier allocataire, sous quelques jours. Il est valable 30 jours. Avec ce code, vous choisirez de nouvelles coordonnées de contact et un nouveau mot de passe.</p>
${form({ action: START, csrfToken: req.csrfToken }, html`${identifierInput(v)}${button('Recevoir un code par courrier')}`)}
<p class="govuk-body">Vous avez reçu le courrier ? <a class="govuk-link" href="/recuperation/courrier">Saisir le code reçu par courrier</a>.</p>
<h2 class="govuk-heading-m">Avec FranceConnect</h2>
<p class="govuk-body">Si vous avez un compte sur l’un des services proposés par FranceConnect (impots.gouv.fr, ameli.fr, l’Identité Numérique La Poste…), connectez-vous avec FranceConnect : si votre identité correspond à votre compte, vous pourrez choisir de nouvelles coordonnées de contact.</p>
${franceConnectButton()}
<h2 class="govuk-heading-m">À l’accueil de votre Caf</h2>
<p class="govuk-body">Présentez-vous avec une pièce d’identité : un agent enregistre vos nouvelles coordonnées et vous envoie un code. Vous terminez ensuite sur la page <a class="govuk-link" href="/recuperation/guichet">Récupération au guichet</a>. Vous pouvez aussi appeler le ${ctx.config.agencyPhone}.</p>`,
    );

  const codeEntryPage = (req: FastifyRequest, channel: 'letter' | 'counter', v: { identifier?: string; errors?: FieldError[] }) => {
    const letter = channel === 'letter';
    return frame(
      req,
      letter ? 'Saisir le code reçu par courrier' : 'Récupération au guichet',
      { ...(v.errors ? { errors: v.errors } : {}), back: START },
      html`<h1 class="govuk-heading-l">${letter ? 'Saisir le code reçu par courrier' : 'Récupération au guichet'}</h1>
<p class="govuk-body">${letter ? 'Saisissez votre identifiant et le code à 6 chiffres indiqué dans le courrier.' : 'Saisissez votre identifiant et le code à 6 chiffres envoyé à vos nouvelles coordonnées par l’agent de la Caf. Il est valable 10 minutes.'}</p>
${form(
  { action: letter ? '/recuperation/courrier' : '/recuperation/guichet', csrfToken: req.csrfToken },
  html`${identifierInput(v)}
${textInput({ name: 'code', label: letter ? 'Code reçu par courrier' : 'Code reçu', hint: '6 chiffres', inputmode: 'numeric', autocomplete: 'one-time-code', spellcheck: false, widthClass: 'govuk-input--width-5', maxlength: 8, errors: v.errors })}
${button('Valider')}`,
)}`,
    );
  };

  const contactPage = (req: FastifyRequest, v: { kind?: string; email?: string; phone?: string; errors?: FieldError[] }) =>
    frame(
      req,
      'Mes nouvelles coordonnées de contact',
      v.errors ? { errors: v.errors } : {},
      html`<h1 class="govuk-heading-l">Mes nouvelles coordonnées de contact</h1>
<p class="govuk-body">Votre identité est vérifiée. Choisissez où recevoir désormais vos codes : nous y envoyons un code pour les vérifier.</p>
${form(
  { action: '/recuperation/contact', csrfToken: req.csrfToken },
  html`${contactChoice(v)}
${button('Recevoir un code')}`,
)}`,
    );

  const contactCodePage = (req: FastifyRequest, contact: { kind: 'email' | 'sms'; value: string }, errors?: FieldError[]) =>
    frame(
      req,
      'Vérifier mes nouvelles coordonnées',
      { ...(errors ? { errors } : {}), back: '/recuperation/contact' },
      codeForm({
        action: '/recuperation/contact/code',
        heading: 'Saisissez le code reçu',
        csrfToken: req.csrfToken,
        contact: { kind: contact.kind, display: maskDestination(contact.kind, contact.value) },
        help: html`<a class="govuk-link" href="/recuperation/contact">Modifiez ces coordonnées ou demandez un nouveau code</a>.`,
        agencyPhone: ctx.config.agencyPhone,
        ...(errors ? { errors } : {}),
      }),
    );

  const passwordPage = (req: FastifyRequest, errors?: FieldError[]) =>
    frame(
      req,
      'Choisir un nouveau mot de passe',
      { ...(errors ? { errors } : {}), scripts: [PASSWORD_CHECKLIST_SCRIPT] },
      html`<h1 class="govuk-heading-l">Choisissez un nouveau mot de passe</h1>
<p class="govuk-body">Dernière étape : une fois votre mot de passe enregistré, vous serez déconnecté de tous les appareils où vous étiez connecté.</p>
${form({ action: '/recuperation/mot-de-passe', csrfToken: req.csrfToken }, html`${passwordFields({ errors })}${button('Enregistrer et retrouver l’accès')}`)}`,
    );

  /** The live flow of this browser, or the start page (expired). */
  const flowOf = async (req: FastifyRequest, reply: FastifyReply) => {
    const flow = await liveRecovery(ctx, req.cookies[RECOVERY_FLOW_COOKIE]);
    if (!flow) await reply.redirect(EXPIRED, 303);
    return flow;
  };

  const entryPath = (channel: 'letter' | 'counter') => (channel === 'letter' ? '/recuperation/courrier' : '/recuperation/guichet');

  /** A code's page: empty, or once with the errors of its refused form and the identifier typed. */
  const entryRoute = (channel: 'letter' | 'counter') => async (req: FastifyRequest, reply: FastifyReply) => {
    const { shown, status } = await takeRefused(ctx, req, reply);
    const v = shown ? { identifier: keptValue(shown, 'identifier'), errors: shown.errors } : {};
    return sendHtml(reply, codeEntryPage(req, channel, v), status);
  };

  const proveRoute = (channel: 'letter' | 'counter') => async (req: FastifyRequest, reply: FastifyReply) => {
    const f = formFields(req.body);
    const identifier = (f.identifier ?? '').slice(0, 40);
    const typed = readCode(f.code ?? '');
    const errors: FieldError[] = [
      ...(identifier.trim() ? [] : [fieldError('identifier', 'LOGIN_IDENTIFIER_REQUIRED')]),
      ...(typed.ok ? [] : [typed.error]),
    ];
    // The identifier typed goes back to the page (303); the code never does.
    const refused = (r: Refusal) =>
      refuseForm(ctx, req, reply, r, {
        to: entryPath(channel),
        values: { identifier },
        render: (shown) => codeEntryPage(req, channel, { identifier, errors: shown }),
      });
    if (errors.length) return refused(formRefusal(errors));
    const r = await proveWithCode(ctx, { channel, identifier, code: typed.ok ? typed.code : '', origin: requestOrigin(req) });
    if (r.kind === 'rate_limited')
      return refused(fieldsRefusal([fieldError('code', 'RATE_LIMITED', `Trop d’essais. ${waitMessage(r.retryAfterMs)}`)], r.retryAfterMs));
    if (r.kind === 'refused') return refused(formRefusal([fieldError('code', 'RECOVERY_CODE_REFUSED')]));
    reply.setCookie(RECOVERY_FLOW_COOKIE, r.flowToken, { ...flowCookie, maxAge: recoveryFlow.ttlMs / 1000 });
    return reply.redirect(channel === 'letter' ? '/recuperation/contact' : '/recuperation/mot-de-passe', 303);
  };

  return async (app) => {
    app.get(START, async (req, reply) => {
      const { shown, status } = await takeRefused(ctx, req, reply);
      if (shown) return sendHtml(reply, startPage(req, { identifier: keptValue(shown, 'identifier'), errors: shown.errors }), status);
      return sendHtml(reply, startPage(req, { expired: (req.query as Record<string, string | undefined>).expiree === '1' }));
    });

    app.post(START, async (req, reply) => {
      const identifier = (formFields(req.body).identifier ?? '').slice(0, 40);
      const refused = (r: Refusal) =>
        refuseForm(ctx, req, reply, r, { to: START, values: { identifier }, render: (errors) => startPage(req, { identifier, errors }) });
      if (!identifier.trim()) return refused(formRefusal([fieldError('identifier', 'LOGIN_IDENTIFIER_REQUIRED')]));
      const r = await requestRecoveryLetter(ctx, { identifier, origin: requestOrigin(req) });
      if (r.kind === 'rate_limited') {
        const message = `Trop de demandes de courrier pour cet identifiant. ${waitMessage(r.retryAfterMs)}`;
        return refused(fieldsRefusal([fieldError('identifier', 'RATE_LIMITED', message)], r.retryAfterMs));
      }
      return reply.redirect(`${START}/courrier-demande`, 303);
    });

    app.get(`${START}/courrier-demande`, async (req, reply) =>
      sendHtml(
        reply,
        frame(
          req,
          'Demande de courrier enregistrée',
          {},
          html`${panel('Demande enregistrée')}
<p class="govuk-body">Si un compte Mon Compte correspond à cet identifiant et que nous connaissons l’adresse de votre dossier allocataire, un courrier avec un code vous sera envoyé sous quelques jours. Le code est valable 30 jours.</p>
<p class="govuk-body">Si vous ne recevez rien, présentez-vous à l’accueil de votre Caf avec une pièce d’identité, ou appelez le ${ctx.config.agencyPhone}.</p>
${linkButton('Saisir le code reçu par courrier', '/recuperation/courrier')}`,
        ),
      ),
    );

    app.get('/recuperation/courrier', entryRoute('letter'));
    app.post('/recuperation/courrier', proveRoute('letter'));
    app.get('/recuperation/guichet', entryRoute('counter'));
    app.post('/recuperation/guichet', proveRoute('counter'));

    // From the FranceConnect sign-up's « Vous avez déjà un compte » (the sign-up cookie lives under /franceconnect).
    app.post(FRANCECONNECT_RECOVERY_PATH, async (req, reply) => {
      const r = await startFranceConnectRecovery(ctx, { signupToken: req.cookies[SIGNUP_COOKIE], origin: requestOrigin(req) });
      if (r.kind === 'refused') return reply.redirect(EXPIRED, 303);
      reply.clearCookie(SIGNUP_COOKIE, { path: '/franceconnect' });
      reply.setCookie(RECOVERY_FLOW_COOKIE, r.flowToken, { ...flowCookie, maxAge: recoveryFlow.ttlMs / 1000 });
      return reply.redirect('/recuperation/contact', 303);
    });

    app.get('/recuperation/contact', async (req, reply) => {
      const flow = await flowOf(req, reply);
      if (!flow) return;
      if (flow.state === 'contact_verified') return reply.redirect('/recuperation/mot-de-passe', 303);
      const { shown, status } = await takeRefused(ctx, req, reply);
      if (!shown) return sendHtml(reply, contactPage(req, {}));
      const v = { kind: keptValue(shown, 'kind'), email: keptValue(shown, 'email'), phone: keptValue(shown, 'phone') };
      return sendHtml(reply, contactPage(req, { ...v, errors: shown.errors }), status);
    });

    app.post('/recuperation/contact', async (req, reply) => {
      const f = formFields(req.body);
      const v = { kind: f.kind, email: f.email, phone: f.phone };
      const r = await setRecoveryContact(ctx, {
        flowToken: req.cookies[RECOVERY_FLOW_COOKIE],
        contact: { contactKind: f.kind, email: f.email, phone: f.phone },
        origin: requestOrigin(req),
      });
      if (r.kind === 'flow_expired') return reply.redirect(EXPIRED, 303);
      if (r.kind === 'invalid') {
        // This form's radios are named `kind` (readContact's `contactKind`).
        const error = { ...r.error, field: r.error.field === 'contactKind' ? 'kind' : r.error.field };
        // A contact to correct goes back to the form (303) with what was typed; a limit of codes too,
        // the page then answering 429 with Retry-After.
        return refuseForm(ctx, req, reply, contactRefusal({ error, retryAfterMs: r.retryAfterMs }), {
          to: '/recuperation/contact',
          values: v,
          render: (errors) => contactPage(req, { ...v, errors }),
        });
      }
      return reply.redirect('/recuperation/contact/code', 303);
    });

    app.get('/recuperation/contact/code', async (req, reply) => {
      const flow = await flowOf(req, reply);
      if (!flow) return;
      if (!flow.data.contact || flow.state !== 'awaiting_contact_code') return reply.redirect('/recuperation/contact', 303);
      return sendHtml(reply, contactCodePage(req, flow.data.contact, (await takeFormState(ctx, req, reply))?.errors));
    });

    app.post('/recuperation/contact/code', async (req, reply) => {
      const token = req.cookies[RECOVERY_FLOW_COOKIE];
      const flow = await flowOf(req, reply);
      if (!flow) return;
      if (!flow.data.contact || flow.state !== 'awaiting_contact_code') return reply.redirect('/recuperation/contact', 303);
      const contact = flow.data.contact;
      // The code typed is never kept: the page shows the errors with an empty field (303).
      const refused = (r: Refusal) =>
        refuseForm(ctx, req, reply, r, { to: '/recuperation/contact/code', render: (errors) => contactCodePage(req, contact, errors) });
      const typed = readCode(formFields(req.body).code ?? '');
      if (!typed.ok) return refused(fieldsRefusal([typed.error]));
      const r = await verifyRecoveryContact(ctx, { flowToken: token, code: typed.code, origin: requestOrigin(req) });
      if (r.kind === 'flow_expired') return reply.redirect(EXPIRED, 303);
      if (r.kind === 'code_error') return refused(formRefusal([codeRefused(r)]));
      if (needsPassword(r.flow)) return reply.redirect('/recuperation/mot-de-passe', 303);
      const done = await completeRecovery(ctx, { flowToken: token, origin: requestOrigin(req) });
      if (done.kind !== 'completed') return reply.redirect(EXPIRED, 303);
      return finished(reply);
    });

    app.get('/recuperation/mot-de-passe', async (req, reply) => {
      const flow = await flowOf(req, reply);
      if (!flow) return;
      if (flow.state !== 'contact_verified') return reply.redirect('/recuperation/contact', 303);
      return sendHtml(reply, passwordPage(req, (await takeFormState(ctx, req, reply))?.errors));
    });

    app.post('/recuperation/mot-de-passe', async (req, reply) => {
      const f = formFields(req.body);
      const r = await completeRecovery(ctx, {
        flowToken: req.cookies[RECOVERY_FLOW_COOKIE],
        password: { password: f.password ?? '', confirmation: f.passwordConfirmation ?? '' },
        origin: requestOrigin(req),
      });
      if (r.kind === 'flow_expired') return reply.redirect(EXPIRED, 303);
      // A password is never kept: the page shows the error with empty fields (303).
      if (r.kind === 'invalid')
        return refuseForm(ctx, req, reply, formRefusal([r.error]), {
          to: '/recuperation/mot-de-passe',
          render: (errors) => passwordPage(req, errors),
        });
      return finished(reply);
    });

    app.get(DONE, async (req, reply) => sendHtml(reply, donePage(req)));
  };
}
