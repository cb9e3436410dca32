/**
 * Identity documents (titres d'identité): number formats, the ICAO 9303 check digit, and a port
 * for the validity check.
 *
 * Formats:
 * - CNI since 2021 (cni-2021): 9 characters [0-9A-Z];
 * - CNI 1988–2021 (cni-1988): 12 characters, YYMM of issue + 3 characters (issuing office) + 5 digits;
 * - passport: 9 characters [0-9A-Z], usually 2 digits + 2 letters + 5 digits (e.g. 12AB34567);
 * - titre de séjour: the 10-digit numéro étranger (AGDREF).
 *
 * The national register of document validity cannot be queried by an agency: `DocumentVerifier` is
 * the port, `LocalDocumentVerifier` the adapter used today (format + an optional revoked list).
 */
import { fail, ok, type Result } from './result';

export type DocumentKind = 'cni' | 'passport' | 'titre-sejour';
export type DocumentFormat = 'cni-2021' | 'cni-1988' | 'passport' | 'titre-sejour';

/** A document kind as a person reads it (the kind itself is the code stored and exported for programs). */
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  cni: 'Carte nationale d’identité',
  passport: 'Passeport',
  'titre-sejour': 'Titre de séjour',
};

/** The French name of a stored document kind; an unknown code is shown as it is rather than lost. */
export function documentKindLabel(kind: string): string {
  return Object.hasOwn(DOCUMENT_KIND_LABELS, kind) ? DOCUMENT_KIND_LABELS[kind as DocumentKind] : kind;
}

export interface IdentityDocument {
  kind: DocumentKind;
  format: DocumentFormat;
  /** Normalised: no spaces, upper case. */
  number: string;
}

const SEPARATORS = /[\s\-‐‑–—.]/g;

function normalise(number: string): string {
  return number.replace(SEPARATORS, '').toUpperCase();
}

export function parseIdentityDocument(kind: DocumentKind, number: string): Result<IdentityDocument> {
  const n = normalise(number ?? '');
  if (n === '') return fail('DOCUMENT_NUMBER_EMPTY', 'Saisissez le numéro de votre titre d’identité.', 'number');
  switch (kind) {
    case 'cni': {
      if (/^[0-9A-Z]{9}$/.test(n)) return ok({ kind, format: 'cni-2021', number: n });
      if (/^\d{4}[0-9A-Z]{3}\d{5}$/.test(n)) {
        const month = Number(n.slice(2, 4));
        if (month < 1 || month > 12) {
          return fail(
            'DOCUMENT_CNI_MONTH_INVALID',
            'Le numéro de carte d’identité n’est pas valide : les 4 premiers chiffres indiquent l’année et le mois de délivrance (mois de 01 à 12). Vérifiez votre saisie.',
            'number',
          );
        }
        return ok({ kind, format: 'cni-1988', number: n });
      }
      return fail(
        'DOCUMENT_NUMBER_INVALID',
        'Le numéro de carte d’identité n’est pas valide. Il comporte 9 caractères (carte délivrée depuis 2021) ou 12 caractères (ancienne carte), chiffres et lettres sans accents.',
        'number',
      );
    }
    case 'passport': {
      if (/^[0-9A-Z]{9}$/.test(n)) return ok({ kind, format: 'passport', number: n });
      return fail(
        'DOCUMENT_NUMBER_INVALID',
        'Le numéro de passeport n’est pas valide. Il comporte 9 caractères, chiffres et lettres (par exemple 12AB34567).',
        'number',
      );
    }
    case 'titre-sejour': {
      if (/^\d{10}$/.test(n)) return ok({ kind, format: 'titre-sejour', number: n });
      return fail(
        'DOCUMENT_NUMBER_INVALID',
        'Le numéro de titre de séjour n’est pas valide. Saisissez votre numéro étranger : 10 chiffres.',
        'number',
      );
    }
    default:
      return fail(
        'DOCUMENT_KIND_INVALID',
        'Choisissez le type de titre d’identité : carte d’identité, passeport ou titre de séjour.',
        'kind',
      );
  }
}

/**
 * ICAO 9303 check digit: weights 7, 3, 1 repeated; digits count their value, A–Z 10–35, '<' 0.
 * Lower case is read as upper case. Throws a RangeError on any other character.
 */
export function mrzCheckDigit(text: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  const s = text.toUpperCase();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let v: number;
    if (c >= 48 && c <= 57) v = c - 48;
    else if (c >= 65 && c <= 90) v = c - 55;
    else if (c === 60) v = 0;
    else throw new RangeError(`mrzCheckDigit: character not allowed in a MRZ: ${JSON.stringify(s[i])}`);
    sum += v * (weights[i % 3] as number);
  }
  return sum % 10;
}

// ---------------------------------------------------------------------------------------------
// Port

export type DocumentVerificationStatus = 'valid' | 'unknown' | 'invalid';

export interface DocumentVerification {
  status: DocumentVerificationStatus;
  /** Stable code: FORMAT_ONLY, FORMAT_INVALID, REVOKED… */
  reason?: string;
  /** French message for the person, when there is something to say. */
  message?: string;
}

/** Checks that a document is valid (not lost, stolen, cancelled). A real register adapter can be plugged later. */
export interface DocumentVerifier {
  verify(doc: IdentityDocument): Promise<DocumentVerification>;
}

export interface LocalDocumentVerifierOptions {
  /** Numbers known to be revoked (for tests and demos); any spacing or case. */
  revoked?: Iterable<string>;
  /**
   * Status given to a well-formed, non-revoked number: 'valid' (default: the format check is all the
   * agency can do today) or 'unknown' (when callers must treat it as not verified).
   */
  formatOnlyStatus?: 'valid' | 'unknown';
}

/** Format-only check, plus an in-memory list of revoked numbers. No I/O. */
export class LocalDocumentVerifier implements DocumentVerifier {
  private readonly revoked: Set<string>;
  private readonly formatOnlyStatus: 'valid' | 'unknown';

  constructor(options: LocalDocumentVerifierOptions = {}) {
    this.revoked = new Set([...(options.revoked ?? [])].map(normalise));
    this.formatOnlyStatus = options.formatOnlyStatus ?? 'valid';
  }

  async verify(doc: IdentityDocument): Promise<DocumentVerification> {
    const parsed = parseIdentityDocument(doc.kind, doc.number);
    if (!parsed.ok) return { status: 'invalid', reason: 'FORMAT_INVALID', message: parsed.error.message };
    if (this.revoked.has(parsed.value.number)) {
      return {
        status: 'invalid',
        reason: 'REVOKED',
        message: 'Ce titre d’identité n’est plus valide (déclaré perdu, volé ou annulé). Utilisez un autre titre ou contactez votre Caf.',
      };
    }
    return { status: this.formatOnlyStatus, reason: 'FORMAT_ONLY' };
  }
}
