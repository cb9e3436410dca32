import type { FastifyRequest } from 'fastify';
import type { Demarche } from '../../demarches/repository';
import { sharedWithHousehold } from '../../demarches/service';
import type { HouseholdActor } from '../../household/repository';
import type { HouseholdMember } from '../../db/tables/household.table';
import type { FieldError } from '../../errors/app-error';
import type { FormState } from '../../http/form-state';
import { accountPage } from '../../http/views/account-page';
import { backLink, errorSummary } from '../../http/views/components';
import { html, type SafeHtml } from '../../http/views/html';
import { agreed, type Civility } from '../../household/names';
import type { FormerMembership } from '../../household/repository';
import { frenchDay } from '../../payments/months';
import { agencyDay } from '../../shared/french-time';

/** What the household's pages share: paths, form reading, role names, the breadcrumb. */
export const PATHS = {
  info: '/mon-espace/mes-informations',
  contact: '/mon-espace/securite/contact',
  procuration: '/mon-espace/foyer/autorisation-de-gestion',
  grant: '/mon-espace/foyer/autorisation-de-gestion/donner',
  revoke: '/mon-espace/foyer/autorisation-de-gestion/retirer',
  changes: '/mon-espace/foyer/changement',
  address: '/mon-espace/foyer/changement/adresse',
  bank: '/mon-espace/foyer/changement/compte-bancaire',
  bankConfirm: '/mon-espace/foyer/changement/compte-bancaire/confirmation',
  separation: '/mon-espace/foyer/separation',
  separationSent: '/mon-espace/foyer/separation/envoyee',
  householdDemarches: '/mon-espace/foyer/demarches',
} as const;

export type Body = Record<string, string>;

/** The form's fields as strings (anything else is dropped); `_csrf` is left out. */
export function formBody(req: FastifyRequest): Body {
  const out: Body = {};
  for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) if (k !== '_csrf' && typeof v === 'string') out[k] = v;
  return out;
}

/** The answers a refused form left for its page (src/http/form-state.ts), as the page re-fills them. */
export function keptBody(shown: FormState | undefined): Body {
  const out: Body = {};
  for (const [k, v] of Object.entries(shown?.values ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The three fields of a date input (`${name}-day`…) as the readers take them. */
export function dateFromForm(b: Body, name: string): { day?: string; month?: string; year?: string } {
  return { day: b[`${name}-day`] ?? '', month: b[`${name}-month`] ?? '', year: b[`${name}-year`] ?? '' };
}

/** The role as the dossier names it, « Conjointe » for a woman. */
export function roleLabel(m: { role: HouseholdMember['role']; hasProcuration: boolean }, civility?: HouseholdMember['civility']): string {
  switch (m.role) {
    case 'responsable':
      return 'Responsable du dossier';
    case 'conjoint': {
      const who = civility === 'MME' ? 'Conjointe' : 'Conjoint';
      return m.hasProcuration ? `${who}, avec l’autorisation de gestion` : `${who}, sans autorisation de gestion`;
    }
    case 'enfant':
      return 'Enfant';
    case 'personne_a_charge':
      return 'Personne à charge';
  }
}

/** A person who left their dossier (a separation), told so where « aucun dossier » would say they never had one. */
export function leftDossierText(f: Pick<FormerMembership, 'dossierNumber' | 'leftAt'>, c: Civility): string {
  return `Vous n’êtes plus ${agreed('rattaché', c)} au dossier allocataire n° ${f.dossierNumber} depuis le ${frenchDay(agencyDay(f.leftAt))}, à la suite d’une séparation.`;
}

export { memberName } from '../../household/names';

export const toSpace = (): SafeHtml => backLink('/mon-espace', 'Retour à mon espace');

/** The actor set by requirePermission for this request. */
export function actorOf(req: FastifyRequest): HouseholdActor {
  if (!req.actor) throw new Error('requirePermission must run before this handler');
  return req.actor;
}

export function dossierOf(req: FastifyRequest) {
  const d = actorOf(req).dossier;
  if (!d) throw new Error('an action that needs a dossier was allowed without one');
  return d;
}

/** A page of « Déclarer un changement » (address, bank account): back to the changes, the error summary, the title as heading. */
export function changePage(req: FastifyRequest, title: string, errors: readonly FieldError[] | undefined, content: SafeHtml): SafeHtml {
  return accountPage(
    req,
    { title, hasErrors: !!errors?.length, backLink: backLink(PATHS.changes) },
    html`${errorSummary(errors)}<h1 class="govuk-heading-l">${title}</h1>${content}`,
  );
}

/**
 * The démarches of member `owner` that `viewer` may see on the household's pages: all their own;
 * of another member, neither brouillons (their author's alone) nor a separation declaration
 * (src/demarches/service.ts, sharedWithHousehold).
 */
export function visibleTo<D extends Pick<Demarche, 'prestation' | 'status'>>(viewer: string, owner: string, demarches: D[]): D[] {
  return viewer === owner ? demarches : demarches.filter((d) => d.status !== 'brouillon' && sharedWithHousehold(d));
}
