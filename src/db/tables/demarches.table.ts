import type { ColumnType } from 'kysely';

/** The statuses a démarche can have (the states of its machine, src/demarches/machine.ts). */
export const DEMARCHE_STATUSES = [
  'brouillon',
  'envoyee',
  'en_instruction',
  'en_attente_de_pieces',
  'acceptee',
  'refusee',
  'classee_sans_suite',
] as const;
export type DemarcheStatus = (typeof DEMARCHE_STATUSES)[number];

/** The démarches and their history, see src/demarches/repository.ts and src/demarches/machine.ts. (Conventions: src/db/schema.ts.) Migrations 0006, 0009, 0022. */
export interface DemarchesTable {
  id: string;
  /** the person who asks (or asked): the brouillon is theirs */
  account_id: string;
  /** slug of a prestation of the catalogue (src/prestations/catalogue.ts) asked for online */
  prestation: string;
  /** src/demarches/machine.ts; at most one brouillon per account and prestation */
  status: DemarcheStatus;
  /** JSON of the form's answers, by question id (src/forms/) */
  answers: string;
  /** incremented at each change: a save names the version it read (two tabs, two devices) */
  version: number;
  /** the household the request concerns (null: not allocataire yet) */
  household_id: string | null;
  /** given at submission (accusé de réception), unique */
  reference: string | null;
  submitted_at: number | null;
  /** a brouillon's expiry (pushed back at each save); null once sent */
  expires_at: number | null;
  created_at: number;
  updated_at: number;
  /** when the person who asked first opened the Caf's decision (null: not decided, or not read yet) */
  decision_read_at: ColumnType<number | null, number | null | undefined, number | null>;
}

/** The history of a démarche: one row per transition, in order (seq 1 is its creation). */
export interface DemarcheEventsTable {
  demarche_id: string;
  seq: number;
  at: number;
  /** an event of the machine, or 'create' */
  event: string;
  from_status: DemarcheStatus | null;
  to_status: DemarcheStatus;
  actor_kind: 'person' | 'agent';
  /** the person's account id, or the agent's id */
  actor_id: string;
  /** why: the pièce asked, the motif of a decision (shown to the person) */
  reason: string | null;
}
