import type { Account } from '../accounts/repository';
import type { AppContext } from '../context';
import type { Demarche } from '../demarches/repository';
import { can } from '../household/permissions';
import { findActor } from '../household/repository';

/**
 * Who may see a démarche's justificatifs, and send them, on the person's side: the person who made
 * the démarche, and those who manage the dossier it concerns (the responsable, the conjoint with an
 * autorisation de gestion — `can(…, 'view_household_demarches')`), read afresh at each request.
 * Agents see every justificatif of a sent démarche (the Caf side has its own guard).
 */
export async function personMayAccess(ctx: Pick<AppContext, 'database' | 'clock'>, account: Pick<Account, 'id'>, d: Pick<Demarche, 'account_id' | 'household_id'>): Promise<boolean> {
  if (d.account_id === account.id) return true;
  if (!d.household_id) return false;
  const actor = await findActor(ctx.database.db, account.id);
  if (actor.dossier?.householdId !== d.household_id) return false;
  return can(actor, 'view_household_demarches', agencyDay(ctx.clock.now())).allowed;
}

/** The day in France (YYYY-MM-DD) at `ms`: rights that depend on age are judged on it. */
export function agencyDay(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}
