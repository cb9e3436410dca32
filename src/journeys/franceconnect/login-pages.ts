import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { endCurrentSession } from '../../http/session';
import type { SessionData } from '../../auth/sessions';
import {
  beginLogin,
  beginLogout,
  completeLogin,
  completeLogout,
  handOffLogout,
  takeLogoutHandOff,
  type FranceConnectDeps,
} from './use-cases';
import { TRANSACTION_TTL_MS } from '../../flows/franceconnect-transactions';
import { SIGNUP_TTL_MS } from './store';
import { sendHtml } from '../../http/errors';
import { franceConnectButton, FRANCECONNECT_ABOUT_PATH, FRANCECONNECT_LOGIN_PATH } from '../../http/views/franceconnect';
import { html } from '../../http/views/html';
import { layout } from '../../http/views/layout';
import { readQuery } from '../../http/api/input';
import { FcHandOffQuery } from './schemas';
import { landingAfterSignIn } from '../../http/intent';
import { SIGNED_OUT } from '../login/messages';
import {
  clearCookie,
  cookieOptions,
  fcErrorPage,
  fcPage,
  signIn,
  SIGNUP_COOKIE,
  STEP_PATHS,
  TX_COOKIE,
  type FranceconnectPagesCommonDeps,
} from './pages-common';

/** What these routes take from the composition root (src/context.ts builds them). */
export type FranceconnectLoginPagesDeps = FranceConnectDeps & FranceconnectPagesCommonDeps;

/**
 * Logging in and out with FranceConnect:
 *   GET  /franceconnect/qu-est-ce-que-franceconnect
 *   GET  /franceconnect/connexion            → 303 FranceConnect (state + nonce kept server-side)
 *   GET  /franceconnect/callback             → linked `sub`: session → /mon-espace; new `sub`: the sign-up (./signup.ts)
 *   POST /franceconnect/deconnexion          → local session ended, 303 FranceConnect end-session
 *   GET  /franceconnect/deconnexion/suite    → the same, after the login area's /deconnexion
 *   GET  /franceconnect/logout-callback      → `state` checked, « Vous êtes déconnecté(e) »
 */
export function franceConnectLoginPages(ctx: FranceconnectLoginPagesDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(FRANCECONNECT_ABOUT_PATH, async (req, reply) =>
      sendHtml(
        reply,
        fcPage(
          req,
          { title: 'Qu’est-ce que FranceConnect ?' },
          html`<h1 class="govuk-heading-l">Qu’est-ce que FranceConnect ?</h1>
<p class="govuk-body">FranceConnect est la solution proposée par l’État pour sécuriser et simplifier la connexion à plus de 1 400 services en ligne. Vous vous identifiez avec un compte que vous avez déjà : impots.gouv.fr, ameli.fr, l’Identité Numérique La Poste, MSA ou France Identité.</p>
<h2 class="govuk-heading-m">Ce que FranceConnect transmet à la Caf</h2>
<p class="govuk-body">Avec votre accord, FranceConnect transmet votre identité certifiée : vos prénoms, votre nom de naissance, votre sexe, votre date et votre lieu de naissance, et votre adresse mail. Votre mot de passe n’est jamais transmis.</p>
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

    app.get(FRANCECONNECT_LOGIN_PATH, async (req, reply) => {
      const r = await beginLogin(ctx);
      if (r.kind === 'unreachable') {
        req.log.error({ err: r.error }, 'franceconnect unavailable');
        return fcErrorPage(req, reply, { code: r.error.code, message: r.error.userMessage });
      }
      reply.setCookie(TX_COOKIE, r.token, cookieOptions(ctx, TRANSACTION_TTL_MS));
      return reply.redirect(r.url, 303);
    });

    app.get('/franceconnect/callback', async (req, reply) => {
      const r = await completeLogin(ctx, req.query as Record<string, unknown>, req.cookies[TX_COOKIE]);
      clearCookie(reply, TX_COOKIE);
      if (r.kind === 'error') return fcErrorPage(req, reply, r.error);
      if (r.kind === 'linked') {
        await signIn(ctx, req, reply, r.account, r.idToken);
        return reply.redirect(landingAfterSignIn(req), 303);
      }
      reply.setCookie(SIGNUP_COOKIE, r.token, cookieOptions(ctx, SIGNUP_TTL_MS));
      return reply.redirect(STEP_PATHS.identity, 303);
    });

    app.post('/franceconnect/deconnexion', async (req, reply) => {
      const data = await endCurrentSession(ctx, req, reply);
      const idToken = data?.franceConnectIdToken;
      if (!idToken) return reply.redirect('/', 303);
      return redirectToFranceConnectLogout(ctx, req, reply, idToken);
    });

    // The login area's /deconnexion ends our session, then sends the browser here (see franceConnectLogoutRedirect).
    app.get('/franceconnect/deconnexion/suite', async (req, reply) => {
      const idToken = await takeLogoutHandOff(ctx, readQuery(FcHandOffQuery, req).t);
      if (req.session) await endCurrentSession(ctx, req, reply);
      if (!idToken) return reply.redirect('/deconnexion', 303);
      return redirectToFranceConnectLogout(ctx, req, reply, idToken);
    });

    app.get('/franceconnect/logout-callback', async (req, reply) => {
      const r = await completeLogout(ctx, req.query as Record<string, unknown>, req.cookies[TX_COOKIE]);
      clearCookie(reply, TX_COOKIE);
      // Whatever FranceConnect answered, no session of ours survives this page.
      if (req.session) await endCurrentSession(ctx, req, reply);
      if (r.kind === 'error') return fcErrorPage(req, reply, r.error);
      return sendHtml(reply, loggedOutPage('Vous êtes déconnecté(e) de Mon Compte et de FranceConnect.'));
    });
  };
}

function loggedOutPage(text: string) {
  return layout(
    { title: SIGNED_OUT },
    html`<h1 class="govuk-heading-l">${SIGNED_OUT}</h1>
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
export async function redirectToFranceConnectLogout(
  ctx: FranceconnectLoginPagesDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  idToken: string,
): Promise<FastifyReply> {
  const r = await beginLogout(ctx, idToken);
  if (r.kind === 'started') {
    reply.setCookie(TX_COOKIE, r.token, cookieOptions(ctx, TRANSACTION_TTL_MS));
    return reply.redirect(r.url, 303);
  }
  req.log.error({ err: r.error }, 'franceconnect logout unavailable');
  return sendHtml(
    reply,
    loggedOutPage(
      `Vous êtes déconnecté(e) de Mon Compte. FranceConnect n’a pas pu être joint : pour vous déconnecter aussi de FranceConnect, fermez votre navigateur. Besoin d’aide ? Appelez le ${ctx.config.agencyPhone}.`,
    ),
  );
}

/**
 * For the login pages' `logoutRedirect` option: a session opened with FranceConnect is also ended
 * at FranceConnect. Its ID token is handed off (single use, server-side) to
 * `/franceconnect/deconnexion/suite`, which keeps a fresh `state` and redirects to the end-session.
 */
export function franceConnectLogoutRedirect(ctx: FranceconnectLoginPagesDeps): (data: SessionData) => Promise<string | undefined> {
  return async (data) => {
    if (!data.franceConnectIdToken) return undefined;
    const token = await handOffLogout(ctx, data.franceConnectIdToken);
    return `/franceconnect/deconnexion/suite?t=${encodeURIComponent(token)}`;
  };
}
