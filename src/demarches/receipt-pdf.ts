import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Account } from '../accounts/repository';
import type { FormDefinition } from '../forms/definition';
import { recap } from '../forms/engine';
import type { Prestation } from '../prestations/catalogue';
import { frenchDateTime } from './messages';
import type { Demarche } from './repository';

/**
 * The accusé de réception as a PDF (pdfkit): reference, date and time of submission, who asked, and
 * the summary of the answers (IBAN masked). The font is DejaVu Sans, read from the
 * `dejavu-fonts-ttf` package and embedded (subset) in the file: nothing is downloaded, and every
 * French character (’ « » œ) prints.
 */
const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const BLUE = '#114a8b';

export interface ReceiptInput {
  demarche: Demarche;
  prestation: Prestation;
  form: FormDefinition;
  account: Pick<Account, 'given_names' | 'birth_name' | 'usage_name'>;
  agencyPhone: string;
}

export function receiptPdf(r: ReceiptInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: `Accusé de réception – ${r.prestation.title}`,
      Author: 'Caf – Mon Compte',
      Subject: `Référence ${r.demarche.reference}`,
    },
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 112;
  doc.font('bold').fontSize(10).fillColor(BLUE).text('Caf · Mon Compte');
  doc.moveDown(1.5);
  doc.font('bold').fontSize(20).fillColor('black').text('Accusé de réception');
  doc.font('regular').fontSize(13).text(r.prestation.title);
  doc.moveDown();

  const box = doc.y;
  doc.rect(56, box, width, 78).fill('#e8f1f8');
  doc
    .fillColor('black')
    .font('regular')
    .fontSize(11)
    .text('Référence de votre demande', 68, box + 10);
  doc
    .font('bold')
    .fontSize(16)
    .text(r.demarche.reference ?? '', 68, box + 26);
  doc
    .font('regular')
    .fontSize(11)
    .text(`Envoyée le ${frenchDateTime(r.demarche.submitted_at ?? r.demarche.updated_at)}`, 68, box + 52);
  doc.x = 56;
  doc.y = box + 92;

  const name = [r.account.given_names, r.account.usage_name ?? r.account.birth_name].join(' ');
  doc
    .font('regular')
    .fontSize(11)
    .text(
      `Demande faite par ${name}. La Caf a bien reçu votre demande : un agent va l’étudier. Vous suivrez son avancement dans Mon Compte, rubrique «\u00a0Mes\u00a0démarches\u00a0».`,
      { width },
    );
  doc.moveDown();
  doc.font('bold').fontSize(14).text('Résumé de vos réponses');
  for (const s of recap(r.form, r.demarche.answers, { maskIban: true })) {
    doc.moveDown(0.6);
    doc.font('bold').fontSize(12).fillColor(BLUE).text(s.title, { width });
    doc.fillColor('black');
    for (const row of s.rows) {
      doc
        .font('regular')
        .fontSize(10)
        .text(`${row.label}${/[?…]$/.test(row.label) ? ' ' : ' : '}`, { continued: true, width })
        .font('bold')
        .text(row.value);
    }
  }
  doc.moveDown();
  doc
    .font('regular')
    .fontSize(9)
    .fillColor('#505a5f')
    .text(
      `Vous avez déclaré sur l’honneur l’exactitude de ces informations. Pour toute question, appelez votre Caf au ${r.agencyPhone} en indiquant la référence ${r.demarche.reference}.`,
      { width },
    );
  doc.end();
  return done;
}
