import type { DemarcheHistoryEntry, DemarcheStatus } from './repository';

/**
 * The Caf's decision on a démarche, as the person reads it (the démarche's page, its JSON, the
 * « notification de décision » PDF, « Mon espace »): what was decided, when, and why — the motif is
 * the reason of the history row that made the démarche final.
 */
export type DecidedStatus = Extract<DemarcheStatus, 'acceptee' | 'refusee' | 'classee_sans_suite'>;

export interface Decision {
  status: DecidedStatus;
  at: number;
  motif: string | null;
}

export function isDecided(s: DemarcheStatus): s is DecidedStatus {
  return s === 'acceptee' || s === 'refusee' || s === 'classee_sans_suite';
}

/** The decision of a démarche, from its history (undefined while it is not decided). */
export function decisionOf(status: DemarcheStatus, history: readonly DemarcheHistoryEntry[]): Decision | undefined {
  if (!isDecided(status)) return undefined;
  const row = [...history].reverse().find((e) => e.to_status === status);
  if (!row) return undefined;
  return { status, at: row.at, motif: row.reason?.trim() || null };
}

/** « Demande acceptée », « Déclaration confirmée »… (a declaration is confirmed, not accepted). */
export function decisionLabel(status: DecidedStatus, declaration: boolean): string {
  if (declaration)
    return {
      acceptee: 'Déclaration confirmée',
      refusee: 'Déclaration non confirmée',
      classee_sans_suite: 'Déclaration classée sans suite',
    }[status];
  return { acceptee: 'Demande acceptée', refusee: 'Demande refusée', classee_sans_suite: 'Demande classée sans suite' }[status];
}
