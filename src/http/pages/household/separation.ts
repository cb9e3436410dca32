import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestOrigin } from '../../../auth/http-session';
import type { AppContext } from '../../../context';
import { fieldError, type FieldError } from '../../../errors/app-error';
import { readSeparation } from '../../../household/inputs';
import { findMemberWithRole } from '../../../household/repository';
import { declareSeparation } from '../../../household/separation';
import { requirePermission } from '../../require-permission';
import { sendHtml } from '../../errors';
import { button, dateInput, form, panel, radios, warningText } from '../../views/components';
import { html } from '../../views/html';
import { accountPage } from '../account-page';
import { DEMARCHES_PATH } from '../demarches';
import { PATHS, actorOf, dateFromForm, dossierOf, formBody, pageErrors, toSpace, type Body } from './common';
import { addressFields } from './changes';
import { dataNotice } from '../../views/data-notice';

/**
 * « Déclarer une séparation » (/mon-espace/foyer/separation), for the responsable and the conjoint:
 * the date, who leaves the home (and the declarer's new address if it is them), where the children
 * live. What it does is said before it is sent (src/household/separation.ts).
 */
export function registerSeparationPages(app: FastifyInstance, ctx: AppContext): void {
  const page = async (req: FastifyRequest, v: Body = {}, errors?: FieldError[]) => {
    const actor = actorOf(req);
    const dossier = dossierOf(req);
    const partnerRole = actor.membership!.role === 'responsable' ? 'conjoint' : 'responsable';
    const partner = await findMemberWithRole(ctx.database.db, dossier.householdId, partnerRole);
    const consequence =
      actor.membership!.role === 'responsable'
        ? 'Dès l’envoi de cette déclaration, votre ancien conjoint n’aura plus accès à votre dossier : son autorisation de gestion, s’il en avait une, prend fin et ses sessions Mon Compte sont fermées.'
        : `Dès l’envoi de cette déclaration, vous n’aurez plus accès au dossier n° ${dossier.dossierNumber}, qui reste celui du responsable du dossier. Votre espace Mon Compte reste ouvert : vous pourrez y faire vos propres demandes de prestation.`;
    return accountPage(
      req,
      { title: 'Déclarer une séparation', hasErrors: !!errors?.length, backLink: toSpace(), scripts: ['/assets/js/conditional-reveal.js'] },
      html`${pageErrors(errors)}
<h1 class="govuk-heading-l">Déclarer une séparation</h1>
${
  !partner
    ? html`<p class="govuk-body">Votre dossier ne compte pas de conjoint. Si votre situation a changé, appelez votre Caf au ${ctx.config.agencyPhone}.</p>`
    : html`${warningText(consequence)}
${form(
  { action: PATHS.separation, csrfToken: req.csrfToken },
  html`${dateInput({ name: 'date', legend: 'À quelle date vous êtes-vous séparés ?', hint: 'Par exemple 15 11 2026', value: dateFromForm(v, 'date'), errors })}
${radios({
  name: 'leaver',
  legend: 'Qui quitte le logement ?',
  value: v.leaver,
  errors,
  choices: [
    {
      value: 'declarer',
      label: 'Moi',
      conditional: html`<p class="govuk-body">Votre nouvelle adresse</p>${addressFields(v, errors, 'new')}`,
    },
    { value: 'partner', label: 'Mon ancien conjoint ou mon ancienne conjointe' },
  ],
})}
${radios({
  name: 'children',
  legend: 'Où vivent les enfants ?',
  value: v.children,
  errors,
  choices: [
    { value: 'declarer', label: 'Avec moi' },
    { value: 'partner', label: 'Avec mon ancien conjoint ou mon ancienne conjointe' },
    { value: 'alternate', label: 'En résidence alternée' },
    { value: 'none', label: 'Nous n’avons pas d’enfant' },
  ],
})}
${dataNotice('demande')}
${button('Envoyer ma déclaration')}`,
)}`
}`,
    );
  };

  const guard = { preHandler: requirePermission(ctx, 'declare_separation') };
  app.get(PATHS.separation, guard, async (req, reply) => sendHtml(reply, await page(req)));

  app.post(PATHS.separation, guard, async (req, reply) => {
    const b = formBody(req);
    const input = {
      date: dateFromForm(b, 'date'),
      leaver: b.leaver,
      children: b.children,
      ...(b.leaver === 'declarer'
        ? { newAddress: { line1: b.newLine1 ?? '', line2: b.newLine2 ?? '', postalCode: b.newPostalCode ?? '', city: b.newCity ?? '' } }
        : {}),
    };
    const r = readSeparation(input, ctx.clock.now());
    if (!r.ok) return sendHtml(reply, await page(req, b, r.errors), 400);
    const actor = actorOf(req);
    const out = await declareSeparation(ctx, {
      accountId: req.account!.id,
      sessionId: req.session!.id,
      role: actor.membership!.role,
      dossier: dossierOf(req),
      input: r.value,
      origin: requestOrigin(req),
    });
    if (out.kind === 'no_partner') return sendHtml(reply, await page(req, b, [fieldError('form', 'HOUSEHOLD_NO_CONJOINT')]), 409);
    return reply.redirect(PATHS.separationSent, 303);
  });

  app.get(PATHS.separationSent, { preHandler: requirePermission(ctx, 'consult_personal_data') }, async (req, reply) =>
    sendHtml(
      reply,
      accountPage(
        req,
        { title: 'Séparation déclarée' },
        html`${panel('Séparation déclarée', 'Votre déclaration a été envoyée à la Caf')}
<h2 class="govuk-heading-m">Et maintenant ?</h2>
<p class="govuk-body">La Caf étudie la nouvelle situation de votre foyer et vous écrira si elle a besoin d’autres informations. Vos droits peuvent changer : pensez à faire vos propres demandes de prestation si vous quittez le dossier.</p>
<p class="govuk-body">Vous retrouvez cette déclaration dans <a class="govuk-link" href="${DEMARCHES_PATH}">Mes démarches</a>.</p>
<p class="govuk-body"><a class="govuk-link" href="/mon-espace">Retour à mon espace</a></p>`,
      ),
    ),
  );
}
