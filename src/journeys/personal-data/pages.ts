import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { confirmClosing, startClosing } from '../../accounts/closing';
import { personalDataOf, type PersonalData } from './export';
import { recordAudit } from '../../auth/audit';
import { endCurrentSession, requestOrigin } from '../../http/session';
import { fieldError, type FieldError } from '../../errors/app-error';
import { codeRefused, readCode, resendTooEarly } from '../contact-verification/codes';
import { maskDestination } from '../../accounts/destination';
import { frenchDateTime } from '../../shared/french-time';
import { frenchDay } from '../../forms/fields';
import { readForm } from '../../http/api/input';
import { sendHtml } from '../../http/errors';
import { requirePermission } from '../../http/require-permission';
import { ClosingForm } from './schemas';
import { backLink, button, errorSummary, form, summaryList, warningText } from '../../http/views/components';
import { codeForm } from '../contact-verification/views';
import { html } from '../../http/views/html';
import { reauthenticationField } from '../login/reauthentication';
import { accountPage, page } from '../../http/views/account-page';
import type { DepsOf, JourneyDeps } from '../deps';
import { reauthRefusal } from '../login/replies';
import { fieldsRefusal, formRefusal, refuseForm, takeRefused, type Refusal } from '../refusal';

/** What these routes take from the composition root (src/context.ts builds them). */
export type PersonalDataPagesDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'sessions'> &
  DepsOf<typeof startClosing> &
  DepsOf<typeof confirmClosing>;

/**
 * « Mes données » (a readable summary, and the JSON download — the same document as
 * `GET /api/mes-donnees`) and « Fermer mon compte » (password or recent FranceConnect login, then a
 * code to the verified contact): src/journeys/personal-data/export.ts and src/accounts/closing.ts.
 */
export const MY_DATA_PATH = '/mon-espace/mes-donnees';
export const CLOSING_PATH = '/mon-espace/fermer-mon-compte';
const CLOSED_PATH = '/compte-ferme';

const when = (iso: string | null) => (iso ? frenchDateTime(Date.parse(iso)) : '—');

function summaryPage(req: FastifyRequest, d: PersonalData) {
  const a = d.account;
  return accountPage(
    req,
    { title: 'Mes données', backLink: backLink('/mon-espace') },
    html`<h1 class="govuk-heading-l">Mes données</h1>
<p class="govuk-body">Voici ce que Mon Compte détient sur vous au ${when(d.generatedAt)}. Vous pouvez tout télécharger dans un fichier lisible par un ordinateur (format JSON), par exemple pour le transmettre à un autre service.</p>
<p class="govuk-body"><a class="govuk-link govuk-!-font-weight-bold" href="${MY_DATA_PATH}/telecharger" download>Télécharger toutes mes données (fichier JSON)</a></p>
<h2 class="govuk-heading-m">Mon compte</h2>
${summaryList([
  { key: 'Identifiant de connexion', value: a.loginId },
  { key: 'Nom et prénoms', value: `${a.birthName}${a.usageName ? ` (nom d’usage ${a.usageName})` : ''}, ${a.givenNames}` },
  { key: 'Date et lieu de naissance', value: `${frenchDay(a.birthDate)}, ${a.birthPlace.name}` },
  {
    key: 'Titre d’identité',
    value: a.identityDocument ? `${a.identityDocument.kindLabel} n° ${a.identityDocument.number ?? '—'}` : 'aucun',
  },
  { key: 'Coordonnées de contact', value: `${a.contact.value} (vérifiées le ${when(a.contact.verifiedAt)})` },
  {
    key: 'Connexion',
    value: `${a.hasPassword ? 'mot de passe (enregistré chiffré)' : 'sans mot de passe'}${a.franceConnectLinked ? ', FranceConnect' : ''}`,
  },
  { key: 'Compte créé le', value: when(a.createdAt) },
  { key: 'Dernière connexion', value: when(a.lastLoginAt) },
])}
<h2 class="govuk-heading-m">Mon foyer</h2>
${d.households.length ? summaryList(d.households.map((h) => ({ key: `Dossier ${h.dossierNumber}`, value: `${h.roleLabel}, depuis le ${when(h.joinedAt)}${h.leftAt ? `, jusqu’au ${when(h.leftAt)}` : ''}` }))) : html`<p class="govuk-body">Votre compte n’est relié à aucun dossier.</p>`}
<h2 class="govuk-heading-m">Mes démarches</h2>
${d.demarches.length ? summaryList(d.demarches.map((x) => ({ key: x.title, value: `${x.statusLabel}${x.reference ? `, référence ${x.reference}` : ''} — ${x.history.length} étape${x.history.length > 1 ? 's' : ''} dans l’historique` }))) : html`<p class="govuk-body">Aucune démarche.</p>`}
<h2 class="govuk-heading-m">Justificatifs envoyés</h2>
${d.justificatifs.length ? html`<ul class="govuk-list govuk-list--bullet">${d.justificatifs.map((f) => html`<li>${f.fileName} (${Math.ceil(f.sizeBytes / 1024)} Ko, le ${when(f.sentAt)})</li>`)}</ul>` : html`<p class="govuk-body">Aucun justificatif.</p>`}
<h2 class="govuk-heading-m">Mes attestations</h2>
${d.attestations.length ? summaryList(d.attestations.map((x) => ({ key: `${x.title}, ${x.period.label}`, value: `délivrée le ${when(x.issuedAt)} ; ${x.statusLabel.toLowerCase()} ; ${x.checkedCount === 0 ? 'jamais vérifiée' : `vérifiée ${x.checkedCount} fois`}${x.refusedCount ? ` (et ${x.refusedCount} tentative${x.refusedCount > 1 ? 's' : ''} avec un autre nom)` : ''}` }))) : html`<p class="govuk-body">Aucune attestation.</p>`}
<h2 class="govuk-heading-m">Sessions et journal de sécurité</h2>
<p class="govuk-body">${d.sessions.length} session${d.sessions.length > 1 ? 's' : ''} ouverte${d.sessions.length > 1 ? 's' : ''} ; ${d.auditEvents.length} évènement${d.auditEvents.length > 1 ? 's' : ''} dans le journal de sécurité (connexions, codes envoyés, changements), gardés 1 an : le détail est dans le fichier.</p>
<h2 class="govuk-heading-m">Et ensuite ?</h2>
<p class="govuk-body">Pour savoir pourquoi ces données sont utilisées et combien de temps elles sont gardées, lisez <a class="govuk-link" href="/donnees-personnelles">Données personnelles</a>. Vous pouvez aussi <a class="govuk-link" href="${CLOSING_PATH}">fermer votre compte en ligne</a>.</p>`,
  );
}

export function personalDataPages(ctx: PersonalDataPagesDeps): FastifyPluginAsync {
  const own = requirePermission(ctx, 'consult_personal_data');

  const closingPage = (req: FastifyRequest, errors?: FieldError[]) => {
    const reauth = reauthenticationField(ctx, req, errors, 'Pour confirmer qu’il s’agit bien de vous.');
    return accountPage(
      req,
      { title: 'Fermer mon compte', hasErrors: !!errors?.length, backLink: backLink('/mon-espace') },
      html`${errorSummary(errors)}
<h1 class="govuk-heading-l">Fermer mon compte</h1>
<p class="govuk-body">Vous pouvez fermer votre compte en ligne Mon Compte. Voici ce qui se passe :</p>
<ul class="govuk-list govuk-list--bullet">
  <li>vos coordonnées de contact, votre mot de passe, le lien avec FranceConnect et vos sessions sont effacés, ainsi que vos brouillons de demande ;</li>
  <li>votre dossier à la Caf, vos demandes envoyées et vos droits ne changent pas : la Caf doit les conserver ;</li>
  <li>vous pourrez créer un nouveau compte plus tard avec le même numéro de sécurité sociale.</li>
</ul>
${warningText('Vous ne pourrez plus suivre vos démarches en ligne tant que vous n’aurez pas créé un nouveau compte.')}
${
  reauth.blocked ??
  form(
    { action: CLOSING_PATH, csrfToken: req.csrfToken },
    html`${reauth.field}
<p class="govuk-body">Nous vous enverrons ensuite un code à vos coordonnées de contact pour confirmer.</p>
${button('Recevoir un code')}`,
  )
}`,
    );
  };

  const codePage = (req: FastifyRequest, errors?: FieldError[]) => {
    const a = req.account!;
    return accountPage(
      req,
      { title: 'Confirmer la fermeture de mon compte', hasErrors: !!errors?.length, backLink: backLink(CLOSING_PATH) },
      html`${errorSummary(errors)}
${codeForm({
  action: `${CLOSING_PATH}/code`,
  heading: 'Confirmer la fermeture de mon compte',
  csrfToken: req.csrfToken,
  contact: { kind: a.contact_kind, display: maskDestination(a.contact_kind, a.contact_value) },
  help: html`<a class="govuk-link" href="${CLOSING_PATH}">Demandez un nouveau code</a> en recommençant.`,
  agencyPhone: ctx.config.agencyPhone,
  ...(errors ? { errors } : {}),
})}`,
    );
  };

  return async (app) => {
    app.get(MY_DATA_PATH, { preHandler: own }, async (req, reply) =>
      sendHtml(reply, summaryPage(req, await personalDataOf(ctx, req.account!))),
    );

    app.get(`${MY_DATA_PATH}/telecharger`, { preHandler: own }, async (req, reply) => {
      const data = await personalDataOf(ctx, req.account!);
      await recordAudit(
        ctx.database.db,
        { type: 'personal_data_exported', accountId: req.account!.id, ...requestOrigin(req), details: { format: 'json' } },
        ctx.clock.now(),
      );
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="mes-donnees-mon-compte-${data.generatedAt.slice(0, 10)}.json"`)
        .header('cache-control', 'no-store')
        .send(JSON.stringify(data, null, 2));
    });

    app.get(CLOSING_PATH, { preHandler: own }, async (req, reply) => {
      const { shown, status } = await takeRefused(ctx, req, reply);
      return sendHtml(reply, closingPage(req, shown?.errors), status);
    });

    // A refused step goes back to its page with the errors (303, src/http/form-state.ts), a wait too
    // (the page then answers 429 with Retry-After); the password and the code are never kept.
    app.post(CLOSING_PATH, { preHandler: own }, async (req, reply) => {
      const refused = (r: Refusal) => refuseForm(ctx, req, reply, r, { to: CLOSING_PATH, render: (errors) => closingPage(req, errors) });
      const read = readForm(ClosingForm, req);
      if (!read.ok) return refused(formRefusal(read.errors));
      const r = await startClosing(ctx, {
        account: req.account!,
        session: req.session!,
        password: read.data.currentPassword,
        origin: requestOrigin(req),
      });
      if (r.kind === 'code_sent' || r.kind === 'wait') {
        // a code sent a moment ago is still valid: the code page, with its countdown message if asked again too soon
        if (r.kind === 'wait')
          return refuseForm(ctx, req, reply, fieldsRefusal([resendTooEarly(Math.ceil(r.retryAfterMs / 1000))], r.retryAfterMs), {
            to: `${CLOSING_PATH}/code`,
            render: (errors) => codePage(req, errors),
          });
        return reply.redirect(`${CLOSING_PATH}/code`, 303);
      }
      if (r.kind === 'throttled') return refused(reauthRefusal(r));
      if (r.kind === 'wrong_password') return refused(fieldsRefusal([fieldError('currentPassword', 'AUTH_CURRENT_PASSWORD_WRONG')]));
      return sendHtml(reply, closingPage(req), 403);
    });

    app.get(`${CLOSING_PATH}/code`, { preHandler: own }, async (req, reply) => {
      const { shown, status } = await takeRefused(ctx, req, reply);
      return sendHtml(reply, codePage(req, shown?.errors), status);
    });

    app.post(`${CLOSING_PATH}/code`, { preHandler: own }, async (req, reply) => {
      const refused = (r: Refusal) =>
        refuseForm(ctx, req, reply, r, { to: `${CLOSING_PATH}/code`, render: (errors) => codePage(req, errors) });
      const typed = readCode((req.body as Record<string, unknown> | undefined)?.code);
      if (!typed.ok) return refused(fieldsRefusal([typed.error]));
      const r = await confirmClosing(ctx, { account: req.account!, code: typed.code, origin: requestOrigin(req) });
      if (r.kind === 'code_error') return refused(formRefusal([codeRefused(r)]));
      await endCurrentSession(ctx, req, reply);
      return reply.redirect(CLOSED_PATH, 303);
    });

    app.get(CLOSED_PATH, async (_req, reply) =>
      sendHtml(
        reply,
        page(
          { title: 'Votre compte est fermé' },
          html`<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">Votre compte est fermé</h1></div>
<p class="govuk-body">Vos coordonnées, votre mot de passe et vos sessions ont été effacés. Un dernier message de confirmation vous a été envoyé.</p>
<p class="govuk-body">Votre dossier à la Caf et vos demandes envoyées ne changent pas. Vous pouvez <a class="govuk-link" href="/creer-mon-compte">créer un nouveau compte</a> à tout moment.</p>`,
        ),
      ),
    );
  };
}
