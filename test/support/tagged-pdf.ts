import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  type PDFBool,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  PDFHexString,
  type PDFObject,
} from 'pdf-lib';

/**
 * What a screen reader finds in a PDF, read with a real parser (pdf-lib): whether it says it is
 * tagged, its language, whether the reader shows its title, the title, the structure tree (element
 * types in reading order, with their depth), and whether every text of its pages sits inside
 * marked content (a text outside any is invisible to assistive technology).
 */
export interface PdfTags {
  marked: boolean;
  lang: string | undefined;
  displayDocTitle: boolean;
  title: string | undefined;
  /** the structure elements in reading order: « Document », « H1 », « P »… */
  structure: string[];
  /** texts (BT … ET) of the pages outside any marked content (BDC/BMC … EMC) */
  untaggedTexts: number;
  /** texts of the pages, all told */
  texts: number;
}

const str = (o: PDFObject | undefined) =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : o instanceof PDFName ? o.decodeText() : undefined;

/** The bytes of a stream, inflated when compressed. */
function streamText(s: PDFRawStream): string {
  const filter = str(s.dict.get(PDFName.of('Filter')));
  return (filter === 'FlateDecode' ? inflateSync(s.contents) : Buffer.from(s.contents)).toString('latin1');
}

/** A ToUnicode CMap as pdfkit writes it (bfrange arrays, and bfchar): glyph code → text. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  // A ligature maps to several characters: « <0066 0069> » is « fi ».
  const utf16 = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex').swap16().toString('utf16le');
  for (const m of cmap.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
    const start = Number.parseInt(m[1]!, 16);
    let code = start;
    for (const u of m[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)) map.set((code++).toString(16).padStart(4, '0'), utf16(u[1]!));
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(m[1]!.toLowerCase().padStart(4, '0'), utf16(m[2]!));
  return map;
}

/**
 * The text of a PDF written by pdfkit with embedded fonts, one line per text object, decoded
 * through each font's ToUnicode CMap — what a screen reader or a copy-paste gets.
 */
export async function readPdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const deref = (o: PDFObject | undefined) => (o instanceof PDFRef ? pdf.context.lookup(o) : o);
  const lines: string[] = [];
  for (const page of pdf.getPages()) {
    const fonts = new Map<string, Map<string, string>>();
    const resources = deref(page.node.get(PDFName.of('Resources'))) as PDFDict | undefined;
    const fontDict = deref(resources?.get(PDFName.of('Font'))) as PDFDict | undefined;
    for (const [name, ref] of fontDict?.entries() ?? []) {
      const cmap = deref((deref(ref) as PDFDict).get(PDFName.of('ToUnicode')));
      if (cmap instanceof PDFRawStream) fonts.set(name.decodeText(), toUnicode(streamText(cmap)));
    }
    const contents = deref(page.node.get(PDFName.of('Contents')));
    for (const s of contents instanceof PDFArray ? contents.asArray().map(deref) : [contents]) {
      if (!(s instanceof PDFRawStream)) continue;
      let font = new Map<string, string>();
      for (const obj of streamText(s)
        .split(/\bBT\b/)
        .slice(1)) {
        let line = '';
        for (const m of obj.matchAll(/\/([A-Za-z0-9]+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ/g)) {
          if (m[1]) font = fonts.get(m[1]) ?? new Map();
          else
            for (const h of m[2]!.matchAll(/<([0-9a-fA-F]+)>/g))
              for (let i = 0; i < h[1]!.length; i += 4) line += font.get(h[1]!.slice(i, i + 4).toLowerCase()) ?? '';
        }
        lines.push(line);
      }
    }
  }
  return lines.join('\n');
}

export async function readPdfTags(bytes: Uint8Array): Promise<PdfTags> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = pdf.context;
  const catalog = pdf.catalog;
  const deref = (o: PDFObject | undefined) => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const markInfo = deref(catalog.get(PDFName.of('MarkInfo'))) as PDFDict | undefined;
  const prefs = deref(catalog.get(PDFName.of('ViewerPreferences'))) as PDFDict | undefined;
  const structure: string[] = [];
  const walk = (o: PDFObject | undefined): void => {
    const d = deref(o);
    if (d instanceof PDFArray) {
      for (const x of d.asArray()) walk(x);
      return;
    }
    if (!(d instanceof PDFDict)) return;
    const s = str(d.get(PDFName.of('S')));
    if (s) structure.push(s);
    walk(d.get(PDFName.of('K')));
  };
  const root = deref(catalog.get(PDFName.of('StructTreeRoot'))) as PDFDict | undefined;
  if (root) walk(root.get(PDFName.of('K')));

  let untaggedTexts = 0;
  let texts = 0;
  for (const page of pdf.getPages()) {
    const contents = deref(page.node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray().map(deref) : [contents];
    for (const s of streams) {
      if (!(s instanceof PDFRawStream)) continue;
      const content = streamText(s);
      let depth = 0;
      for (const m of content.matchAll(/(?:^|\s)(BDC|BMC|EMC|BT)(?=\s|$)/g)) {
        if (m[1] === 'EMC') depth--;
        else if (m[1] === 'BT') {
          texts++;
          if (depth <= 0) untaggedTexts++;
        } else depth++;
      }
    }
  }
  const info = deref(pdf.context.trailerInfo.Info) as PDFDict | undefined;
  return {
    marked: (deref(markInfo?.get(PDFName.of('Marked'))) as PDFBool | undefined)?.asBoolean() ?? false,
    lang: str(deref(catalog.get(PDFName.of('Lang')))),
    displayDocTitle: (deref(prefs?.get(PDFName.of('DisplayDocTitle'))) as PDFBool | undefined)?.asBoolean() ?? false,
    title: str(deref(info?.get(PDFName.of('Title')))),
    structure,
    untaggedTexts,
    texts,
  };
}
