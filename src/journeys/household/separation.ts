import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestOrigin, rotateSession } from '../../http/session';
import { fieldError, type FieldError } from '../../errors/app-error';
import { readSeparation } from '../../household/inputs';
import { inCouple } from '../../household/permissions';
import { findMemberWithRole, findPendingSeparation } from '../../household/repository';
import { declareSeparation } from '../../demarches/separation';
import { requirePermission } from '../../http/require-permission';
import { sendHtml } from '../../http/errors';
import { button, type Choice, dateInput, form, panel, radios, warningText, errorSummary } from '../../http/views/components';
import { html, type SafeHtml } from '../../http/views/html';
import { accountPage } from '../../http/views/account-page';
import { DEMARCHES_PATH } from '../demarches/pages';
import { PATHS, actorOf, dateFromForm, dossierOf, formBody, keptBody, memberName, toSpace, type Body } from './common';
import { takeFormState } from '../../http/form-state';
import { fieldsRefusal, formRefusal, refuseForm, type Refusal } from '../refusal';
import { addressFields } from './changes';
import { spouse } from '../../household/names';
import { dataNotice } from '../../http/views/data-notice';
import type { JourneyDeps } from '../deps';

/** What these routes take from the composition root (src/context.ts builds them). */
export type HouseholdSeparationDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'sessions'>;

/**
 * « Déclarer une séparation » (/mon-espace/foyer/separation), for every member with a space. One of
 * the couple gives the date, who leaves the home (and their new address if it is them), where the
 * children live; it takes effect at once. Another member (a child over 15, a personne à charge)
 * gives the date, which of the couple leaves, where the children live and their own new address if
 * they moved; the Caf checks it first. What it does is said before it is sent
 * (src/demarches/separation.ts).
 */
export function registerSeparationPages(app: FastifyInstance, ctx: HouseholdSeparationDeps): void {
  const newAddress = (v: Body, errors: FieldError[] | undefined) =>
    html`<p class="govuk-body">Votre nouvelle adresse</p>${addressFields(v, errors, 'new')}`;

  /** What every declaration asks: when, who leaves the home, where the children live. */
  const questions = (v: Body, errors: FieldError[] | undefined, o: { when: string; leavers: Choice[]; children: Choice[] }) =>
    html`${dateInput({ name: 'date', legend: o.when, hint: 'Par exemple 15 11 2026', value: dateFromForm(v, 'date'), errors })}
${radios({ name: 'leaver', legend: 'Qui quitte le logement ?', value: v.leaver, errors, choices: o.leavers })}
${radios({ name: 'children', legend: 'Où vivent les enfants ?', value: v.children, errors, choices: o.children })}`;

  const coupleForm = (v: Body, errors: FieldError[] | undefined) =>
    questions(v, errors, {
      when: 'À quelle date vous êtes-vous séparés ?',
      leavers: [
        { value: 'declarer', label: 'Moi', conditional: newAddress(v, errors) },
        { value: 'partner', label: 'Mon ancien conjoint ou mon ancienne conjointe' },
      ],
      children: [
        { value: 'declarer', label: 'Avec moi' },
        { value: 'partner', label: 'Avec mon ancien conjoint ou mon ancienne conjointe' },
        { value: 'alternate', label: 'En résidence alternée' },
        { value: 'none', label: 'Nous n’avons pas d’enfant' },
      ],
    });

  /** The couple named as the dossier knows them, for a child or a personne à charge. */
  const memberForm = (v: Body, errors: FieldError[] | undefined, couple: { responsable: string; conjoint: string }) =>
    html`${questions(v, errors, {
      when: 'À quelle date le couple s’est-il séparé ?',
      leavers: [
        { value: 'responsable', label: couple.responsable },
        { value: 'conjoint', label: couple.conjoint },
      ],
      children: [
        { value: 'responsable', label: `Avec ${couple.responsable}` },
        { value: 'conjoint', label: `Avec ${couple.conjoint}` },
        { value: 'alternate', label: 'En résidence alternée' },
        { value: 'none', label: 'Il n’y a pas d’enfant' },
      ],
    })}
${radios({
  name: 'moved',
  legend: 'Avez-vous changé d’adresse ?',
  hint: 'Votre nouvelle adresse est transmise à la Caf seulement : elle n’est jamais communiquée aux autres membres du foyer.',
  value: v.moved,
  errors,
  choices: [
    { value: 'oui', label: 'Oui', conditional: newAddress(v, errors) },
    { value: 'non', label: 'Non' },
  ],
})}`;

  const page = async (req: FastifyRequest, v: Body = {}, errors?: FieldError[]) => {
    const actor = actorOf(req);
    const dossier = dossierOf(req);
    const { db } = ctx.database;
    const couple = inCouple(actor.membership!);
    const partnerRole = actor.membership!.role === 'responsable' ? 'conjoint' : 'responsable';
    const [partner, responsable, conjoint, pending] = await Promise.all([
      findMemberWithRole(db, dossier.householdId, partnerRole),
      findMemberWithRole(db, dossier.householdId, 'responsable'),
      findMemberWithRole(db, dossier.householdId, 'conjoint'),
      couple ? undefined : findPendingSeparation(db, dossier.householdId),
    ]);
    const consequence =
      actor.membership!.role === 'responsable'
        ? `Dès l’envoi de cette déclaration, ${partner?.civility === 'MME' ? 'votre ancienne conjointe' : 'votre ancien conjoint'} n’aura plus accès à votre dossier : son autorisation de gestion, ${partner?.civility === 'MME' ? 'si elle' : 's’il'} en avait une, prend fin et ses sessions Mon Compte sont fermées.`
        : actor.membership!.role === 'conjoint'
          ? `Dès l’envoi de cette déclaration, vous n’aurez plus accès au dossier n° ${dossier.dossierNumber}, qui reste celui du responsable du dossier. Votre espace Mon Compte reste ouvert : vous pourrez y faire vos propres demandes de prestation.`
          : 'La Caf vérifie votre déclaration avant de modifier le dossier. Les autres membres du foyer n’en sont pas informés tant que la Caf ne l’a pas confirmée, et ne sauront jamais que c’est vous qui l’avez déclarée.';
    let content: SafeHtml;
    if (couple ? !partner : !responsable || !conjoint)
      content = html`<p class="govuk-body">${couple ? 'Votre dossier ne compte pas de conjoint.' : 'Le dossier de votre foyer ne compte pas de couple.'} Si votre situation a changé, appelez votre Caf au ${ctx.config.agencyPhone}.</p>`;
    else if (pending)
      content = html`<p class="govuk-body">Une séparation a déjà été déclarée sur ce dossier : la Caf la vérifie. Vous n’avez rien d’autre à faire.</p>
<p class="govuk-body"><a class="govuk-link" href="/mon-espace">Retour à mon espace</a></p>`;
    else
      content = html`${warningText(consequence)}
${form(
  { action: PATHS.separation, csrfToken: req.csrfToken },
  html`${couple ? coupleForm(v, errors) : memberForm(v, errors, { responsable: `${memberName(responsable!)}, responsable du dossier`, conjoint: `${memberName(conjoint!)}, ${conjoint!.civility === 'MME' ? 'sa' : 'son'} ${spouse(conjoint!.civility)}` })}
${dataNotice('demande', { declaration: true })}
${button('Envoyer ma déclaration')}`,
)}`;
    return accountPage(
      req,
      { title: 'Déclarer une séparation', hasErrors: !!errors?.length, backLink: toSpace(), scripts: ['/assets/js/conditional-reveal.js'] },
      html`${errorSummary(errors)}
<h1 class="govuk-heading-l">Déclarer une séparation</h1>
${content}`,
    );
  };

  const guard = { preHandler: requirePermission(ctx, 'declare_separation') };
  app.get(PATHS.separation, guard, async (req, reply) => {
    const shown = await takeFormState(ctx, req, reply);
    return sendHtml(reply, await page(req, keptBody(shown), shown?.errors));
  });

  app.post(PATHS.separation, guard, async (req, reply) => {
    const b = formBody(req);
    // Back to the form with the errors and the answers (303, src/http/form-state.ts).
    const refused = (r: Refusal) =>
      refuseForm(ctx, req, reply, r, { to: PATHS.separation, values: b, render: (errors) => page(req, b, errors) });
    const actor = actorOf(req);
    const couple = inCouple(actor.membership!);
    const address = {
      newAddress: { line1: b.newLine1 ?? '', line2: b.newLine2 ?? '', postalCode: b.newPostalCode ?? '', city: b.newCity ?? '' },
    };
    const withAddress = couple ? b.leaver === 'declarer' : b.moved === 'oui';
    const input = { date: dateFromForm(b, 'date'), leaver: b.leaver, children: b.children, ...(withAddress ? address : {}) };
    const r = readSeparation(input, ctx.clock.now(), couple ? 'couple' : 'member');
    const moved = !couple && b.moved !== 'oui' && b.moved !== 'non' ? [fieldError('moved', 'HOUSEHOLD_MOVED_REQUIRED')] : [];
    if (!r.ok || moved.length) return refused(formRefusal([...(r.ok ? [] : r.errors), ...moved]));
    const out = await declareSeparation(ctx, {
      accountId: req.account!.id,
      sessionId: req.session!.id,
      role: actor.membership!.role,
      dossier: dossierOf(req),
      input: r.value,
      origin: requestOrigin(req),
    });
    if (out.kind === 'no_partner')
      return refused(fieldsRefusal([fieldError('form', couple ? 'HOUSEHOLD_NO_CONJOINT' : 'HOUSEHOLD_NO_COUPLE')]));
    if (out.kind === 'already_pending') return refused(fieldsRefusal([fieldError('form', 'HOUSEHOLD_SEPARATION_PENDING')]));
    await rotateSession(ctx, req, reply);
    return reply.redirect(out.kind === 'submitted' ? `${PATHS.separationSent}?verification=caf` : PATHS.separationSent, 303);
  });

  app.get(PATHS.separationSent, { preHandler: requirePermission(ctx, 'consult_personal_data') }, async (req, reply) => {
    const checked = (req.query as Record<string, unknown> | undefined)?.verification === 'caf';
    return sendHtml(
      reply,
      accountPage(
        req,
        { title: 'Séparation déclarée' },
        html`${panel('Séparation déclarée', 'Votre déclaration a été envoyée à la Caf')}
<h2 class="govuk-heading-m">Et maintenant ?</h2>
${
  checked
    ? html`<p class="govuk-body">La Caf vérifie votre déclaration. Tant qu’elle ne l’a pas confirmée, rien ne change sur le dossier et les autres membres du foyer n’en sont pas informés. Vous recevrez un message quand la Caf aura décidé.</p>`
    : html`<p class="govuk-body">La Caf étudie la nouvelle situation de votre foyer et vous écrira si elle a besoin d’autres informations. Vos droits peuvent changer : pensez à faire vos propres demandes de prestation si vous quittez le dossier.</p>`
}
<p class="govuk-body">Vous retrouvez cette déclaration dans <a class="govuk-link" href="${DEMARCHES_PATH}">Mes démarches</a>.</p>
<p class="govuk-body"><a class="govuk-link" href="/mon-espace">Retour à mon espace</a></p>`,
      ),
    );
  });
}
