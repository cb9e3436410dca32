import type { Selectable } from 'kysely';

/** The media types a stored file may have: exactly those src/justificatifs/validation.ts accepts (`ACCEPTED_TYPES`). */
export type AcceptedMediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** The columns of a file whose bytes are in the justificatifs' storage: a justificatif, a file joined to a Caf message. */
export interface StoredFileColumns {
  /** sanitised, with the extension of the real type (src/justificatifs/validation.ts) */
  file_name: string;
  media_type: AcceptedMediaType;
  size_bytes: number;
  /** hex SHA-256 of the bytes, checked again at every read */
  sha256: string;
  /** where the storage port keeps the bytes (the key of justificatif_blobs) */
  storage_key: string;
  created_at: number;
}

/** The tables of the justificatifs (migration 0010; src/justificatifs/, declared in src/db/schema.ts). */
export interface JustificatifRequestsTable {
  id: string;
  demarche_id: string;
  /** what the agent asked for, as the person reads it */
  message: string;
  /** the agent who asked */
  requested_by: string;
  requested_at: number;
  /**
   * when it stopped waiting: the person sent a piece, or the Caf resumed or decided without it
   * (null: « À transmettre », while the démarche is en attente de pièces)
   */
  closed_at: number | null;
}

export interface JustificatifsTable extends StoredFileColumns {
  id: string;
  demarche_id: string;
  /** the request it answers, if any */
  request_id: string | null;
  /** the account that sent it */
  uploaded_by: string;
}

export interface JustificatifBlobsTable {
  key: string;
  /** `blob` on SQLite, `bytea` on PostgreSQL */
  bytes: Uint8Array;
  created_at: number;
}

export type JustificatifRequest = Selectable<JustificatifRequestsTable>;
export type Justificatif = Selectable<JustificatifsTable>;
