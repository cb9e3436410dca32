import QRCode from 'qrcode';
import { frenchDateTime, frenchValidUntil } from '../shared/french-time';
import { BLUE, GREY, MARGIN, taggedPdf } from '../shared/tagged-pdf';
import { codeInUrl, formatCode } from './code';
import { certifiedRows, kindTitle, type Snapshot } from './snapshot';

/**
 * An attestation as a tagged PDF (src/shared/tagged-pdf.ts): headings, paragraphs, and a figure
 * with its alternative text for the QR code, so that a screen reader reads it in order. The QR code is drawn
 * as vector squares (the `qrcode` package computes the matrix; nothing is downloaded) and carries
 * the verification page's address with the code; the address is also printed to be typed by hand.
 */
export interface AttestationPdfInput {
  id: string;
  snapshot: Snapshot;
  issuedAt: number;
  expiresAt: number;
  /** the public page, from BASE_URL: …/verifier-une-attestation */
  verifyUrl: string;
  agencyPhone: string;
}

/** The address the QR code carries: the public page with the code filled in (the surname is still asked). */
export function qrTarget(verifyUrl: string, id: string): string {
  return `${verifyUrl}?code=${codeInUrl(formatCode(id))}`;
}

export function attestationPdf(a: AttestationPdfInput): Promise<Buffer> {
  const title = kindTitle(a.snapshot.kind);
  const code = formatCode(a.id);
  const pdf = taggedPdf({ title: `${title} – Caf`, subject: `Code de vérification ${code}` });
  const { doc, width, block } = pdf;

  pdf.masthead(title, 1.2);
  doc.moveDown(0.5);
  block('P', () =>
    doc
      .font('regular')
      .fontSize(11)
      .text(
        `La Caisse d’allocations familiales atteste les informations ci-dessous, telles qu’elles figurent au dossier le ${frenchDateTime(a.issuedAt)}.`,
        { width },
      ),
  );
  doc.moveDown();

  for (const row of certifiedRows(a.snapshot))
    block('P', () => {
      doc.font('regular').fontSize(11).fillColor(GREY).text(`${row.key} : `, { continued: true, width });
      doc.font('bold').fillColor('black').text(row.value);
    });
  doc.moveDown();
  block('P', () =>
    doc
      .font('regular')
      .fontSize(10)
      .fillColor('black')
      .text(`Délivrée le ${frenchDateTime(a.issuedAt)}, valable jusqu’au ${frenchValidUntil(a.expiresAt)}.`, { width }),
  );
  doc.moveDown();

  block('H2', () => doc.font('bold').fontSize(14).fillColor(BLUE).text('Vérifier cette attestation', { width }));
  doc.moveDown(0.3);
  const qrTop = doc.y;
  const qrSize = 110;
  const textWidth = width - qrSize - 20;
  block('P', () =>
    doc
      .font('regular')
      .fontSize(10)
      .fillColor('black')
      .text(
        `Celui qui reçoit cette attestation peut la vérifier sans compte : en tapant lui-même l’adresse ${a.verifyUrl}, il saisit le code ci-dessous et le nom de l’allocataire. La page lui dit si l’attestation est conforme et lui montre ce qu’elle certifie.`,
        MARGIN,
        qrTop,
        { width: textWidth },
      ),
  );
  doc.moveDown(0.4);
  block('P', () => doc.font('bold').fontSize(15).fillColor('black').text(`Code : ${code}`, { width: textWidth }));
  doc.moveDown(0.4);
  pdf.note(
    'La vérification prouve que la Caf a délivré cette attestation ; elle ne prouve pas que la personne qui la présente en est le titulaire.',
    textWidth,
  );
  const afterText = doc.y;
  pdf.figure(`Code QR menant à la page de vérification de la Caf, code ${code}`, () =>
    drawQr(doc, qrTarget(a.verifyUrl, a.id), MARGIN + width - qrSize, qrTop, qrSize),
  );
  doc.x = MARGIN;
  doc.y = Math.max(afterText, qrTop + qrSize) + 16;
  pdf.note(`Une question ? Appelez votre Caf au ${a.agencyPhone}.`);
  return pdf.end();
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fill('white');
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
  doc.fill('black');
  doc.restore();
}
