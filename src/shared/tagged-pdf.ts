import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * A tagged PDF (PDF/UA's building blocks, written by pdfkit): the document says it is tagged
 * (MarkInfo), its language (fr-FR) and its title (shown by the reader instead of the file name);
 * every text is inside a structure element (H1, H2, P…) of one `Document` element, in reading order,
 * and what only decorates (coloured boxes) is marked as an artifact, so that a screen reader reads
 * the headings and paragraphs in order and skips the decoration.
 *
 * The font is DejaVu Sans, read from the `dejavu-fonts-ttf` package and embedded (subset) in the
 * file: nothing is downloaded, and every French character (’ « » œ) prints.
 */
const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
export const BLUE = '#114a8b';
export const GREY = '#505a5f';
export const MARGIN = 56;

export type BlockType = 'H1' | 'H2' | 'H3' | 'P';

export interface TaggedPdf {
  doc: PDFKit.PDFDocument;
  /** the width of the text between the margins */
  width: number;
  /** one structure element of the document, drawn by `draw` (which must only write text) */
  block(type: BlockType, draw: () => void): void;
  /** decoration only (a coloured box): an artifact, skipped by screen readers */
  decoration(draw: () => void): void;
  /** a picture (the QR code), read out by its alternative text */
  figure(alt: string, draw: () => void): void;
  /** the top of every Caf document: « Caf · Mon Compte » in blue, `gap` lines, then its one H1 */
  masthead(title: string, gap?: number): void;
  /** a small grey paragraph (how to reach the Caf, what a check proves), `width` wide at most */
  note(text: string, width?: number): void;
  /** closes the structure and the document: the bytes */
  end(): Promise<Buffer>;
}

export function taggedPdf(meta: { title: string; subject: string }): TaggedPdf {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: meta.title, Author: 'Caf – Mon Compte', Subject: meta.subject },
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document', { lang: 'fr-FR', title: meta.title });
  doc.addStructure(root);
  const width = doc.page.width - 2 * MARGIN;
  const block = (type: BlockType, draw: () => void) => root.add(doc.struct(type, {}, draw));
  return {
    doc,
    width,
    block,
    decoration(draw) {
      doc.markContent('Artifact', { type: 'Layout' });
      draw();
      doc.endMarkedContent();
    },
    figure(alt, draw) {
      root.add(doc.struct('Figure', { alt }, draw));
    },
    masthead(title, gap = 1.5) {
      block('P', () => doc.font('bold').fontSize(10).fillColor(BLUE).text('Caf · Mon Compte', { width }));
      doc.moveDown(gap);
      block('H1', () => doc.font('bold').fontSize(20).fillColor('black').text(title, { width }));
    },
    note(text, w = width) {
      block('P', () => doc.font('regular').fontSize(9).fillColor(GREY).text(text, { width: w }));
    },
    end() {
      root.end();
      doc.end();
      return done;
    },
  };
}
