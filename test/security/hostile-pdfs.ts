/**
 * A corpus of hostile PDFs, and of ordinary ones, built in code (no binary fixtures): each hostile
 * file hides something a PDF reader would run or open, or is shaped so that readers disagree on
 * what it holds. Used by test/security/hostile-pdfs.test.ts; to look at the files with real readers:
 *   npx tsx test/security/hostile-pdfs.ts /tmp/corpus
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import PDFKit from 'pdfkit';
import { buildPdf, type PdfChunk, samplePdf, samplePng, zipTail } from '../justificatifs/files';

export interface CorpusFile {
  name: string;
  bytes: Buffer;
  /** what the check must answer (hostile files only) */
  reason?: 'active_content' | 'damaged' | 'encrypted' | 'polyglot' | 'wrong_type';
}

const PAGES: PdfChunk[] = [
  { obj: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
  { obj: 3, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>' },
  { obj: 4, body: '<< /Length 44 >>\nstream\nBT /F1 18 Tf 72 720 Td (Quittance) Tj ET    \nendstream' },
];
const ALERT = '<< /S /JavaScript /JS (app.alert\\(1\\)) >>';

/** A one-page document whose catalogue has `catalog` entries, and more objects. */
function withCatalog(catalog: string, more: PdfChunk[] = []): Buffer {
  return buildPdf([{ obj: 1, body: `<< /Type /Catalog /Pages 2 0 R ${catalog} >>` }, ...PAGES, ...more]);
}

/** A pdf-lib document of `pages` pages of text, changed by `edit`, saved with object streams or not. */
async function pdfLibDocument(o: { edit?: (d: PDFDocument) => void | Promise<void>; objectStreams: boolean; pages?: number }) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < (o.pages ?? 2); i++)
    doc.addPage([595, 842]).drawText(`Relevé de compte, page ${i + 1}`, { x: 72, y: 760, font, size: 14 });
  await o.edit?.(doc);
  return Buffer.from(await doc.save({ useObjectStreams: o.objectStreams }));
}

const js = (d: PDFDocument) => d.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') });

function linkAnnotation(d: PDFDocument, extra: Record<string, unknown>): void {
  const page = d.getPage(0);
  const annot = d.context.register(
    d.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [72, 700, 300, 720], Border: [0, 0, 0], ...extra }),
  );
  page.node.set(PDFName.of('Annots'), d.context.obj([annot]));
}

/**
 * The trick of issue 20: the objects sit between a `% stream` comment line and a `% endstream` one,
 * so that a checker stripping « stream … endstream » text never reads them.
 */
function commentHidden(): Buffer {
  return buildPdf([
    { raw: '% stream\n' },
    { obj: 1, body: `<< /Type /Catalog /Pages 2 0 R /OpenAction ${ALERT} >>` },
    ...PAGES,
    { raw: '% endstream\n' },
  ]);
}

/**
 * Two readings of one file: a harmless catalogue where a parser reading from the top finds it,
 * and, inside the bytes of a stream, a catalogue with a script — where the xref points.
 */
function xrefIntoStream(): Buffer {
  const hidden = `1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction ${ALERT} >>\nendobj\n`;
  const base = buildPdf([
    { obj: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
    ...PAGES,
    { obj: 5, body: `<< /Length ${hidden.length} >>\nstream\n${hidden}\nendstream` },
  ]);
  const text = base.toString('latin1');
  const hiddenAt = text.indexOf(hidden);
  const row = /xref\n0 6\n(?:.*\r\n)(\d{10})/.exec(text)!;
  return Buffer.from(text.replace(`${row[1]} 00000 n`, `${String(hiddenAt).padStart(10, '0')} 00000 n`), 'latin1');
}

/** An incremental update (a second revision, as an editor saves it) whose new catalogue has `catalog`. */
function incrementalUpdate(catalog = `/OpenAction ${ALERT}`): Buffer {
  const base = samplePdf('Avis');
  const prev = /startxref\n(\d+)/.exec(base.toString('latin1'))![1];
  const obj = `1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalog} >>\nendobj\n`;
  const xrefAt = base.length + obj.length;
  const tail = `xref\n0 1\n0000000000 65535 f\r\n1 1\n${String(base.length).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size 6 /Root 1 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([base, Buffer.from(obj + tail, 'latin1')]);
}

/** An object stream whose type is spelt with a lower-case escape (`/#4fbjStm`), holding a script. */
function oddObjectStream(): Buffer {
  const inner = `<< /S /JavaScript /JS (app.alert\\(1\\)) >>`;
  const head = '6 0 ';
  const data = deflateSync(Buffer.from(head + inner, 'latin1'));
  const stream = Buffer.concat([
    Buffer.from(`<< /Type /#4fbjStm /N 1 /First ${head.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);
  return withCatalog('/OpenAction 6 0 R', [{ obj: 5, body: stream }]);
}

/** A truncated file: cut in the middle of an object, as an interrupted download leaves it. */
function truncated(): Buffer {
  const b = samplePdf('Avis');
  return Buffer.concat([b.subarray(0, Math.floor(b.length / 2)), Buffer.from('\n%%EOF\n')]);
}

export async function hostilePdfs(): Promise<CorpusFile[]> {
  const zipInside = samplePdf()
    .toString('latin1')
    .replace('xref', `${zipTail().toString('latin1')}\nxref`);
  return [
    { name: 'comment-hidden-openaction', bytes: commentHidden(), reason: 'active_content' },
    {
      name: 'hex-escaped-javascript',
      bytes: withCatalog('/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>'),
      reason: 'active_content',
    },
    { name: 'lowercase-escaped-name', bytes: withCatalog('/OpenAction << /S /#4aavaScript /#4aS (x) >>'), reason: 'active_content' },
    {
      name: 'names-javascript-tree',
      bytes: withCatalog('/Names << /JavaScript << /Names [(a) 5 0 R] >> >>', [{ obj: 5, body: ALERT }]),
      reason: 'active_content',
    },
    {
      name: 'script-in-a-stream',
      bytes: withCatalog('/OpenAction << /S /JavaScript /JS 5 0 R >>', [
        { obj: 5, body: '<< /Length 12 >>\nstream\napp.alert(1)\nendstream' },
      ]),
      reason: 'active_content',
    },
    {
      name: 'launch-openaction',
      bytes: withCatalog('/OpenAction << /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >>'),
      reason: 'active_content',
    },
    { name: 'uri-openaction', bytes: withCatalog('/OpenAction << /S /URI /URI (https://example.com/piege) >>'), reason: 'active_content' },
    {
      name: 'gotor-unc-openaction',
      bytes: withCatalog('/OpenAction << /S /GoToR /F (\\\\\\\\attacker\\\\share\\\\x.pdf) /D [0 /Fit] >>'),
      reason: 'active_content',
    },
    { name: 'catalog-aa', bytes: withCatalog(`/AA << /WC ${ALERT} >>`), reason: 'active_content' },
    {
      name: 'xfa-form',
      bytes: withCatalog('/AcroForm << /Fields [] /XFA 5 0 R >>', [{ obj: 5, body: '<< /Length 5 >>\nstream\n<xdp>\nendstream' }]),
      reason: 'active_content',
    },
    {
      name: 'objstm-openaction',
      bytes: await pdfLibDocument({ objectStreams: true, edit: (d) => d.catalog.set(PDFName.of('OpenAction'), d.context.register(js(d))) }),
      reason: 'active_content',
    },
    {
      name: 'objstm-page-aa',
      bytes: await pdfLibDocument({
        objectStreams: true,
        edit: (d) => d.getPage(1).node.set(PDFName.of('AA'), d.context.obj({ O: js(d) })),
      }),
      reason: 'active_content',
    },
    {
      name: 'page-aa-plain',
      bytes: await pdfLibDocument({
        objectStreams: false,
        edit: (d) => d.getPage(0).node.set(PDFName.of('AA'), d.context.obj({ C: js(d) })),
      }),
      reason: 'active_content',
    },
    {
      name: 'objstm-annotation-aa',
      bytes: await pdfLibDocument({ objectStreams: true, edit: (d) => linkAnnotation(d, { AA: d.context.obj({ E: js(d) }) }) }),
      reason: 'active_content',
    },
    {
      name: 'objstm-annotation-launch',
      bytes: await pdfLibDocument({
        objectStreams: true,
        edit: (d) => linkAnnotation(d, { A: d.context.obj({ S: 'Launch', F: PDFString.of('calc.exe') }) }),
      }),
      reason: 'active_content',
    },
    {
      name: 'embedded-file',
      bytes: await pdfLibDocument({
        objectStreams: true,
        edit: (d) => d.attach(Buffer.from('MZ...'), 'facture.exe', { mimeType: 'application/octet-stream', description: 'Facture' }),
      }),
      reason: 'active_content',
    },
    {
      name: 'richmedia-annotation',
      bytes: await pdfLibDocument({
        objectStreams: false,
        edit: (d) => {
          const annot = d.context.obj({ Type: 'Annot', Subtype: 'RichMedia', Rect: [0, 0, 100, 100], RichMediaContent: d.context.obj({}) });
          d.getPage(0).node.set(PDFName.of('Annots'), d.context.obj([d.context.register(annot)]));
        },
      }),
      reason: 'active_content',
    },
    { name: 'incremental-update-openaction', bytes: incrementalUpdate(), reason: 'active_content' },
    { name: 'odd-object-stream-type', bytes: oddObjectStream(), reason: 'active_content' },
    { name: 'xref-into-a-stream', bytes: xrefIntoStream(), reason: 'damaged' },
    {
      name: 'xref-wrong-offsets',
      bytes: Buffer.from(
        samplePdf()
          .toString('latin1')
          .replace(/(\d{10}) 00000 n/g, (_m, o: string) => `${String(Number(o) + 7).padStart(10, '0')} 00000 n`),
        'latin1',
      ),
      reason: 'damaged',
    },
    {
      name: 'no-xref',
      bytes: Buffer.from(
        samplePdf()
          .toString('latin1')
          .replace(/xref\n[\s\S]*?trailer/, 'trailer'),
        'latin1',
      ),
      reason: 'damaged',
    },
    {
      name: 'startxref-nowhere',
      bytes: Buffer.from(
        samplePdf()
          .toString('latin1')
          .replace(/startxref\n\d+/, 'startxref\n99999999'),
        'latin1',
      ),
      reason: 'damaged',
    },
    { name: 'truncated', bytes: truncated(), reason: 'damaged' },
    { name: 'garbage-between-objects', bytes: withCatalog('', [{ raw: 'endstream >> ] garbage (not an object\n' }]), reason: 'damaged' },
    {
      name: 'encrypted',
      bytes: buildPdf(
        [
          { obj: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
          ...PAGES,
          { obj: 5, body: '<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>' },
        ],
        { trailer: '/Root 1 0 R /Encrypt 5 0 R /ID [<01> <01>]' },
      ),
      reason: 'encrypted',
    },
    { name: 'polyglot-zip-inside', bytes: Buffer.from(zipInside, 'latin1'), reason: 'polyglot' },
    {
      name: 'polyglot-html-first',
      bytes: Buffer.concat([Buffer.from('<html><script>alert(1)</script><!--\n'), samplePdf()]),
      reason: 'wrong_type',
    },
    {
      name: 'polyglot-data-after-eof',
      bytes: Buffer.concat([samplePdf(), Buffer.from('PK\x03\x04 payload', 'latin1')]),
      reason: 'polyglot',
    },
  ];
}

/** pdfkit's output (what our own receipts are made with): text, a drawing, an image. */
function pdfkitDocument(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFKit({ size: 'A4', info: { Title: 'Attestation', Producer: 'pdfkit' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(16).text('Attestation de loyer', 72, 72).moveDown().fontSize(11).text('Je soussigné… '.repeat(40));
    doc.rect(72, 400, 200, 80).stroke();
    doc.image(samplePng(64, 64), 300, 400, { width: 64 });
    doc.link(72, 500, 200, 20, 'https://www.caf.fr');
    doc.addPage().text('Page 2');
    doc.end();
  });
}

/**
 * What a scanner writes: one JPEG (DCTDecode) image per page and nothing else, lengths as indirect
 * objects written after each stream, an Info dictionary, a binary comment after the header.
 */
function scannerLike(pages = 3): Buffer {
  const chunks: PdfChunk[] = [{ obj: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' }];
  const kids: string[] = [];
  let n = 3;
  for (let p = 0; p < pages; p++) {
    const [page, content, contentLength, image, imageLength] = [n, n + 1, n + 2, n + 3, n + 4];
    n += 5;
    kids.push(`${page} 0 R`);
    const draw = 'q 595 0 0 842 0 0 cm /Im0 Do Q';
    // Scanned bytes: anything at all, « stream », « /JS » or « endobj » included by chance.
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.from(` /JS (x) 7 0 obj ${p} `.repeat(50), 'latin1'),
      Buffer.from([0xff, 0xd9]),
    ]);
    chunks.push(
      {
        obj: page,
        body: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 ${image} 0 R >> /ProcSet [/PDF /ImageC] >> /Contents ${content} 0 R >>`,
      },
      { obj: content, body: `<< /Length ${contentLength} 0 R >>\nstream\n${draw}\nendstream` },
      { obj: contentLength, body: String(draw.length) },
      {
        obj: image,
        body: Buffer.concat([
          Buffer.from(
            `<< /Type /XObject /Subtype /Image /Width 2480 /Height 3508 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${imageLength} 0 R >>\nstream\n`,
            'latin1',
          ),
          jpeg,
          Buffer.from('\nendstream', 'latin1'),
        ]),
      },
      { obj: imageLength, body: String(jpeg.length) },
    );
  }
  chunks.splice(1, 0, { obj: 2, body: `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>` });
  chunks.push({ obj: n, body: "<< /Producer (Scan2PDF 4.1) /Creator (MFP-C3000) /CreationDate (D:20261201093000+01'00') >>" });
  return buildPdf(chunks, {
    trailer: `/Root 1 0 R /Info ${n} 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]`,
  });
}

/** What a phone app writes: compressed object streams and an xref stream, an image, an opening view, links. */
function phoneAppLike(): Promise<Buffer> {
  return pdfLibDocument({
    objectStreams: true,
    pages: 3,
    edit: async (d) => {
      const image = await d.embedPng(samplePng(120, 160));
      d.getPage(0).drawImage(image, { x: 72, y: 300, width: 240, height: 320 });
      d.setTitle('Scan 2026-12-01');
      d.setProducer('iOS Version 18.1 (Build 22B83) Quartz PDFContext');
      d.catalog.set(PDFName.of('OpenAction'), d.context.obj([d.getPage(0).ref, 'Fit']));
      d.catalog.set(PDFName.of('PageMode'), PDFName.of('UseNone'));
      linkAnnotation(d, { A: d.context.obj({ S: 'URI', URI: PDFString.of('https://www.caf.fr') }) });
    },
  });
}

/** An office suite's export: its opening action is a GoTo action dictionary. */
function officeLike(): Buffer {
  return withCatalog('/OpenAction << /S /GoTo /D [3 0 R /XYZ null null 0] >> /Lang (fr-FR) /ViewerPreferences << /DisplayDocTitle true >>');
}

export async function ordinaryPdfs(): Promise<CorpusFile[]> {
  return [
    { name: 'pdfkit', bytes: await pdfkitDocument() },
    { name: 'scanner-image-only', bytes: scannerLike() },
    { name: 'phone-app-object-streams', bytes: await phoneAppLike() },
    { name: 'pdf-lib-plain', bytes: await pdfLibDocument({ objectStreams: false }) },
    { name: 'office-goto-openaction', bytes: officeLike() },
    { name: 'incremental-update-harmless', bytes: incrementalUpdate('/Lang (fr-FR) /PageLayout /SinglePage') },
    { name: 'sample', bytes: samplePdf() },
  ];
}

/** Writes the corpus to a folder, to open its files with real readers. */
if (process.argv[1]?.endsWith('hostile-pdfs.ts') && process.argv[2]) {
  const dir = process.argv[2];
  mkdirSync(join(dir, 'hostile'), { recursive: true });
  mkdirSync(join(dir, 'ordinary'), { recursive: true });
  for (const f of await hostilePdfs()) writeFileSync(join(dir, 'hostile', `${f.name}.pdf`), f.bytes);
  for (const f of await ordinaryPdfs()) writeFileSync(join(dir, 'ordinary', `${f.name}.pdf`), f.bytes);
  console.log(`corpus written to ${dir}`);
}
