import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { AcceptedMediaType } from '../db/tables/justificatifs.table';
import { inlinePdfChecker, type PdfChecker } from './pdf-checker';

/**
 * What a justificatif may be: a PDF, a JPEG or a PNG of at most 10 MB — decided from the file's
 * bytes, never from its name or the type the browser declared. Beyond the signature read by
 * `file-type`, the file must be *only* that: polyglots (a PNG or JPEG with something after its end,
 * a PDF with bytes after its last %%EOF or with a ZIP directory, markup a browser could sniff) and
 * PDFs carrying active content (JavaScript, launch actions, embedded files…), read by a PDF parser
 * with their object streams (src/justificatifs/pdf-check.ts), are refused, as are PDFs that do not
 * parse and encrypted ones. Files are only ever served back as downloads
 * (`Content-Disposition: attachment`, `nosniff`), never displayed by us.
 */
export const MAX_JUSTIFICATIF_BYTES = 10 * 1024 * 1024;

export const ACCEPTED_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
} as const satisfies Record<AcceptedMediaType, string>;
export type { AcceptedMediaType };

export type RefusalReason =
  /** no bytes at all */
  | 'empty'
  | 'too_large'
  /** not a PDF, JPEG or PNG (an executable, a Word document, a text file…) */
  | 'wrong_type'
  /** a PDF, JPEG or PNG that is also something else */
  | 'polyglot'
  /** a PDF with JavaScript, a launch action or embedded files */
  | 'active_content'
  /** an encrypted PDF (a password, or restrictions): its objects cannot be checked */
  | 'encrypted'
  /** starts like an accepted type but its structure is broken */
  | 'damaged';

export interface AcceptedFile {
  ok: true;
  mediaType: AcceptedMediaType;
  /** the name to store and to offer at download: sanitised, with the extension of the real type */
  fileName: string;
  size: number;
  /** hex SHA-256 of the bytes */
  sha256: string;
}

export type FileCheck = AcceptedFile | { ok: false; reason: RefusalReason; detected?: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Executables named as such when refused (for the audit trail), whatever file-type calls them. */
const EXECUTABLE_SIGNATURES: [string, Buffer][] = [
  ['exe', Buffer.from('MZ')],
  ['elf', Buffer.from([0x7f, 0x45, 0x4c, 0x46])],
  ['mach-o', Buffer.from([0xcf, 0xfa, 0xed, 0xfe])],
  ['script', Buffer.from('#!')],
];

/** `pdf`: where PDFs are parsed (the server's thread, src/context.ts; in this thread by default). */
export async function checkJustificatif(
  bytes: Uint8Array,
  declaredName: string,
  pdf: Pick<PdfChecker, 'check'> = inlinePdfChecker,
): Promise<FileCheck> {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > MAX_JUSTIFICATIF_BYTES) return { ok: false, reason: 'too_large' };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const executable = EXECUTABLE_SIGNATURES.find(([, sig]) => buf.subarray(0, sig.length).equals(sig));
  if (executable) return { ok: false, reason: 'wrong_type', detected: executable[0] };
  const detected = await fileTypeFromBuffer(buf);
  const mediaType = detected?.mime as AcceptedMediaType | undefined;
  if (!mediaType || !(mediaType in ACCEPTED_TYPES))
    return { ok: false, reason: 'wrong_type', ...(detected ? { detected: detected.ext } : {}) };
  // The cheap scans first: a PDF's parse is the dearest step (bench/justificatifs.ts).
  const problem =
    otherFormatInside(buf) ??
    (mediaType === 'image/png' ? pngProblem(buf) : mediaType === 'image/jpeg' ? jpegProblem(buf) : await pdfStructureProblem(buf, pdf));
  if (problem) return { ok: false, reason: problem, detected: detected!.ext };
  return {
    ok: true,
    mediaType,
    fileName: sanitiseFileName(declaredName, ACCEPTED_TYPES[mediaType]),
    size: buf.length,
    sha256: createHash('sha256').update(buf).digest('hex'),
  };
}

/** A PNG is its chunks, up to IEND, and nothing after. */
function pngProblem(b: Buffer): RefusalReason | undefined {
  if (!b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'damaged';
  let at = 8;
  while (at + 12 <= b.length) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > b.length) return 'damaged';
    if (type === 'IEND') return end === b.length ? undefined : 'polyglot';
    at = end;
  }
  return 'damaged';
}

/** A JPEG ends with its EOI marker (FF D9); only padding (zeros, line ends) may follow it. */
function jpegProblem(b: Buffer): RefusalReason | undefined {
  const eoi = b.lastIndexOf(Buffer.from([0xff, 0xd9]));
  if (eoi < 2) return 'damaged';
  for (let i = eoi + 2; i < b.length; i++) if (![0x00, 0x0a, 0x0d, 0x20].includes(b[i]!)) return 'polyglot';
  return undefined;
}

/**
 * A PDF begins with %PDF- at its first byte and ends at its last %%EOF; read by a PDF parser, it
 * must parse, follow its cross-references, and hold no active content (src/justificatifs/pdf-check.ts).
 */
async function pdfStructureProblem(b: Buffer, pdf: Pick<PdfChecker, 'check'>): Promise<RefusalReason | undefined> {
  if (b.toString('latin1', 0, 5) !== '%PDF-') return 'polyglot';
  const eof = b.lastIndexOf('%%EOF');
  if (eof < 0) return 'damaged';
  if (!/^\s*$/.test(b.toString('latin1', eof + 5))) return 'polyglot';
  return pdf.check(b);
}

/** Whatever the type: no ZIP directory near the end (a ZIP reader would open it), no markup a browser might sniff at the start. */
function otherFormatInside(b: Buffer): RefusalReason | undefined {
  const tail = b.subarray(Math.max(0, b.length - 65_557));
  if (tail.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]))) return 'polyglot';
  if (/<(script|html|body|iframe|svg|!doctype)/i.test(b.toString('latin1', 0, 1024))) return 'polyglot';
  return undefined;
}

/**
 * The name a file is stored and downloaded under: its last path segment, Unicode NFC, without
 * control or reserved characters, 100 characters at most, and the extension of its real type
 * (« ../../avis d'impôt.PDF.exe » sent as a PDF → « avis d'impôt.pdf »).
 */
export function sanitiseFileName(declared: string, extension: string): string {
  const last = declared.split(/[\\/]/).pop() ?? '';
  let base = last
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // Drop every trailing extension-looking part (« .pdf.exe »), then leading dots.
  while (/\.[A-Za-z0-9]{1,5}$/.test(base)) base = base.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  base = base
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 100)
    .trim();
  return `${base || 'justificatif'}.${extension}`;
}
