import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { agencyDay } from './day';
import { can, type Action } from './permissions';
import { findActor } from './repository';

/**
 * Which action of `can()` a request for a prestation of the catalogue is: a declaration of
 * separation; a request that concerns the person alone (the AJPA, for a proche aidant); or a
 * request for the whole household (everything else: aide au logement, RSA, prime d'activité…).
 */
const INDIVIDUAL = new Set(['ajpa']);

export function requestAction(slug: unknown): Action {
  if (slug === 'declaration-separation') return 'declare_separation';
  return typeof slug === 'string' && INDIVIDUAL.has(slug) ? 'request_individual_prestation' : 'request_household_prestation';
}

/** Whether this account may ask for this prestation today (rights read now, from the database). */
export async function mayRequest(db: Kysely<Database>, accountId: string, slug: string, now: number): Promise<boolean> {
  return can(await findActor(db, accountId), requestAction(slug), agencyDay(now)).allowed;
}
