import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createSessionFor, endCurrentSession, pageUser } from '../../auth/http-session';
import type { SessionData } from '../../auth/sessions';
import type { AppContext } from '../../context';
import { FranceConnectError, FC_ERROR_CATALOGUE, type FranceConnectErrorInfo } from '../../franceconnect';
import { franceConnectFlowErrors, type FranceConnectFlowErrorCode } from '../../flows/franceconnect/errors';
import {
  beginLogin,
  beginLogout,
  canOpen,
  chooseContact,
  completeLogin,
  completeLogout,
  handOffLogout,
  proveExistingAccount,
  resendAllowedAt,
  resendCode,
  submitIdentity,
  takeLogoutHandOff,
  verifyCodeAndCreate,
  type FranceConnectDeps,
} from '../../flows/franceconnect/service';
import { deleteSignup, findSignup, SIGNUP_TTL_MS, TRANSACTION_TTL_MS, type Signup, type SignupStep } from '../../flows/franceconnect/store';
import { sendHtml } from '../errors';
import {
  backLink,
  button,
  details,
  errorSummary,
  form,
  insetText,
  linkButton,
  notificationBanner,
  panel,
  radios,
  stepIndicator,
  textInput,
  type Errors,
} from '../views/components';
import { certifiedIdentity, franceConnectButton, FRANCECONNECT_ABOUT_PATH, FRANCECONNECT_LOGIN_PATH } from '../views/franceconnect';
import { html, type HtmlValue } from '../views/html';
import { layout } from '../views/layout';

/**
 * FranceConnect pages: start (the button's form), callback, account creation with a certified
 * identity, linking of an existing account (password proof), logout through FranceConnect.
 *
 *   GET  /franceconnect/connexion            → 303 FranceConnect (state + nonce kept server-side)
 *   GET  /franceconnect/callback             → linked `sub`: session → /mon-espace; new `sub`: /franceconnect/creation
 *   GET|POST /franceconnect/creation         → locked identity (+ NIR to type when the répertoire did not find it)
 *   GET|POST /franceconnect/compte-existant  → the NIR has an account: its password, then `sub` is linked
 *   GET|POST /franceconnect/coordonnees      → contact (e-mail or SMS), code sent
 *   GET|POST /franceconnect/code             → code verified → account created (certified, no password)
 *   POST /franceconnect/code/nouveau         → a new code after the cooldown
 *   GET  /franceconnect/compte-cree          → confirmation
 *   POST /franceconnect/deconnexion          → local session ended, 303 FranceConnect end-session
 *   GET  /franceconnect/logout-callback      → `state` checked, « Vous êtes déconnecté »
 *   GET  /franceconnect/qu-est-ce-que-franceconnect
 */
const TX_COOKIE = 'mc_fc_tx';
const SIGNUP_COOKIE = 'mc_fc_signup';

const STEP_PATHS: Record<SignupStep, string> = {
  identity: '/franceconnect/creation',
  existing_account: '/franceconnect/compte-existant',
  contact: '/franceconnect/coordonnees',
  code: '/franceconnect/code',
  completed: '/franceconnect/compte-cree',
};

function depsOf(ctx: AppContext): FranceConnectDeps {
  return {
    db: ctx.database.db,
    now: () => ctx.clock.now(),
    client: ctx.franceConnect.client,
    repertoire: ctx.franceConnect.repertoire,
    codes: ctx.codes,
    passwords: ctx.passwords,
    loginThrottle: ctx.loginThrottle,
    rateLimiter: ctx.rateLimiter,
  };
}

function cookieOptions(ctx: AppContext, maxAgeMs: number) {
  return { path: '/franceconnect', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.isProduction, maxAge: Math.floor(maxAgeMs / 1000) };
}

export function franceConnectPages(ctx: AppContext): FastifyPluginAsync {
  const deps = () => depsOf(ctx);
  const cookie = (maxAgeMs: number) => cookieOptions(ctx, maxAgeMs);
  const clearCookie = (reply: FastifyReply, name: string) => reply.clearCookie(name, { path: '/franceconnect' });

  const page = (req: FastifyRequest, o: { title: string; hasErrors?: boolean; back?: string; scripts?: string[] }, content: HtmlValue) =>
    layout(
      {
        title: o.title,
        hasErrors: o.hasErrors ?? false,
        user: pageUser(req),
        ...(o.back ? { backLink: html`<nav aria-label="Étapes précédentes">${backLink(o.back)}</nav>` } : {}),
        ...(o.scripts ? { scripts: o.scripts } : {}),
      },
      content,
    );

  /** The page of a FranceConnect failure: what happened, in French, and the ways forward. */
  const fcErrorPage = (req: FastifyRequest, reply: FastifyReply, e: FranceConnectErrorInfo) => {
    req.log.warn({ fcError: e.code, detail: e.detail }, 'franceconnect failure');
    const title =
      e.code === 'FC_ACCESS_DENIED'
        ? 'Connexion avec FranceConnect annulée'
        : e.code === 'FC_LOGOUT_STATE_MISMATCH'
          ? 'Déconnexion de FranceConnect non confirmée'
          : 'La connexion avec FranceConnect n’a pas abouti';
    return sendHtml(
      reply,
      page(
        req,
        { title },
        html`<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">${e.message}</p>
${ways()}`,
      ),
      FC_ERROR_CATALOGUE[e.code].httpStatus,
    );
  };

  const flowErrorPage = (req: FastifyRequest, reply: FastifyReply, code: FranceConnectFlowErrorCode) => {
    const entry = franceConnectFlowErrors[code];
    return sendHtml(
      reply,
      page(
        req,
        { title: 'Création de compte avec FranceConnect' },
        html`<h1 class="govuk-heading-l">Création de compte avec FranceConnect</h1>
<p class="govuk-body">${entry.message}</p>
${code === 'FC_ACCOUNT_LINKED_ELSEWHERE' || code === 'FC_ACCOUNT_WITHOUT_PASSWORD' ? html`<p class="govuk-body">Votre Caf : <strong>${ctx.config.agencyPhone}</strong> (service gratuit + prix d’un appel).</p>` : ''}
${ways()}`,
      ),
      entry.status,
    );
  };

  const ways = () => html`<h2 class="govuk-heading-m">Que souhaitez-vous faire ?</h2>
${franceConnectButton()}
<ul class="govuk-list">
  <li><a class="govuk-link" href="/connexion">Se connecter avec mon numéro de sécurité sociale et mon mot de passe</a></li>
  <li><a class="govuk-link" href="/creer-mon-compte">Créer mon compte sans FranceConnect</a></li>
</ul>`;

  /** The signup of this browser, if the page may be shown at its step; otherwise the reply is sent. */
  const loadSignup = async (req: FastifyRequest, reply: FastifyReply, step: SignupStep): Promise<Signup | undefined> => {
    const signup = await findSignup(ctx.database.db, req.cookies[SIGNUP_COOKIE], ctx.clock.now());
    if (!signup) {
      await flowErrorPage(req, reply, 'FC_SIGNUP_NOT_FOUND');
      return undefined;
    }
    if (!canOpen(signup, step)) {
      await reply.redirect(STEP_PATHS[signup.step], 303);
      return undefined;
    }
    return signup;
  };

  const signIn = async (req: FastifyRequest, reply: FastifyReply, account: Parameters<typeof createSessionFor>[1], idToken: string) => {
    await createSessionFor(ctx, account, req, reply, { method: 'franceconnect', data: { franceConnectIdToken: idToken } });
  };

  return async (app) => {
    // ------------------------------------------------------------------ about
    app.get(FRANCECONNECT_ABOUT_PATH, async (req, reply) =>
      sendHtml(
        reply,
        page(
          req,
          { title: 'Qu’est-ce que FranceConnect ?' },
          html`<h1 class="govuk-heading-l">Qu’est-ce que FranceConnect ?</h1>
<p class="govuk-body">FranceConnect est la solution proposée par l’État pour sécuriser et simplifier la connexion à plus de 1 400 services en ligne. Vous vous identifiez avec un compte que vous avez déjà : impots.gouv.fr, ameli.fr, l’Identité Numérique La Poste, MSA ou France Identité.</p>
<h2 class="govuk-heading-m">Ce que FranceConnect transmet à la Caf</h2>
<p class="govuk-body">Avec votre accord, FranceConnect transmet votre identité certifiée : vos prénoms, votre nom de naissance, votre sexe, votre date et votre lieu de naissance, et votre adresse e-mail. Votre mot de passe n’est jamais transmis.</p>
<h2 class="govuk-heading-m">Avec Mon Compte</h2>
<ul class="govuk-list govuk-list--bullet">
  <li>vous pouvez créer votre compte sans saisir votre état civil ni votre titre d’identité : votre identité est certifiée ;</li>
  <li>vous vous connectez ensuite avec le bouton « S’identifier avec FranceConnect », sans mot de passe Caf ;</li>
  <li>vous pouvez ajouter un mot de passe à tout moment depuis la page « Sécurité » de votre espace.</li>
</ul>
<p class="govuk-body">Pour en savoir plus, consultez le site franceconnect.gouv.fr depuis un appareil connecté à Internet.</p>
${franceConnectButton()}`,
        ),
      ),
    );

    // ------------------------------------------------------------------ login
    app.get(FRANCECONNECT_LOGIN_PATH, async (req, reply) => {
      try {
        const { url, token } = await beginLogin(deps());
        reply.setCookie(TX_COOKIE, token, cookie(TRANSACTION_TTL_MS));
        return reply.redirect(url, 303);
      } catch (err) {
        if (!(err instanceof FranceConnectError)) throw err;
        req.log.error({ err }, 'franceconnect unavailable');
        return fcErrorPage(req, reply, { code: err.code, message: err.userMessage });
      }
    });

    app.get('/franceconnect/callback', async (req, reply) => {
      const r = await completeLogin(deps(), req.query as Record<string, unknown>, req.cookies[TX_COOKIE]);
      clearCookie(reply, TX_COOKIE);
      if (r.kind === 'error') return fcErrorPage(req, reply, r.error);
      if (r.kind === 'linked') {
        await signIn(req, reply, r.account, r.idToken);
        return reply.redirect('/mon-espace', 303);
      }
      reply.setCookie(SIGNUP_COOKIE, r.token, cookie(SIGNUP_TTL_MS));
      return reply.redirect(STEP_PATHS.identity, 303);
    });

    // ------------------------------------------------------------------ signup: identity
    const identityPage = (req: FastifyRequest, s: Signup, errors?: Errors, typed?: string) => {
      const found = s.data.repertoireMatches === 1 && s.data.nir ? s.data.nir.value : undefined;
      return page(
        req,
        { title: 'Votre identité certifiée', hasErrors: !!errors?.length },
        html`${errorSummary(errors)}
${stepIndicator(1, 3, 'Identité')}
<h1 class="govuk-heading-l">Votre identité certifiée par FranceConnect</h1>
<p class="govuk-body">Ces informations ont été transmises par FranceConnect. Elles sont certifiées et ne peuvent pas être modifiées ici. Si l’une d’elles est inexacte, adressez-vous à la mairie de votre lieu de naissance ou au service qui gère votre compte FranceConnect.</p>
${certifiedIdentity(s.data.identity, found)}
${form(
  { action: STEP_PATHS.identity, csrfToken: req.csrfToken },
  html`${found
    ? html`<p class="govuk-body">Nous avons retrouvé votre numéro de sécurité sociale grâce à votre identité certifiée.</p>`
    : html`${insetText(
        s.data.repertoireMatches > 1
          ? 'Plusieurs personnes ont la même identité dans nos fichiers : pour être certains de vous reconnaître, nous avons besoin de votre numéro de sécurité sociale.'
          : 'Nous n’avons pas retrouvé votre numéro de sécurité sociale à partir de votre identité. Saisissez-le : il sera vérifié avec votre identité certifiée.',
      )}
${textInput({
  name: 'nir',
  label: 'Numéro de sécurité sociale',
  hint: '15 caractères (13 chiffres et une clé de 2 chiffres), tels qu’ils figurent sur votre carte Vitale. Par exemple : 2 62 08 75 112 084 57.',
  value: typed ?? (s.data.nir?.source === 'typed' ? s.data.nir.value : undefined),
  autocomplete: 'off',
  spellcheck: false,
  widthClass: 'govuk-input--width-20',
  maxlength: 25,
  errors,
})}
${details(
  'Je n’ai pas de numéro de sécurité sociale',
  html`<p class="govuk-body">Créez votre compte <a class="govuk-link" href="/creer-mon-compte">sans FranceConnect</a> : un identifiant provisoire vous sera donné.</p>`,
)}`}
${button('Continuer')}`,
)}`,
      );
    };

    app.get(STEP_PATHS.identity, async (req, reply) => {
      const s = await loadSignup(req, reply, 'identity');
      if (!s) return reply;
      return sendHtml(reply, identityPage(req, s));
    });

    app.post(STEP_PATHS.identity, async (req, reply) => {
      const s = await loadSignup(req, reply, 'identity');
      if (!s) return reply;
      const typed = (req.body as Record<string, unknown>).nir;
      const r = await submitIdentity(deps(), s, typeof typed === 'string' ? typed : undefined);
      if (r.ok) return reply.redirect(STEP_PATHS[r.step], 303);
      if ('page' in r) return flowErrorPage(req, reply, r.page);
      return sendHtml(reply, identityPage(req, s, r.errors, typeof typed === 'string' ? typed : undefined), 400);
    });

    // ------------------------------------------------------------------ signup: existing account
    const existingPage = (req: FastifyRequest, errors?: Errors) =>
      page(
        req,
        { title: 'Vous avez déjà un compte', hasErrors: !!errors?.length, back: STEP_PATHS.identity },
        html`${errorSummary(errors)}
${stepIndicator(2, 2, 'Relier votre compte')}
<h1 class="govuk-heading-l">Vous avez déjà un compte</h1>
<p class="govuk-body">Un compte Mon Compte existe déjà avec votre numéro de sécurité sociale. Pour le relier à FranceConnect, confirmez que c’est le vôtre en saisissant son mot de passe.</p>
<p class="govuk-body">Vous pourrez ensuite vous connecter avec FranceConnect ou avec votre mot de passe.</p>
${form(
  { action: STEP_PATHS.existing_account, csrfToken: req.csrfToken },
  html`${textInput({ name: 'password', label: 'Mot de passe de votre compte', type: 'password', autocomplete: 'current-password', spellcheck: false, widthClass: 'govuk-input--width-20', errors })}
${button('Relier mon compte et me connecter')}`,
)}
<p class="govuk-body"><a class="govuk-link" href="/mot-de-passe-oublie">Mot de passe oublié ?</a></p>`,
      );

    app.get(STEP_PATHS.existing_account, async (req, reply) => {
      const s = await loadSignup(req, reply, 'existing_account');
      if (!s) return reply;
      return sendHtml(reply, existingPage(req));
    });

    app.post(STEP_PATHS.existing_account, async (req, reply) => {
      const s = await loadSignup(req, reply, 'existing_account');
      if (!s) return reply;
      const password = (req.body as Record<string, unknown>).password;
      const r = await proveExistingAccount(deps(), s, typeof password === 'string' ? password : undefined, req.ip);
      if (r.ok) {
        await signIn(req, reply, r.account, s.data.idToken);
        await deleteSignup(ctx.database.db, s.id);
        clearCookie(reply, SIGNUP_COOKIE);
        return reply.redirect('/mon-espace', 303);
      }
      if ('page' in r) return flowErrorPage(req, reply, r.page);
      const status = r.errors.some((e) => e.code === 'FC_PASSWORD_THROTTLED') ? 429 : 400;
      return sendHtml(reply, existingPage(req, r.errors), status);
    });

    // ------------------------------------------------------------------ signup: contact
    const contactPage = (req: FastifyRequest, s: Signup, errors?: Errors, typed?: Record<string, unknown>) => {
      const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
      const kind = str(typed?.contactKind) ?? s.data.contact?.kind ?? (s.data.identity.email ? 'email' : undefined);
      const email = str(typed?.email) ?? (s.data.contact?.kind === 'email' ? s.data.contact.value : s.data.identity.email);
      const phone = str(typed?.phone) ?? (s.data.contact?.kind === 'sms' ? s.data.contact.display : undefined);
      return page(
        req,
        { title: 'Vos coordonnées de contact', hasErrors: !!errors?.length, back: STEP_PATHS.identity, scripts: ['/assets/js/conditional-reveal.js'] },
        html`${errorSummary(errors)}
${stepIndicator(2, 3, 'Coordonnées de contact')}
${form(
  { action: STEP_PATHS.contact, csrfToken: req.csrfToken },
  html`${radios({
    name: 'contactKind',
    legend: 'Comment souhaitez-vous recevoir votre code de vérification ?',
    legendIsPageHeading: true,
    hint: 'Nous vous envoyons un code à 6 chiffres pour vérifier vos coordonnées. Elles serviront à vous informer de votre dossier.',
    value: kind,
    errors,
    choices: [
      {
        value: 'email',
        label: 'Par e-mail',
        conditional: textInput({ name: 'email', label: 'Adresse e-mail', type: 'email', autocomplete: 'email', spellcheck: false, value: email, errors }),
      },
      {
        value: 'sms',
        label: 'Par SMS',
        conditional: textInput({
          name: 'phone',
          label: 'Numéro de téléphone portable',
          hint: 'Par exemple : 06 12 34 56 78, ou 0690 12 34 56 en outre-mer.',
          type: 'tel',
          autocomplete: 'tel',
          widthClass: 'govuk-input--width-20',
          value: phone,
          errors,
        }),
      },
    ],
  })}
${button('Envoyer le code')}`,
)}`,
      );
    };

    app.get(STEP_PATHS.contact, async (req, reply) => {
      const s = await loadSignup(req, reply, 'contact');
      if (!s) return reply;
      return sendHtml(reply, contactPage(req, s));
    });

    app.post(STEP_PATHS.contact, async (req, reply) => {
      const s = await loadSignup(req, reply, 'contact');
      if (!s) return reply;
      const body = req.body as Record<string, unknown>;
      const r = await chooseContact(deps(), s, body, req.ip);
      if (r.ok) return reply.redirect(STEP_PATHS.code, 303);
      if ('page' in r) return flowErrorPage(req, reply, r.page);
      return sendHtml(reply, contactPage(req, s, r.errors, body), r.status ?? 400);
    });

    // ------------------------------------------------------------------ signup: code
    const codePage = async (req: FastifyRequest, s: Signup, errors?: Errors, notice?: string) => {
      const allowedAt = await resendAllowedAt(deps(), s);
      const wait = allowedAt > 0 ? Math.ceil((allowedAt - ctx.clock.now()) / 1000) : 0;
      const contact = s.data.contact;
      return page(
        req,
        { title: 'Code de vérification', hasErrors: !!errors?.length, back: STEP_PATHS.contact, scripts: ['/assets/js/countdown.js'] },
        html`${errorSummary(errors)}
${stepIndicator(3, 3, 'Code de vérification')}
${notice ? notificationBanner({ success: true, body: html`<p class="govuk-notification-banner__heading">${notice}</p>` }) : ''}
${form(
  { action: STEP_PATHS.code, csrfToken: req.csrfToken },
  html`${textInput({
    name: 'code',
    label: 'Saisissez le code reçu',
    labelIsPageHeading: true,
    hint: html`Nous avons envoyé un code à 6 chiffres ${contact?.kind === 'sms' ? 'par SMS au' : 'par e-mail à'} <strong>${contact?.display ?? ''}</strong>. Il est valable 10 minutes.`,
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    spellcheck: false,
    widthClass: 'govuk-input--width-5',
    maxlength: 8,
    errors,
  })}
${button('Valider')}`,
)}
<h2 class="govuk-heading-m">Vous n’avez rien reçu ?</h2>
<ul class="govuk-list govuk-list--bullet">
  <li>Attendez quelques instants : l’envoi peut prendre une minute.</li>
  <li>${contact?.kind === 'sms' ? 'Vérifiez que votre téléphone capte le réseau et qu’il peut recevoir des SMS.' : 'Vérifiez le dossier « courrier indésirable » (spam) de votre messagerie.'}</li>
  <li>Contactez votre Caf au <strong>${ctx.config.agencyPhone}</strong> (service gratuit + prix d’un appel).</li>
  <li><a class="govuk-link" href="${STEP_PATHS.contact}">Modifiez vos coordonnées de contact</a> si elles sont inexactes.</li>
</ul>
${form(
  { action: '/franceconnect/code/nouveau', csrfToken: req.csrfToken, id: 'renvoyer' },
  html`<p class="govuk-body mc-countdown" data-countdown="${wait}" data-countdown-button="resend" data-countdown-done="Vous pouvez demander un nouveau code.">${wait > 0 ? `Vous pourrez demander un nouveau code dans ${wait} seconde${wait > 1 ? 's' : ''}.` : 'Vous pouvez demander un nouveau code.'}</p>
<p class="govuk-visually-hidden" data-countdown-live aria-live="polite"></p>
${button('Recevoir un nouveau code', { secondary: true, id: 'resend' })}`,
)}`,
      );
    };

    app.get(STEP_PATHS.code, async (req, reply) => {
      const s = await loadSignup(req, reply, 'code');
      if (!s) return reply;
      return sendHtml(reply, await codePage(req, s));
    });

    app.post('/franceconnect/code/nouveau', async (req, reply) => {
      const s = await loadSignup(req, reply, 'code');
      if (!s) return reply;
      const r = await resendCode(deps(), s, req.ip);
      if (r.ok) return sendHtml(reply, await codePage(req, s, undefined, 'Un nouveau code vient de vous être envoyé.'));
      return sendHtml(reply, await codePage(req, s, r.errors), r.status);
    });

    app.post(STEP_PATHS.code, async (req, reply) => {
      const s = await loadSignup(req, reply, 'code');
      if (!s) return reply;
      const code = (req.body as Record<string, unknown>).code;
      const r = await verifyCodeAndCreate(deps(), s, code);
      if (r.ok) {
        await signIn(req, reply, r.account, s.data.idToken);
        clearCookie(reply, SIGNUP_COOKIE);
        await deleteSignup(ctx.database.db, s.id);
        return reply.redirect(r.created ? STEP_PATHS.completed : '/mon-espace', 303);
      }
      if ('page' in r) return flowErrorPage(req, reply, r.page);
      if ('step' in r) return reply.redirect(STEP_PATHS[r.step], 303);
      return sendHtml(reply, await codePage(req, s, r.errors), r.status ?? 400);
    });

    app.get(STEP_PATHS.completed, async (req, reply) => {
      if (!req.account) return reply.redirect('/connexion', 303);
      return sendHtml(
        reply,
        page(
          req,
          { title: 'Votre compte est créé' },
          html`${panel('Votre compte est créé', 'Votre identité est certifiée par FranceConnect')}
<p class="govuk-body">Vos coordonnées de contact sont vérifiées : un message de confirmation vous a été envoyé.</p>
<h2 class="govuk-heading-m">Pour vous connecter</h2>
<p class="govuk-body">Choisissez « S’identifier avec FranceConnect » sur la page de connexion. Vous n’avez pas besoin de mot de passe Caf ; vous pourrez en ajouter un à tout moment depuis la page « Sécurité » de votre espace.</p>
${linkButton('Accéder à mon espace', '/mon-espace')}`,
        ),
      );
    });

    // ------------------------------------------------------------------ logout
    app.post('/franceconnect/deconnexion', async (req, reply) => {
      const data = await endCurrentSession(ctx, req, reply);
      const idToken = data?.franceConnectIdToken;
      if (!idToken) return reply.redirect('/', 303);
      return redirectToFranceConnectLogout(ctx, req, reply, idToken);
    });

    // The login area's /deconnexion ends our session, then sends the browser here (see franceConnectLogoutRedirect).
    app.get('/franceconnect/deconnexion/suite', async (req, reply) => {
      const t = (req.query as Record<string, unknown>).t;
      const idToken = await takeLogoutHandOff(deps(), typeof t === 'string' ? t : undefined);
      if (req.session) await endCurrentSession(ctx, req, reply);
      if (!idToken) return reply.redirect('/deconnexion', 303);
      return redirectToFranceConnectLogout(ctx, req, reply, idToken);
    });

    app.get('/franceconnect/logout-callback', async (req, reply) => {
      const r = await completeLogout(deps(), req.query as Record<string, unknown>, req.cookies[TX_COOKIE]);
      clearCookie(reply, TX_COOKIE);
      // Whatever FranceConnect answered, no session of ours survives this page.
      if (req.session) await endCurrentSession(ctx, req, reply);
      if (!r.ok) return fcErrorPage(req, reply, r.error);
      return sendHtml(reply, loggedOutPage('Vous êtes déconnecté(e) de Mon Compte et de FranceConnect.'));
    });
  };
}

function loggedOutPage(text: string) {
  return layout(
    { title: 'Vous êtes déconnecté(e)' },
    html`<h1 class="govuk-heading-l">Vous êtes déconnecté(e)</h1>
<p class="govuk-body">${text}</p>
<p class="govuk-body">Si vous utilisez un ordinateur partagé, pensez à fermer votre navigateur.</p>
<ul class="govuk-list">
  <li><a class="govuk-link" href="/connexion">Se connecter à nouveau</a></li>
  <li><a class="govuk-link" href="/">Retour à l’accueil</a></li>
</ul>`,
  );
}

/**
 * After the local session has ended: off to FranceConnect's end-session with `id_token_hint`, a
 * fresh `state` (kept server-side, checked on return) and our post-logout URI. For the login
 * area's logout too, when the ended session was opened with FranceConnect:
 *   const data = await endCurrentSession(ctx, req, reply);
 *   if (data?.franceConnectIdToken) return redirectToFranceConnectLogout(ctx, req, reply, data.franceConnectIdToken);
 */
export async function redirectToFranceConnectLogout(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, idToken: string): Promise<FastifyReply> {
  try {
    const { url, token } = await beginLogout(depsOf(ctx), idToken);
    reply.setCookie(TX_COOKIE, token, cookieOptions(ctx, TRANSACTION_TTL_MS));
    return reply.redirect(url, 303);
  } catch (err) {
    if (!(err instanceof FranceConnectError)) throw err;
    req.log.error({ err }, 'franceconnect logout unavailable');
    return sendHtml(
      reply,
      loggedOutPage(
        `Vous êtes déconnecté(e) de Mon Compte. FranceConnect n’a pas pu être joint : pour vous déconnecter aussi de FranceConnect, fermez votre navigateur. Besoin d’aide ? Appelez le ${ctx.config.agencyPhone}.`,
      ),
    );
  }
}

/**
 * For the login pages' `logoutRedirect` option: a session opened with FranceConnect is also ended
 * at FranceConnect. Its ID token is handed off (single use, server-side) to
 * `/franceconnect/deconnexion/suite`, which keeps a fresh `state` and redirects to the end-session.
 */
export function franceConnectLogoutRedirect(ctx: AppContext): (data: SessionData) => Promise<string | undefined> {
  return async (data) => {
    if (!data.franceConnectIdToken) return undefined;
    const token = await handOffLogout(depsOf(ctx), data.franceConnectIdToken);
    return `/franceconnect/deconnexion/suite?t=${encodeURIComponent(token)}`;
  };
}
