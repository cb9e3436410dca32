import type { Account } from '../accounts/repository';
import type { FormDefinition } from '../forms/definition';
import { recap } from '../forms/engine';
import type { Prestation } from '../prestations/catalogue';
import { frenchDateTime } from './messages';
import type { Demarche } from './repository';
import { BLUE, MARGIN, taggedPdf } from '../shared/tagged-pdf';

/**
 * The accusé de réception as a tagged PDF (src/shared/tagged-pdf.ts): reference, date and time of
 * submission, who asked, and the summary of the answers (IBAN masked).
 */
export interface ReceiptInput {
  demarche: Demarche;
  prestation: Prestation;
  form: FormDefinition;
  account: Pick<Account, 'given_names' | 'birth_name' | 'usage_name'>;
  agencyPhone: string;
}

export function receiptPdf(r: ReceiptInput): Promise<Buffer> {
  const pdf = taggedPdf({ title: `Accusé de réception – ${r.prestation.title}`, subject: `Référence ${r.demarche.reference}` });
  const { doc, width, block } = pdf;
  pdf.masthead('Accusé de réception');
  block('P', () => doc.font('regular').fontSize(13).text(r.prestation.title));
  doc.moveDown();

  const box = doc.y;
  pdf.decoration(() => doc.rect(MARGIN, box, width, 78).fill('#e8f1f8'));
  doc.fillColor('black');
  block('P', () => {
    doc
      .font('regular')
      .fontSize(11)
      .text('Référence de votre demande', MARGIN + 12, box + 10);
    doc
      .font('bold')
      .fontSize(16)
      .text(r.demarche.reference ?? '', MARGIN + 12, box + 26);
  });
  block('P', () =>
    doc
      .font('regular')
      .fontSize(11)
      .text(`Envoyée le ${frenchDateTime(r.demarche.submitted_at ?? r.demarche.updated_at)}`, MARGIN + 12, box + 52),
  );
  doc.x = MARGIN;
  doc.y = box + 92;

  const name = [r.account.given_names, r.account.usage_name ?? r.account.birth_name].join(' ');
  block('P', () =>
    doc
      .font('regular')
      .fontSize(11)
      .text(
        `Demande faite par ${name}. La Caf a bien reçu votre demande : un agent va l’étudier. Vous suivrez son avancement dans Mon Compte, rubrique «\u00a0Mes\u00a0démarches\u00a0».`,
        { width },
      ),
  );
  doc.moveDown();
  block('H2', () => doc.font('bold').fontSize(14).text('Résumé de vos réponses'));
  for (const s of recap(r.form, r.demarche.answers, { maskIban: true })) {
    doc.moveDown(0.6);
    block('H3', () => doc.font('bold').fontSize(12).fillColor(BLUE).text(s.title, { width }));
    doc.fillColor('black');
    for (const row of s.rows) {
      block('P', () =>
        doc
          .font('regular')
          .fontSize(10)
          .text(`${row.label}${/[?…]$/.test(row.label) ? ' ' : ' : '}`, { continued: true, width })
          .font('bold')
          .text(row.value),
      );
    }
  }
  doc.moveDown();
  pdf.note(
    `Vous avez déclaré sur l’honneur l’exactitude de ces informations. Pour toute question, appelez votre Caf au ${r.agencyPhone} en indiquant la référence ${r.demarche.reference}.`,
  );
  return pdf.end();
}
