import { z } from 'zod';
import { MAX_JUSTIFICATIF_BYTES } from '../../justificatifs/validation';
import { text } from '../../http/api/input';

/** The JSON shapes of justificatifs (src/journeys/justificatifs/api.ts). */
/** « Retirer » a file added but not sent yet (the form of the justificatifs page). */
export const RemoveFileBody = z.object({ fichier: text(64) });

export const JustificatifParams = z.object({ id: text(64).describe('identifiant du justificatif') });

/** 10 MB of bytes are at most 13 981 016 characters of base64. */
const MAX_BASE64 = Math.ceil(MAX_JUSTIFICATIF_BYTES / 3) * 4;

export const UploadBody = z.object({
  fileName: text(255).describe('nom du fichier chez la personne (il est nettoyé ; l’extension suit le type réel)'),
  contentBase64: z
    .string()
    .max(MAX_BASE64 + 1024, { error: 'JUSTIFICATIF_TOO_LARGE' })
    .describe(
      'le contenu du fichier en base64 (RFC 4648) : PDF, JPEG ou PNG, 10 Mo au plus une fois décodé ; le type est lu dans les octets',
    ),
});
export const UPLOAD_BODY_LIMIT = MAX_BASE64 + 64 * 1024;

export const FileView = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  size: z.number().int().describe('en octets'),
  sha256: z.string().describe('empreinte SHA-256 (hexadécimal) des octets reçus'),
  createdAt: z.string().describe('ISO 8601'),
  pending: z.boolean().describe('ajouté à la pièce demandée, pas encore envoyé à la Caf'),
  download: z.string().describe('adresse de téléchargement (toujours en pièce jointe)'),
});
export const PiecesView = z.object({
  demarcheId: z.string(),
  status: z.string(),
  asked: z
    .array(z.object({ id: z.string(), message: z.string(), requestedAt: z.string() }))
    .describe('les pièces demandées par la Caf, à transmettre'),
  files: z.array(FileView),
});
export const Sent = z.object({ demarcheId: z.string(), status: z.string() });
