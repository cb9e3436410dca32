import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { auditEventsOf, describeUserAgent, recordAudit } from '../../auth/audit';
import { requestOrigin, rotateSession } from '../../http/session';
import { sessionHandle } from '../../auth/sessions';
import { AppError, type FieldError } from '../../errors/app-error';
import { codeRefused, contactRefusal, readCode } from '../contact-verification/codes';
import { describeDestination, maskDestination, type ContactKind } from '../../accounts/destination';
import { CONTACT_CHANGE_TTL_MS, confirmContactChange, pendingContactChange, startContactChange } from '../contact-change/use-cases';
import { changePassword } from '../login/settings';
import { sendHtml } from '../../http/errors';
import { fieldsRefusal, formRefusal, refuseForm, takeRefused, type Refusal } from '../refusal';
import { keptValue, takeFormState } from '../../http/form-state';
import { reauthRefusal } from '../login/replies';
import { backLink, button, errorSummary, form, summaryList, table, type Errors } from '../../http/views/components';
import { codeForm } from '../contact-verification/views';
import { html } from '../../http/views/html';
import { PASSWORD_CHECKLIST_SCRIPT, passwordFields } from '../../http/views/password-fields';
import { formFields, readForm } from '../../http/api/input';
import { CodeBody } from '../../http/api/schemas';
import { ContactChangeForm, EndSessionForm, PasswordChangeForm } from './schemas';
import { personFlash, redirectWithNotice, takeNotice } from '../../http/flash';
import { requirePermission } from '../../http/require-permission';
import { accountPage, contactChoice, formatDateTime, successBanner } from '../../http/views/account-page';
import { dataNotice } from '../../http/views/data-notice';
import { reauthenticationField } from '../login/reauthentication';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type AccountSettingsPagesDeps = Pick<
  JourneyDeps,
  'clock' | 'codes' | 'config' | 'contactCodes' | 'database' | 'loginThrottle' | 'passwordCheck' | 'passwords' | 'sessions'
>;

/**
 * « Sécurité du compte » (/mon-espace/securite): recent logins, current sessions (end one, end all
 * others), password change and contact change — both ask for the current password again.
 */
export const CONTACT_FLOW_COOKIE = 'mc_contact';
const SECURITY_PATH = '/mon-espace/securite';

const DONE: Record<string, string> = {
  'mot-de-passe': 'Votre mot de passe a été modifié. Vos autres sessions ont été fermées.',
  'mot-de-passe-cree': 'Votre mot de passe a été créé. Vous pouvez aussi vous connecter avec votre identifiant et ce mot de passe.',
  contact: 'Vos coordonnées de contact ont été modifiées. Un message a été envoyé à vos anciennes coordonnées.',
  session: 'La session a été fermée.',
  sessions: 'Toutes vos autres sessions ont été fermées.',
};

export function securityPages(ctx: AccountSettingsPagesDeps): FastifyPluginAsync {
  const reauthentication = (req: FastifyRequest, errors: Errors, hint?: string) => reauthenticationField(ctx, req, errors, hint);

  const passwordPage = (req: FastifyRequest, errors?: FieldError[]) => {
    const creating = !req.account!.password_hash;
    const title = creating ? 'Créer mon mot de passe' : 'Modifier mon mot de passe';
    const reauth = reauthentication(req, errors);
    return accountPage(
      req,
      { title, hasErrors: !!errors?.length, backLink: backLink('/mon-espace/securite'), scripts: [PASSWORD_CHECKLIST_SCRIPT] },
      html`${errorSummary(errors)}
<h1 class="govuk-heading-l">${title}</h1>
${creating ? html`<p class="govuk-body">Avec un mot de passe, vous pourrez aussi vous connecter avec votre numéro de sécurité sociale ou votre identifiant provisoire, sans FranceConnect.</p>` : ''}
${
  reauth.blocked ??
  form(
    { action: '/mon-espace/securite/mot-de-passe', csrfToken: req.csrfToken },
    html`${reauth.field}
${passwordFields({ errors })}
${button(creating ? 'Créer mon mot de passe' : 'Enregistrer mon nouveau mot de passe')}`,
  )
}`,
    );
  };

  const contactPage = (req: FastifyRequest, v: { kind?: string; email?: string; phone?: string; errors?: FieldError[] }) => {
    const a = req.account!;
    const reauth = reauthentication(req, v.errors, 'Pour confirmer qu’il s’agit bien de vous.');
    return accountPage(
      req,
      { title: 'Modifier mes coordonnées de contact', hasErrors: !!v.errors?.length, backLink: backLink('/mon-espace/securite') },
      html`${errorSummary(v.errors)}
<h1 class="govuk-heading-l">Modifier mes coordonnées de contact</h1>
<p class="govuk-body">Vos codes de connexion sont actuellement envoyés ${describeDestination(a.contact_kind, a.contact_value)}. Nous enverrons un code à vos nouvelles coordonnées pour les vérifier avant de les enregistrer.</p>
${
  reauth.blocked ??
  form(
    { action: '/mon-espace/securite/contact', csrfToken: req.csrfToken },
    html`${contactChoice(v)}
  ${reauth.field}
  ${dataNotice('contact')}
  ${button('Recevoir un code')}`,
  )
}`,
    );
  };

  /**
   * The shared code form, to the new contact (masked). This flow sends no second code from here
   * (no « Renvoyer un code », no countdown): a new code is asked for by giving the details again.
   */
  const contactCodePage = (req: FastifyRequest, pending: { kind: ContactKind; value: string }, errors?: FieldError[]) =>
    accountPage(
      req,
      { title: 'Vérifier mes nouvelles coordonnées', hasErrors: !!errors?.length, backLink: backLink('/mon-espace/securite/contact') },
      html`${errorSummary(errors)}
${codeForm({
  action: '/mon-espace/securite/contact/code',
  heading: 'Saisissez le code reçu',
  csrfToken: req.csrfToken,
  contact: { kind: pending.kind, display: maskDestination(pending.kind, pending.value) },
  help: html`<a class="govuk-link" href="/mon-espace/securite/contact">Modifiez ces coordonnées ou demandez un nouveau code</a> en refaisant votre demande.`,
  agencyPhone: ctx.config.agencyPhone,
  ...(errors ? { errors } : {}),
})}`,
    );

  /** The pending contact change's token (src/journeys/contact-change): only this browser holds it. */
  const contactFlowCookie = {
    path: '/mon-espace/securite/contact',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.isProduction,
  };

  // Rights read per request (src/http/require-permission.ts): one's own account, one's own contact.
  const ownAccount = requirePermission(ctx, 'consult_personal_data');
  const ownContact = requirePermission(ctx, 'modify_contact');
  return async (app) => {
    app.get('/mon-espace/securite', { preHandler: ownAccount }, async (req, reply) => {
      const a = req.account!;
      const current = req.session!;
      const [logins, sessions] = await Promise.all([
        auditEventsOf(ctx.database.db, a.id, { types: ['login_succeeded'], limit: 10 }),
        ctx.sessions.activeOf(a.id),
      ]);
      const others = sessions.filter((s) => s.id !== current.id);
      const notice = (await takeNotice(personFlash(ctx, req), req)) ?? '';
      const done = Object.hasOwn(DONE, notice) ? DONE[notice] : undefined;
      return sendHtml(
        reply,
        accountPage(
          req,
          { title: 'Sécurité du compte', width: 'full', backLink: backLink('/mon-espace', 'Retour à mon espace') },
          html`${done ? successBanner(done, '') : ''}
<h1 class="govuk-heading-l">Sécurité du compte</h1>
<h2 class="govuk-heading-m">Mes identifiants</h2>
${summaryList([
  a.password_hash
    ? { key: 'Mot de passe', value: '••••••••••', change: { href: '/mon-espace/securite/mot-de-passe', hiddenText: 'le mot de passe' } }
    : {
        key: 'Mot de passe',
        value: 'Aucun : vous vous connectez avec FranceConnect',
        change: { href: '/mon-espace/securite/mot-de-passe', hiddenText: 'un mot de passe', label: 'Créer' },
      },
  {
    key: a.contact_kind === 'email' ? 'Adresse mail' : 'Téléphone portable',
    value: maskDestination(a.contact_kind, a.contact_value),
    change: { href: '/mon-espace/securite/contact', hiddenText: 'les coordonnées de contact' },
  },
])}
<h2 class="govuk-heading-m" id="appareils">Mes appareils</h2>
<p class="govuk-body">Les appareils connectés à votre compte en ce moment. Vous ne reconnaissez pas l’un d’eux ? Déconnectez-le, puis changez votre mot de passe. Chaque connexion depuis un nouvel appareil vous est signalée à vos coordonnées de contact.</p>
${table({
  label: 'Mes appareils',
  caption: 'Appareils connectés à votre compte',
  head: ['Appareil', 'Connexion', 'Dernière activité', html`<span class="govuk-visually-hidden">Action</span>`],
  rows: sessions.map((s) => [
    describeUserAgent(s.userAgent),
    formatDateTime(s.createdAt),
    formatDateTime(s.lastSeenAt),
    s.id === current.id
      ? html`<strong class="govuk-tag">Cette session</strong>`
      : form(
          { action: '/mon-espace/securite/sessions/fin', csrfToken: req.csrfToken },
          html`<input type="hidden" name="session" value="${sessionHandle(s)}"><button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Mettre fin à cette session<span class="govuk-visually-hidden"> (${describeUserAgent(s.userAgent)}, ${formatDateTime(s.createdAt)})</span></button>`,
        ),
  ]),
})}
${others.length ? form({ action: '/mon-espace/securite/sessions/autres/fin', csrfToken: req.csrfToken }, button('Se déconnecter de tous les autres appareils', { secondary: true })) : html`<p class="govuk-body">Vous n’êtes connecté sur aucun autre appareil.</p>`}
<h2 class="govuk-heading-m">Mes dernières connexions</h2>
${table({
  label: 'Mes dernières connexions',
  caption: 'Dix dernières connexions à votre compte',
  head: ['Date', 'Navigateur', 'Moyen'],
  rows: logins.map((e) => [
    formatDateTime(e.at),
    describeUserAgent(e.userAgent),
    e.details.method === 'franceconnect' ? 'FranceConnect' : 'Mot de passe',
  ]),
})}
<p class="govuk-body">Vous ne reconnaissez pas une connexion ? <a class="govuk-link" href="/mon-espace/securite/mot-de-passe">Changez votre mot de passe</a> : toutes les autres sessions seront fermées.</p>`,
        ),
      );
    });

    app.post('/mon-espace/securite/sessions/fin', { preHandler: ownAccount }, async (req, reply) => {
      const read = readForm(EndSessionForm, req);
      const handle = read.ok ? read.data.session : '';
      const target = (await ctx.sessions.activeOf(req.account!.id)).find((s) => sessionHandle(s) === handle && s.id !== req.session!.id);
      if (!target) throw new AppError('AUTH_SESSION_NOT_FOUND');
      await ctx.sessions.end(target.id);
      await recordAudit(
        ctx.database.db,
        { type: 'session_ended', accountId: req.account!.id, ...requestOrigin(req), details: { reason: 'ended_by_user', count: 1 } },
        ctx.clock.now(),
      );
      return redirectWithNotice(personFlash(ctx, req), reply, SECURITY_PATH, 'session');
    });

    app.post('/mon-espace/securite/sessions/autres/fin', { preHandler: ownAccount }, async (req, reply) => {
      const count = await ctx.sessions.endAllOf(req.account!.id, req.session!.id);
      await recordAudit(
        ctx.database.db,
        { type: 'session_ended', accountId: req.account!.id, ...requestOrigin(req), details: { reason: 'others_ended_by_user', count } },
        ctx.clock.now(),
      );
      return redirectWithNotice(personFlash(ctx, req), reply, SECURITY_PATH, 'sessions');
    });

    app.get('/mon-espace/securite/mot-de-passe', { preHandler: ownAccount }, async (req, reply) => {
      const { shown, status } = await takeRefused(ctx, req, reply);
      return sendHtml(reply, passwordPage(req, shown?.errors), status);
    });

    app.post('/mon-espace/securite/mot-de-passe', { preHandler: ownAccount }, async (req, reply) => {
      // Passwords are never kept: the page shows the errors with empty fields.
      const refused = (r: Refusal) =>
        refuseForm(ctx, req, reply, r, { to: '/mon-espace/securite/mot-de-passe', render: (errors) => passwordPage(req, errors) });
      const read = readForm(PasswordChangeForm, req);
      if (!read.ok) return refused(formRefusal(read.errors));
      const b = read.data;
      const r = await changePassword(ctx, {
        account: req.account!,
        session: req.session!,
        current: b.currentPassword,
        password: b.password,
        confirmation: b.passwordConfirmation,
        origin: requestOrigin(req),
      });
      if (r.kind === 'throttled' || r.kind === 'wrong_password') return refused(reauthRefusal(r));
      if (r.kind === 'franceconnect_again') return sendHtml(reply, passwordPage(req), 403);
      if (r.kind === 'invalid') return refused(formRefusal(r.errors));
      const created = !req.account!.password_hash;
      await rotateSession(ctx, req, reply);
      return redirectWithNotice(personFlash(ctx, req), reply, SECURITY_PATH, created ? 'mot-de-passe-cree' : 'mot-de-passe');
    });

    app.get('/mon-espace/securite/contact', { preHandler: ownContact }, async (req, reply) => {
      const { shown, status } = await takeRefused(ctx, req, reply);
      if (!shown) return sendHtml(reply, contactPage(req, {}));
      const v = { kind: keptValue(shown, 'kind'), email: keptValue(shown, 'email'), phone: keptValue(shown, 'phone') };
      return sendHtml(reply, contactPage(req, { ...v, errors: shown.errors }), status);
    });

    app.post('/mon-espace/securite/contact', { preHandler: ownContact }, async (req, reply) => {
      const typed = formFields(req.body);
      const v = { kind: typed.kind, email: typed.email, phone: typed.phone };
      // The new contact is shown again; the password is not.
      const refused = (r: Refusal) =>
        refuseForm(ctx, req, reply, r, {
          to: '/mon-espace/securite/contact',
          values: v,
          render: (errors) => contactPage(req, { ...v, errors }),
        });
      const read = readForm(ContactChangeForm, req);
      if (!read.ok) return refused(formRefusal(read.errors));
      const b = read.data;
      const contact = { contactKind: b.kind, email: b.email, phone: b.phone };
      const r = await startContactChange(ctx, {
        account: req.account!,
        session: req.session!,
        current: b.currentPassword,
        contact,
        origin: requestOrigin(req),
      });
      if (r.kind === 'throttled' || r.kind === 'wrong_password') return refused(reauthRefusal(r));
      if (r.kind === 'franceconnect_again') return sendHtml(reply, contactPage(req, v), 403);
      // This form's radios are named `kind` (readContact's `contactKind`).
      if (r.kind === 'invalid_contact')
        return refused(formRefusal([{ ...r.error, field: r.error.field === 'contactKind' ? 'kind' : r.error.field }]));
      if (r.kind === 'rate_limited') return refused(contactRefusal(r));
      reply.setCookie(CONTACT_FLOW_COOKIE, r.flowToken, { ...contactFlowCookie, maxAge: CONTACT_CHANGE_TTL_MS / 1000 });
      return reply.redirect('/mon-espace/securite/contact/code', 303);
    });

    app.get('/mon-espace/securite/contact/code', { preHandler: ownContact }, async (req, reply) => {
      const pending = await pendingContactChange(ctx, req.account!, req.cookies[CONTACT_FLOW_COOKIE]);
      if (!pending) return reply.redirect('/mon-espace/securite/contact', 303);
      return sendHtml(reply, contactCodePage(req, pending.data, (await takeFormState(ctx, req, reply))?.errors));
    });

    app.post('/mon-espace/securite/contact/code', { preHandler: ownContact }, async (req, reply) => {
      const flowToken = req.cookies[CONTACT_FLOW_COOKIE];
      const pending = await pendingContactChange(ctx, req.account!, flowToken);
      if (!pending) return reply.redirect('/mon-espace/securite/contact', 303);
      // The code typed is never kept: the page shows the errors with an empty field.
      const refused = (r: Refusal) =>
        refuseForm(ctx, req, reply, r, {
          to: '/mon-espace/securite/contact/code',
          render: (errors) => contactCodePage(req, pending.data, errors),
        });
      const form = readForm(CodeBody, req);
      if (!form.ok) return refused(formRefusal(form.errors));
      const typed = readCode(form.data.code);
      if (!typed.ok) return refused(fieldsRefusal([typed.error]));
      const r = await confirmContactChange(ctx, { account: req.account!, flowToken, code: typed.code, origin: requestOrigin(req) });
      if (r.kind === 'flow_expired') return reply.redirect('/mon-espace/securite/contact', 303);
      if (r.kind === 'code_error') return refused(formRefusal([codeRefused(r)]));
      reply.clearCookie(CONTACT_FLOW_COOKIE, contactFlowCookie);
      return redirectWithNotice(personFlash(ctx, req), reply, SECURITY_PATH, 'contact');
    });
  };
}
