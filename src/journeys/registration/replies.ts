import { AppError } from '../../errors/app-error';
import type { Refusal } from '../refusal';
import type { Elsewhere, Gone, StepOutcome } from './use-cases';
import { BASE, pathOf } from './views';

/**
 * The one outcome → reply mapping of « Créer Mon Compte », shared by its pages (./pages.ts) and its
 * JSON API (./api.ts): what each outcome of a use case that is not `saved` means — the error (with
 * its status) the API answers and the page shows at its fields, and where a page sends the person.
 */
export type NotSaved = Exclude<StepOutcome, { kind: 'saved' }>;

/** The error of an outcome: field errors (400, or 429 for a limit), the guard (409), the flow gone (404, 410, 409). */
export function registrationRefusal(out: NotSaved | Gone): Refusal {
  if (out.kind === 'refused') return out.refusal;
  if (out.kind === 'elsewhere')
    return { error: new AppError(out.to === 'completed' ? 'REGISTRATION_FLOW_COMPLETED' : 'REGISTRATION_STEP_NOT_REACHABLE') };
  return { error: out.error };
}

/**
 * Where a page sends the person instead of the step: the guard's step (or the confirmation), the
 * start page for a flow not found, with « a expiré » for an expired one (the flow's cookie then
 * cleared). A flow moved by another request three times over has no page of its own: its error is thrown
 * (the error page, 409).
 */
export function pageRedirect(out: Elsewhere | Gone): { to: string; clearFlow: boolean } {
  if (out.kind === 'elsewhere') return { to: pathOf(out.to), clearFlow: false };
  if (out.error.code === 'FLOW_EXPIRED') return { to: `${BASE}?expiree=1`, clearFlow: true };
  if (out.error.code === 'FLOW_NOT_FOUND') return { to: BASE, clearFlow: true };
  throw out.error;
}
