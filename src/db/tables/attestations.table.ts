import type { Selectable } from 'kysely';

/** The tables of the attestations (migration 0019). */

/**
 * An attestation as issued: an immutable snapshot of what it certifies. Only `revoked_at` and the
 * two counters change after issue.
 */
export interface AttestationsTable {
  /** the identifier: 16 Crockford base32 characters (80 random bits); the printed code adds its check symbol */
  id: string;
  household_id: string;
  /** the account that issued it (its holder) */
  issued_by: string;
  kind: AttestationKind;
  /** JSON: what it certifies (src/attestations/snapshot.ts), exactly as printed */
  snapshot: string;
  /** JSON array: the holder's surnames (birth name, usage name) in the compared form (src/attestations/names.ts) */
  surname_keys: string;
  issued_at: number;
  expires_at: number;
  revoked_at: number | null;
  /** checks with the right surname (the verifier was shown what it certifies) */
  checked_count: number;
  /** checks of this code with another surname */
  refused_count: number;
}

export type AttestationKind = 'paiement' | 'quotient_familial';

/**
 * The log of verifications on the public page, kept 6 months at most: when, what was answered, the
 * attestation when the code named one (never the surname typed), the verifier's IP (for abuse
 * only; never shown to the holder, who sees counts).
 */
export interface AttestationChecksTable {
  id: string;
  attestation_id: string | null;
  checked_at: number;
  outcome: CheckOutcome;
  ip: string | null;
}

export type CheckOutcome = 'conforme' | 'non_conforme' | 'revoquee' | 'expiree';

export type Attestation = Selectable<AttestationsTable>;
