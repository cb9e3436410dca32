import type { Kysely } from 'kysely';
import { auditEventsOf, type AuditEventType, type StoredAuditEvent } from '../auth/audit';
import type { Database } from '../db/schema';
import { spouse, type Civility } from './names';

/**
 * « Mon activité récente »: what happened to a person's place in the household and to their
 * account, said in French, from the audit trail (src/auth/audit.ts) — grants, revocations,
 * changes, separations, contact and password changes.
 */
export const ACTIVITY_TYPES: AuditEventType[] = [
  'household_joined',
  'procuration_granted',
  'procuration_revoked',
  'address_changed',
  'bank_account_changed',
  'separation_declared',
  'household_left',
  'contact_changed',
  'password_changed',
];

export interface ActivityItem {
  at: number;
  type: string;
  text: string;
}

const ROLE_NAMES: Record<string, (c: Civility) => string> = {
  responsable: () => 'responsable du dossier',
  conjoint: spouse,
  enfant: () => 'enfant',
  personne_a_charge: () => 'personne à charge',
};

/**
 * One event in French. `member` is the civilité of the household member the event names in
 * `details.member` (the person themselves when they joined, their conjoint for a procuration they
 * gave or took back), so that the words agree with it: « votre conjointe » for a woman.
 */
export function describeActivity(e: Pick<StoredAuditEvent, 'type' | 'details'>, member: Civility = 'M'): string {
  const d = e.details;
  const byMe = d.side !== 'to';
  switch (e.type) {
    case 'household_joined':
      return `Votre compte a été relié au dossier de votre foyer (${ROLE_NAMES[String(d.role)]?.(member) ?? 'membre'}).`;
    case 'procuration_granted':
      return byMe
        ? `Vous avez donné l’autorisation de gestion à votre ${spouse(member)}.`
        : 'Vous avez reçu l’autorisation de gestion du dossier.';
    case 'procuration_revoked':
      return byMe
        ? `Vous avez retiré l’autorisation de gestion à votre ${spouse(member)}.`
        : 'Votre autorisation de gestion du dossier a été retirée.';
    case 'address_changed':
      return 'Vous avez déclaré un changement d’adresse du dossier.';
    case 'bank_account_changed':
      return `Vous avez déclaré un nouveau compte bancaire (${String(d.iban ?? '')}).`;
    case 'separation_declared':
      if (d.confirmed) return 'La Caf a confirmé une séparation sur votre dossier.';
      if (byMe) return d.pending ? 'Vous avez déclaré une séparation : la Caf la vérifie.' : 'Vous avez déclaré une séparation.';
      return 'Une séparation a été déclarée sur votre dossier.';
    case 'household_left':
      return 'Vous n’avez plus accès au dossier de votre ancien foyer.';
    case 'contact_changed':
      return 'Vous avez modifié vos coordonnées de contact.';
    case 'password_changed':
      return 'Votre mot de passe a été modifié.';
    default:
      return e.type;
  }
}

export async function recentActivity(db: Kysely<Database>, accountId: string, limit = 10): Promise<ActivityItem[]> {
  const events = await auditEventsOf(db, accountId, { types: ACTIVITY_TYPES, limit });
  const ids = [...new Set(events.map((e) => e.details.member).filter((m): m is string => typeof m === 'string'))];
  const members = ids.length ? await db.selectFrom('household_members').select(['id', 'civility']).where('id', 'in', ids).execute() : [];
  const civility = new Map(members.map((m) => [m.id, m.civility]));
  return events.map((e) => ({ at: e.at, type: e.type, text: describeActivity(e, civility.get(String(e.details.member))) }));
}
