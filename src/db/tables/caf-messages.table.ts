import type { StoredFileColumns } from './justificatifs.table';

/** « Contacter ma Caf » (migration 0020, src/journeys/contact-caf/README.md). (Conventions: src/db/schema.ts.) */

export const THREAD_SUBJECTS = ['demande', 'paiements', 'dossier', 'autre'] as const;
export type ThreadSubject = (typeof THREAD_SUBJECTS)[number];

export interface CafThreadsTable {
  id: string;
  /** the person who wrote first: the thread is theirs */
  account_id: string;
  /** the dossier the author belonged to when writing (null: not allocataire yet) */
  household_id: string | null;
  /** the démarche it concerns, if the author picked one */
  demarche_id: string | null;
  subject: ThreadSubject;
  /** 1: those who manage the dossier may read it too; 0 (default): its author only */
  shared_with_managers: number;
  created_at: number;
  last_message_at: number;
}

export interface CafMessagesTable {
  id: string;
  thread_id: string;
  author_kind: 'person' | 'agent';
  /** the account (person) or the agent */
  author_id: string;
  /** plain text, never rendered as HTML */
  body: string;
  created_at: number;
  /** when the other side first read it */
  read_at: number | null;
}

export interface CafMessageFilesTable extends StoredFileColumns {
  id: string;
  message_id: string;
  thread_id: string;
}
