import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestOrigin, rotateSession } from '../../http/session';
import type { FieldError } from '../../errors/app-error';
import { reauthenticationMode } from '../../accounts/reauthentication';
import { grantProcuration, procurationRefusal, revokeProcuration, type ProcurationOutcome } from '../../household/procuration';
import { findMemberWithRole } from '../../household/repository';
import { requirePermission } from '../../http/require-permission';
import { sendHtml } from '../../http/errors';
import { button, form, insetText, textInput, warningText, errorSummary } from '../../http/views/components';
import { franceConnectButton } from '../../http/views/franceconnect';
import { html, type SafeHtml } from '../../http/views/html';
import { accountPage, formatDateTime, successBanner } from '../../http/views/account-page';
import { PATHS, dossierOf, formBody, memberName, toSpace } from './common';
import { agreed, pronoun, pronounAtStart, spouse, type Civility } from '../../household/names';
import { personFlash, redirectWithNotice, takeNotice } from '../../http/flash';
import type { DepsOf, JourneyDeps } from '../deps';
import { fieldsRefusal, refuseForm, takeRefused } from '../refusal';

/** What these routes take from the composition root (src/context.ts builds them). */
export type HouseholdProcurationDeps = Pick<JourneyDeps, 'clock' | 'config' | 'database' | 'sessions'> &
  DepsOf<typeof grantProcuration> &
  DepsOf<typeof revokeProcuration>;

/**
 * « Autorisation de gestion » (/mon-espace/foyer/autorisation-de-gestion), for the responsable
 * only: whether the conjoint has it, and the form to give it (with the re-authentication of the
 * security settings) or to take it back (at any time, no proof needed). Either way the responsable's
 * session then gets a new id (src/household/procuration.ts says what happens to the conjoint's).
 */
const DONE: Record<string, (c: Civility) => string> = {
  donnee: (c) => `Votre ${spouse(c)} a reçu l’autorisation de gestion. Nous l’en avons ${agreed('informé', c)}.`,
  retiree: (c) => `L’autorisation de gestion a été retirée à votre ${spouse(c)}. Nous l’en avons ${agreed('informé', c)}.`,
};

/** The proof asked before giving the procuration: the password, or a recent FranceConnect login. */
function proof(req: FastifyRequest, now: number, errors?: FieldError[]): { field: SafeHtml; blocked?: SafeHtml } {
  const mode = reauthenticationMode(req.account!, req.session!, now);
  if (mode === 'password') {
    return {
      field: textInput({
        name: 'currentPassword',
        label: 'Mot de passe',
        hint: 'Pour confirmer qu’il s’agit bien de vous.',
        type: 'password',
        autocomplete: 'current-password',
        spellcheck: false,
        errors,
        widthClass: 'govuk-input--width-20',
        maxlength: 200,
      }),
    };
  }
  if (mode === 'franceconnect_recent')
    return {
      field: insetText('Vous vous êtes connecté avec FranceConnect il y a moins de 15 minutes : aucune autre vérification n’est demandée.'),
    };
  return {
    field: html``,
    blocked: html`<p class="govuk-body">Votre connexion avec FranceConnect date de plus de 15 minutes. Pour confirmer qu’il s’agit bien de vous, connectez-vous de nouveau avec FranceConnect, puis revenez sur cette page.</p>${franceConnectButton()}`,
  };
}

export function registerProcurationPages(app: FastifyInstance, ctx: HouseholdProcurationDeps): void {
  const guard = { preHandler: requirePermission(ctx, 'manage_procuration') };

  const page = async (req: FastifyRequest, errors?: FieldError[]) => {
    const dossier = dossierOf(req);
    const conjoint = await findMemberWithRole(ctx.database.db, dossier.householdId, 'conjoint');
    const notice = errors ? undefined : await takeNotice(personFlash(ctx, req), req);
    const c = conjoint?.civility ?? 'M';
    const banner = notice && Object.hasOwn(DONE, notice) ? DONE[notice]!(c) : undefined;
    let content: SafeHtml;
    if (!conjoint) {
      content = html`<p class="govuk-body">Votre dossier ne compte pas de conjoint : l’autorisation de gestion ne concerne que le conjoint du responsable du dossier.</p>`;
    } else if (conjoint.has_procuration === 1) {
      content = html`<p class="govuk-body">${memberName(conjoint)} a l’autorisation de gestion${conjoint.procuration_granted_at ? ` depuis le ${formatDateTime(conjoint.procuration_granted_at)}` : ''} : ${pronoun(c)} peut faire les démarches du foyer et déclarer les changements du dossier, comme vous.</p>
${warningText(`Si vous la retirez, votre ${spouse(c)} perd ces droits dès sa prochaine action dans Mon Compte. ${pronounAtStart(c)} en sera ${agreed('informé', c)}.`)}
${form({ action: PATHS.revoke, csrfToken: req.csrfToken }, button('Retirer l’autorisation de gestion', { secondary: true }))}`;
    } else if (!conjoint.account_id) {
      content = html`<p class="govuk-body">${memberName(conjoint)} n’a pas encore créé son espace Mon Compte. Vous pourrez lui donner l’autorisation de gestion une fois son espace créé.</p>`;
    } else {
      const p = proof(req, ctx.clock.now(), errors);
      content = html`<p class="govuk-body">${memberName(conjoint)} n’a pas l’autorisation de gestion : ${pronoun(c)} peut consulter ses informations, modifier ses coordonnées et déclarer une séparation.</p>
<p class="govuk-body">Avec l’autorisation de gestion, votre ${spouse(c)} pourra, comme vous, faire les demandes de prestation du foyer, suivre ses démarches et déclarer les changements du dossier (adresse, compte bancaire). Vous pourrez la lui retirer à tout moment ; elle prend fin d’elle-même si une séparation est déclarée.</p>
${p.blocked ?? form({ action: PATHS.grant, csrfToken: req.csrfToken }, html`${p.field}${button('Donner l’autorisation de gestion')}`)}`;
    }
    return accountPage(
      req,
      { title: 'Autorisation de gestion', hasErrors: !!errors?.length, backLink: toSpace() },
      html`${banner ? successBanner(banner, '') : ''}${errorSummary(errors)}
<h1 class="govuk-heading-l">Autorisation de gestion</h1>
<p class="govuk-body">Dossier allocataire n° ${dossier.dossierNumber}</p>
${content}`,
    );
  };

  app.get(PATHS.procuration, guard, async (req, reply) => {
    const { shown, status } = await takeRefused(ctx, req, reply);
    return sendHtml(reply, await page(req, shown?.errors), status);
  });

  /** Back to the page with the errors (303, src/http/form-state.ts), a wait too (the page answers 429, Retry-After); a password is never kept. */
  const refused = (req: FastifyRequest, reply: FastifyReply, r: Exclude<ProcurationOutcome, { kind: 'done' }>) => {
    const refusal = procurationRefusal(r);
    const wait = r.kind === 'throttled' ? r.retryAfterMs : undefined;
    return refuseForm(ctx, req, reply, fieldsRefusal(refusal.errors, wait), {
      to: PATHS.procuration,
      render: (errors) => page(req, errors),
    });
  };

  app.post(PATHS.grant, guard, async (req, reply) => {
    const r = await grantProcuration(ctx, {
      account: req.account!,
      session: req.session!,
      dossier: dossierOf(req),
      currentPassword: (formBody(req).currentPassword ?? '').slice(0, 200),
      origin: requestOrigin(req),
    });
    if (r.kind === 'done') {
      await rotateSession(ctx, req, reply);
      return redirectWithNotice(personFlash(ctx, req), reply, PATHS.procuration, 'donnee');
    }
    return refused(req, reply, r);
  });

  app.post(PATHS.revoke, guard, async (req, reply) => {
    const r = await revokeProcuration(ctx, { account: req.account!, dossier: dossierOf(req), origin: requestOrigin(req) });
    if (r.kind === 'done') {
      await rotateSession(ctx, req, reply);
      return redirectWithNotice(personFlash(ctx, req), reply, PATHS.procuration, 'retiree');
    }
    return refused(req, reply, r);
  });
}
