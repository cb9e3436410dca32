import type { Kysely } from 'kysely';
import { displayName } from '../accounts/repository';
import type { Database } from '../db/schema';
import { can } from '../household/permissions';
import type { HouseholdActor } from '../household/repository';
import type { Prestation } from '../prestations/catalogue';
import { agencyDay } from '../shared/french-time';
import type { DemarcheStatus } from './machine';

/**
 * A second request for the same prestation: while a brouillon or a sent request not yet decided
 * exists — the person's own, or, for a prestation of the household, one of their household's —
 * the catalogue, « Faire la demande » and the form itself say so, with a link to it when the person
 * may open it (their own; a sent one of the household for those who follow the household's
 * démarches). A brouillon of another member is theirs alone: named, never linked.
 */
export const OPEN_STATUSES: readonly DemarcheStatus[] = ['brouillon', 'envoyee', 'en_instruction', 'en_attente_de_pieces'];

export interface ExistingRequest {
  id: string;
  status: DemarcheStatus;
  reference: string | null;
  /** when it was started (brouillon) or sent */
  at: number;
  mine: boolean;
  /** who asked for it (« Léa MOREAU ») */
  author: string;
  /** the person may open it: their own, or a sent démarche of the household they follow */
  visible: boolean;
}

export async function existingRequests(
  d: { db: Kysely<Database>; now(): number },
  actor: HouseholdActor,
  p: Prestation,
  except?: string,
): Promise<ExistingRequest[]> {
  const now = d.now();
  const householdId = p.requester === 'household' ? actor.dossier?.householdId : undefined;
  let q = d.db
    .selectFrom('demarches as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .select([
      'd.id',
      'd.status',
      'd.reference',
      'd.created_at',
      'd.submitted_at',
      'd.account_id',
      'd.expires_at',
      'a.given_names',
      'a.birth_name',
      'a.usage_name',
    ])
    .where('d.prestation', '=', p.slug)
    .where('d.status', 'in', [...OPEN_STATUSES])
    .where((eb) =>
      householdId
        ? eb.or([eb('d.account_id', '=', actor.accountId), eb('d.household_id', '=', householdId)])
        : eb('d.account_id', '=', actor.accountId),
    );
  if (except) q = q.where('d.id', '!=', except);
  const rows = await q.orderBy('d.created_at').execute();
  const followsHousehold = can(actor, 'view_household_demarches', agencyDay(now)).allowed;
  return rows
    .filter((r) => r.status !== 'brouillon' || (r.expires_at ?? 0) > now)
    .map((r) => {
      const mine = r.account_id === actor.accountId;
      return {
        id: r.id,
        status: r.status,
        reference: r.reference,
        at: r.submitted_at ?? r.created_at,
        mine,
        author: displayName(r),
        visible: mine || (r.status !== 'brouillon' && followsHousehold),
      };
    });
}

/** A droit of this prestation the person's dossier receives now (« Mes droits »). */
export interface CurrentDroit {
  /** YYYY-MM */
  since: string;
  monthlyAmountCents: number;
  /** the whole household's (a household prestation), or the person's own */
  household: boolean;
}

/**
 * A prestation already received: the running droits of this prestation in the person's dossier —
 * the household's for a household prestation, the person's own for an individual one. Asking again
 * would not pay it twice: a change of situation is declared instead (src/journeys/demarches/existing.ts).
 */
export async function currentDroits(
  d: { db: Kysely<Database>; now(): number },
  actor: HouseholdActor,
  p: Prestation,
): Promise<CurrentDroit[]> {
  const dossier = actor.dossier;
  if (!dossier) return [];
  const month = agencyDay(d.now()).slice(0, 7);
  const rows = await d.db
    .selectFrom('droits')
    .select(['first_month', 'monthly_amount_cents', 'member_id'])
    .where('household_id', '=', dossier.householdId)
    .where('prestation', '=', p.slug)
    .where((eb) => eb.or([eb('last_month', 'is', null), eb('last_month', '>=', month)]))
    .$if(p.requester === 'individual', (q) => q.where('member_id', '=', dossier.memberId))
    .orderBy('first_month')
    .execute();
  return rows.map((r) => ({ since: r.first_month, monthlyAmountCents: r.monthly_amount_cents, household: p.requester === 'household' }));
}
