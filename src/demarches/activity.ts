import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { findPrestation } from '../prestations/catalogue';
import { decisionLabel, isDecided } from './decision';
import type { DemarcheEvent, DemarcheStatus } from './machine';

/**
 * « Mon activité récente », the démarches' part: what happened to the person's own requests — sent,
 * a piece asked, a file added, pieces sent, the Caf's decision — in French, newest first. A
 * separation declaration is left out: the household's activity already says it (src/household/activity.ts).
 */
export interface DemarcheActivityItem {
  at: number;
  type: string;
  text: string;
  /** the démarche it is about */
  demarcheId: string;
}

const SHOWN: DemarcheEvent[] = ['submit', 'start_instruction', 'request_documents', 'provide_documents', 'accept', 'refuse', 'close'];

/** « « Prime d’activité » (référence MC-…) ». */
function named(slug: string, reference: string | null): string {
  const title = findPrestation(slug)?.title ?? slug;
  return `« ${title} »${reference ? ` (référence ${reference})` : ''}`;
}

function describe(event: string, to: DemarcheStatus, what: string): string {
  switch (event) {
    case 'submit':
      return `Vous avez envoyé votre demande ${what}.`;
    case 'start_instruction':
      return `La Caf a commencé l’instruction de votre demande ${what}.`;
    case 'request_documents':
      return `La Caf vous demande un justificatif pour votre demande ${what}.`;
    case 'provide_documents':
      return `Vous avez envoyé vos justificatifs à la Caf pour votre demande ${what}.`;
    default:
      return isDecided(to)
        ? `Décision de la Caf sur votre demande ${what} : ${decisionLabel(to, false).toLowerCase()}.`
        : `Votre demande ${what} a changé.`;
  }
}

export async function demarcheActivity(db: Kysely<Database>, accountId: string, limit = 10): Promise<DemarcheActivityItem[]> {
  const events = await db
    .selectFrom('demarche_events')
    .innerJoin('demarches', 'demarches.id', 'demarche_events.demarche_id')
    .select([
      'demarche_events.at',
      'demarche_events.event',
      'demarche_events.to_status',
      'demarches.id',
      'demarches.prestation',
      'demarches.reference',
    ])
    .where('demarches.account_id', '=', accountId)
    .where('demarches.prestation', '!=', 'declaration-separation')
    .where('demarche_events.event', 'in', SHOWN)
    .orderBy('demarche_events.at', 'desc')
    .orderBy('demarche_events.seq', 'desc')
    .limit(limit)
    .execute();
  const uploads = await db
    .selectFrom('justificatifs')
    .innerJoin('demarches', 'demarches.id', 'justificatifs.demarche_id')
    .select(['justificatifs.created_at', 'justificatifs.file_name', 'demarches.id', 'demarches.prestation', 'demarches.reference'])
    .where('justificatifs.uploaded_by', '=', accountId)
    .orderBy('justificatifs.created_at', 'desc')
    .orderBy('justificatifs.id', 'desc')
    .limit(limit)
    .execute();
  return [
    ...events.map((e) => ({
      at: Number(e.at),
      type: `demarche_${e.event}`,
      text: describe(e.event, e.to_status, named(e.prestation, e.reference)),
      demarcheId: e.id,
    })),
    ...uploads.map((u) => ({
      at: Number(u.created_at),
      type: 'justificatif_added',
      text: `Vous avez ajouté le fichier « ${u.file_name} » à votre demande ${named(u.prestation, u.reference)}.`,
      demarcheId: u.id,
    })),
  ]
    .sort((a, b) => b.at - a.at)
    .slice(0, limit);
}
