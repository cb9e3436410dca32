import type { Account } from '../accounts/repository';
import type { AppealRoute } from '../prestations/appeals';
import { decisionLabel, type Decision } from './decision';
import { frenchDateTime } from './messages';
import type { Demarche } from './repository';
import { MARGIN, taggedPdf } from '../shared/tagged-pdf';

/**
 * The « notification de décision » as a tagged PDF (src/shared/tagged-pdf.ts): the prestation, the
 * reference, the decision and its date, its motif, and for a refusal how, before whom and within
 * what delay it can be contested (src/prestations/appeals.ts) — without which the delay never starts.
 */
export interface DecisionPdfInput {
  demarche: Pick<Demarche, 'reference' | 'submitted_at' | 'updated_at'>;
  title: string;
  declaration: boolean;
  decision: Decision;
  /** the route of a refusal (undefined otherwise) */
  appeal: AppealRoute | undefined;
  account: Pick<Account, 'given_names' | 'birth_name' | 'usage_name'>;
  agencyPhone: string;
}

export function decisionPdf(r: DecisionPdfInput): Promise<Buffer> {
  const label = decisionLabel(r.decision.status, r.declaration);
  const pdf = taggedPdf({ title: `Notification de décision – ${r.title}`, subject: `Référence ${r.demarche.reference}` });
  const { doc, width, block } = pdf;
  const text = (s: string, size = 11) => block('P', () => doc.font('regular').fontSize(size).fillColor('black').text(s, { width }));
  pdf.masthead('Notification de décision');
  block('P', () => doc.font('regular').fontSize(13).text(r.title, { width }));
  doc.moveDown();

  const box = doc.y;
  pdf.decoration(() => doc.rect(MARGIN, box, width, 64).fill('#e8f1f8'));
  block('P', () => {
    doc
      .fillColor('black')
      .font('regular')
      .fontSize(11)
      .text('Décision', MARGIN + 12, box + 10);
    doc
      .font('bold')
      .fontSize(16)
      .text(label, MARGIN + 12, box + 26, { width: width - 24 });
  });
  doc.x = MARGIN;
  doc.y = box + 78;

  const name = [r.account.given_names, r.account.usage_name ?? r.account.birth_name].join(' ');
  text(`Référence : ${r.demarche.reference ?? ''}`);
  text(
    `${r.declaration ? 'Déclaration faite' : 'Demande faite'} par ${name}, envoyée le ${frenchDateTime(r.demarche.submitted_at ?? r.demarche.updated_at)}.`,
  );
  text(`Date de la décision : ${frenchDateTime(r.decision.at)}.`);
  doc.moveDown();
  block('H2', () => doc.font('bold').fontSize(14).fillColor('black').text('Motif de la décision'));
  text(r.decision.motif ?? 'La Caf n’a pas indiqué de motif.');
  if (r.appeal) {
    doc.moveDown();
    block('H2', () => doc.font('bold').fontSize(14).fillColor('black').text('Comment contester cette décision'));
    text(`${r.appeal.kind} devant ${r.appeal.before}.`);
    text(`Délai : ${r.appeal.delay}.`);
    text(r.appeal.how);
    text(`Texte applicable : ${r.appeal.source}.`, 10);
  }
  doc.moveDown();
  pdf.note(
    `Retrouvez cette décision dans Mon Compte, rubrique «\u00a0Mes\u00a0démarches\u00a0». Pour toute question, appelez votre Caf au ${r.agencyPhone} en indiquant la référence ${r.demarche.reference}.`,
  );
  return pdf.end();
}
