import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { WHO_CAN, type Action } from './permissions';
import { listMembers, type HouseholdActor, type NamedMember } from './repository';
import { memberName, spouse } from './names';

/**
 * Who can do what a person may not, BY NAME when the dossier knows them (« Julien MOREAU, responsable
 * du dossier, peut faire cette demande »): said before the person starts, on the catalogue and the
 * prestation page, and on the one refusal page. Without a dossier, the general words of WHO_CAN.
 */
const NAMED: Partial<Record<Action, { who: 'managers' | 'responsable'; what: string }>> = {
  request_household_prestation: { who: 'managers', what: 'peut faire cette demande' },
  manage_dossier: { who: 'managers', what: 'peut gérer le dossier et en déclarer les changements' },
  view_household_demarches: { who: 'managers', what: 'peut suivre les démarches de tout le foyer' },
  manage_procuration: { who: 'responsable', what: 'peut donner ou retirer l’autorisation de gestion' },
};

function described(m: NamedMember): string {
  const name = memberName(m);
  if (m.role === 'responsable') return `${name}, responsable du dossier`;
  return `${name}, ${m.civility === 'MME' ? 'sa' : 'son'} ${spouse(m.civility)}, qui a l’autorisation de gestion`;
}

/** The members who manage the dossier (responsable, conjoint with procuration), responsable first. */
export async function dossierManagers(db: Kysely<Database>, householdId: string): Promise<NamedMember[]> {
  return (await listMembers(db, householdId)).filter((m) => m.role === 'responsable' || (m.role === 'conjoint' && m.has_procuration === 1));
}

/** The sentence that says who can do `action` for this person's dossier. */
export async function whoCan(db: Kysely<Database>, actor: HouseholdActor, action: Action): Promise<string> {
  const named = NAMED[action];
  if (!named || !actor.dossier) return WHO_CAN[action];
  const managers = await dossierManagers(db, actor.dossier.householdId);
  const people = named.who === 'responsable' ? managers.filter((m) => m.role === 'responsable') : managers;
  if (!people.length) return WHO_CAN[action];
  return `${people.map(described).join(', ou ')}, ${named.what}.`;
}
