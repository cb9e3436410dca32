import type { Contact } from '../../accounts/contact';
import type { DocumentKind } from '../../identity';
import type { Flow } from '../../flows/flow';
import type { FlowState } from './machine';

/**
 * What a registration flow has collected so far (JSON in `flows.data`).
 * Everything is optional until the step that collects it has been submitted successfully.
 */
export interface RegistrationData {
  /** the prestation the person set out to ask for (slug of the catalogue) */
  prestation?: string;
  /** how the person came: from a prestation (« Faire la demande »), « Mon Compte », or the JSON API */
  origin: 'demarche' | 'mon-compte' | 'api';
  civilStatus?: CivilStatus;
  document?: DocumentChoice;
  contact?: Contact;
  /** argon2id hash of the chosen password (never the password); dropped once the account exists */
  passwordHash?: string;
  /** what the confirmation page shows once the flow is completed */
  result?: { withNir: boolean; provisionalId: string | null };
}

export type { Contact };

export type Civility = 'M' | 'MME';

export interface BirthPlaceChoice {
  kind: 'commune' | 'country';
  /** INSEE code: the commune as coded at the birth date (e.g. 75044 for Levallois before 1968), or 99xxx */
  code: string;
  name: string;
  /** commune only: « Hauts-de-Seine (92) » */
  departement?: string;
}

export interface CivilStatus {
  /** 15 characters, normalised; null for a person who has none (identifiant provisoire at the end) */
  nir: string | null;
  civility: Civility;
  birthName: string;
  givenNames: string;
  /** YYYY-MM-DD */
  birthDate: string;
  birthPlace: BirthPlaceChoice;
  /** what the répertoire said of the NIR: known (civil status matches), unknown, or no NIR */
  repertoire: 'known' | 'unknown' | 'no_nir';
}

export interface DocumentChoice {
  kind: DocumentKind | 'none';
  /** normalised number; null when the person has no French identity document */
  number: string | null;
  /** valid: number checked by the document verifier */
  status: 'valid' | 'unknown' | 'none';
}

/** A registration flow as the use cases see it: the engine's flow, and the token that names it (cookie, URL). */
export interface RegistrationFlow extends Flow<FlowState, RegistrationData> {
  token: string;
}

/** Why an identity stays « à confirmer »: no French document, a document that could not be checked, a NIR the répertoire does not know. */
export type ToConfirmReason = 'no_document' | 'document_not_checked' | 'nir_unknown';

export function toConfirmReasons(d: RegistrationData): ToConfirmReason[] {
  const reasons: ToConfirmReason[] = [];
  if (!d.document || d.document.kind === 'none') reasons.push('no_document');
  else if (d.document.status !== 'valid') reasons.push('document_not_checked');
  if (d.civilStatus?.repertoire === 'unknown') reasons.push('nir_unknown');
  return reasons;
}

/** identity_status of the account the flow will create. */
export function identityStatus(d: RegistrationData): 'confirmed' | 'to_confirm' {
  return toConfirmReasons(d).length > 0 ? 'to_confirm' : 'confirmed';
}

/** What the navigation guard needs to know of the data besides the state. */
export function facts(flow: RegistrationFlow): { contactVerified: boolean } {
  return { contactVerified: !!flow.data.contact && flow.data.contact.verifiedAt !== null };
}
