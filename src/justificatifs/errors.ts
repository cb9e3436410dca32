import type { Codes, ErrorEntry } from '../errors/registry';
import type { RefusalReason } from './validation';

/** Errors of justificatifs (registered by src/app-errors.ts); shown at the file field `fichier`. */
export const justificatifErrors = {
  JUSTIFICATIF_REQUIRED: { status: 400, message: 'Sélectionnez un fichier.', support: 'Upload without a file.' },
  JUSTIFICATIF_EMPTY: { status: 400, message: 'Le fichier sélectionné est vide.', support: 'Uploaded file has 0 bytes.' },
  JUSTIFICATIF_TOO_LARGE: {
    status: 413,
    message: 'Le fichier sélectionné doit faire moins de 10 Mo.',
    support: 'Uploaded file over 10 MB (multipart limit or check).',
  },
  JUSTIFICATIF_WRONG_TYPE: {
    status: 400,
    message: 'Le fichier sélectionné doit être un PDF, un JPEG ou un PNG.',
    support: 'Bytes are not PDF/JPEG/PNG (declared name and type ignored); the audit event gives the detected type.',
  },
  JUSTIFICATIF_REFUSED: {
    status: 400,
    message:
      'Le fichier sélectionné ne peut pas être accepté : il contient autre chose qu’un document ou une image. Enregistrez-le à nouveau en PDF (par exemple avec « Imprimer » puis « Enregistrer au format PDF ») ou prenez le document en photo, puis réessayez.',
    support: 'Polyglot or PDF with active content (JavaScript, launch action, embedded files); see the audit event.',
  },
  JUSTIFICATIF_ENCRYPTED: {
    status: 400,
    message:
      'Le fichier sélectionné est protégé (par un mot de passe ou des restrictions) et ne peut pas être vérifié. Enregistrez-le à nouveau sans protection (par exemple avec « Imprimer » puis « Enregistrer au format PDF ») ou prenez le document en photo, puis réessayez.',
    support: 'Encrypted PDF (/Encrypt in a trailer): its strings and object streams cannot be checked.',
  },
  JUSTIFICATIF_DAMAGED: {
    status: 400,
    message: 'Le fichier sélectionné est endommagé ou incomplet. Enregistrez-le à nouveau, puis réessayez.',
    support: 'Starts like PDF/JPEG/PNG but its structure is broken (truncated, PDF that does not parse or whose xref points elsewhere).',
  },
  JUSTIFICATIF_NOTHING_ASKED: {
    status: 409,
    message: 'Aucune pièce n’est demandée pour cette démarche en ce moment : la Caf l’a peut-être déjà reçue.',
    support: 'Upload while the démarche is not en attente de pièces (or no open request).',
  },
  JUSTIFICATIF_NONE_ADDED: {
    status: 400,
    message: 'Ajoutez au moins un fichier avant de l’envoyer à la Caf.',
    support: '« Envoyer à la Caf » without a file added.',
  },
  JUSTIFICATIF_NOT_FOUND: {
    status: 404,
    message: 'Ce justificatif n’existe pas, ou vous n’y avez pas accès.',
    support: 'Unknown justificatif, or not visible to this person.',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof justificatifErrors> {}
}

export type JustificatifErrorCode = keyof typeof justificatifErrors;

/** The entry for a refused file. */
export const REFUSAL_ERRORS: Record<RefusalReason, JustificatifErrorCode> = {
  empty: 'JUSTIFICATIF_EMPTY',
  too_large: 'JUSTIFICATIF_TOO_LARGE',
  wrong_type: 'JUSTIFICATIF_WRONG_TYPE',
  polyglot: 'JUSTIFICATIF_REFUSED',
  active_content: 'JUSTIFICATIF_REFUSED',
  damaged: 'JUSTIFICATIF_DAMAGED',
  encrypted: 'JUSTIFICATIF_ENCRYPTED',
};
