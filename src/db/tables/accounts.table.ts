import type { ColumnType } from 'kysely';

/** The accounts: one per person (login id = NIR or identifiant provisoire). (Conventions: src/db/schema.ts.) */
export interface AccountsTable {
  id: string;
  /** NIR (15 characters) or identifiant provisoire: what the person types to log in. */
  login_id: string;
  nir: string | null;
  provisional_id: string | null;
  civility: 'M' | 'MME';
  birth_name: string;
  given_names: string;
  usage_name: string | null;
  birth_date: string;
  birth_place_kind: 'commune' | 'country';
  birth_place_code: string;
  birth_place_name: string;
  /** confirmed: document checked; to_confirm: a justificatif may be asked; certified: FranceConnect. */
  identity_status: 'confirmed' | 'to_confirm' | 'certified';
  identity_document_kind: string | null;
  identity_document_number: string | null;
  contact_kind: 'email' | 'sms';
  contact_value: string;
  contact_verified_at: number;
  password_hash: string | null;
  franceconnect_sub: string | null;
  created_at: number;
  updated_at: number;
  /** the last sign-in (migration 0014); null: none since then — retention counts from created_at */
  last_login_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** the person closed their online account; the row stays only while the Caf's records name it (src/accounts/closing.ts) */
  closed_at: ColumnType<number | null, number | null | undefined, number | null>;
}
