import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFObjectParser,
  PDFParser,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFXRefStreamParser,
} from 'pdf-lib';

/**
 * A PDF read by a real parser (pdf-lib's), as a PDF reader reads it, to find active content.
 *
 * 1. Every object is parsed, those of the file and those inside object streams (compressed), and
 *    every version of an object (incremental updates) is kept for the walk. A file the parser cannot
 *    read, or with bytes between objects that are not objects (« jibberish »), does not parse.
 * 2. The cross-reference sections a reader follows (from the last `startxref`, through `/Prev` and
 *    `/XRefStm`) must point, entry by entry, at the start of an object the parser read with that
 *    number: an object a reader would find where the parser saw none (inside a stream's bytes, in
 *    a comment, past garbage) makes the file damaged — as does a missing or looping xref, which
 *    sends readers into « repair » modes that each read differently.
 * 3. Every dictionary, array and name of every object and trailer is walked: names are compared
 *    decoded (`/J#61vaScript` is `/JavaScript`), and names pdf-lib could not decode (lower-case
 *    escapes it leaves as they are) are refused as obfuscation. The document's opening action
 *    (`/OpenAction`) may only show a page: a destination, or a GoTo action.
 *
 * Content streams (the drawing of pages) and images are not parsed: their bytes are not objects
 * and a reader never runs them.
 */
export type PdfProblem = 'damaged' | 'encrypted' | 'active_content';

/** Names that are, or hold, something a reader runs or opens: keys or values, anywhere. */
const FORBIDDEN_NAMES = new Set([
  'JavaScript',
  'JS',
  /** additional actions: run on opening a page, focusing a field, closing… */
  'AA',
  'Launch',
  'EmbeddedFiles',
  'EmbeddedFile',
  /** a file specification's embedded file */
  'EF',
  'FileAttachment',
  'RichMedia',
  'RichMediaExecute',
  'RichMediaContent',
  'RichMediaSettings',
  /** XML forms, with their scripts */
  'XFA',
  /** actions that open or send elsewhere: another file, embedded or remote, data to a server */
  'GoToE',
  'GoToR',
  'ImportData',
  'SubmitForm',
  'Rendition',
  'Movie',
  'Sound',
  '3D',
]);

/** What a document may do when opened: show a page (a destination, or a GoTo action). */
const OPEN_ACTIONS_ALLOWED = new Set(['GoTo']);

const NAME_ESCAPE = /#([0-9a-fA-F]{2})/;

/** The parser's internals used below (TypeScript declares them private or protected). */
interface ParserInternals {
  bytes: { offset(): number; moveTo(offset: number): void };
  context: PDFContext;
  parseIndirectObject(): Promise<PDFRef>;
  parseDict(): PDFDict;
  skipJibberish(): void;
  skipWhitespaceAndComments(): void;
  findEndOfStreamFallback(startPos: unknown): number;
  parseDocument(): Promise<PDFContext>;
}

class Refused extends Error {
  constructor(readonly problem: PdfProblem) {
    super(problem);
  }
}

const refKey = (r: PDFRef) => `${r.objectNumber} ${r.generationNumber}`;

/** The problem of a PDF (whose first bytes are `%PDF-`), or undefined when it may be accepted. */
export async function pdfProblem(bytes: Uint8Array): Promise<PdfProblem | undefined> {
  try {
    const parsed = await parse(bytes);
    checkCrossReferences({ bytes, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1') }, parsed);
    for (const o of parsed.objects) walk(o, parsed.context);
    return undefined;
  } catch (e) {
    if (e instanceof Refused) return e.problem;
    return 'damaged';
  }
}

interface Parsed {
  context: PDFContext;
  /** every object parsed, every version of it, those of object streams included */
  objects: PDFObject[];
  /** where the parser read each object of the file: offset → « number generation » */
  starts: Map<number, string>;
}

async function parse(bytes: Uint8Array): Promise<Parsed> {
  // objectsPerTick Infinity: no timers; throwOnInvalidObject: no guessing at broken objects.
  const parser = PDFParser.forBytesWithOptions(bytes, Number.POSITIVE_INFINITY, true) as unknown as ParserInternals;
  const context = parser.context;
  const objects: PDFObject[] = [];
  const starts = new Map<number, string>();
  let encrypted = false;
  let jibberish = false;

  const assign = context.assign.bind(context);
  context.assign = (ref: PDFRef, object: PDFObject) => {
    objects.push(object);
    assign(ref, object);
  };
  const parseIndirectObject = parser.parseIndirectObject.bind(parser);
  parser.parseIndirectObject = async () => {
    const at = parser.bytes.offset();
    const ref = await parseIndirectObject();
    starts.set(at, refKey(ref));
    return ref;
  };
  const parseDict = parser.parseDict.bind(parser);
  parser.parseDict = () => {
    const d = parseDict();
    if (d.has(PDFName.of('Encrypt'))) encrypted = true;
    return d;
  };
  // A stream whose /Length is not a number here (an indirect object, written after the stream by
  // scanners): its data ends at the next `endstream`, found by indexOf — pdf-lib walks byte by byte
  // (seconds for 10 MB).
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  parser.findEndOfStreamFallback = () => {
    const from = parser.bytes.offset();
    const at = buf.indexOf('endstream', from, 'latin1');
    if (at < 0) throw new Refused('damaged');
    let end = at;
    if (end > from && buf[end - 1] === 0x0a) end--;
    if (end > from && buf[end - 1] === 0x0d) end--;
    parser.bytes.moveTo(at + 'endstream'.length);
    return end;
  };
  const skipJibberish = parser.skipJibberish.bind(parser);
  parser.skipJibberish = () => {
    const from = parser.bytes.offset();
    parser.skipWhitespaceAndComments();
    const clean = parser.bytes.offset();
    parser.bytes.moveTo(from);
    skipJibberish();
    if (parser.bytes.offset() !== clean) jibberish = true;
  };

  try {
    await parser.parseDocument();
  } catch {
    // Encrypted object streams cannot be read without the key: say encrypted rather than damaged.
    throw new Refused(encrypted ? 'encrypted' : 'damaged');
  }
  if (encrypted || context.trailerInfo.Encrypt) throw new Refused('encrypted');
  if (jibberish) throw new Refused('damaged');
  return { context, objects, starts };
}

/** The file, as bytes and as a latin1 string (one character per byte: same offsets). */
interface Source {
  bytes: Uint8Array;
  text: string;
}

/** Follows the cross-reference chain as a reader does, checking each entry against what was parsed. */
function checkCrossReferences(src: Source, p: Parsed): void {
  const { bytes, text } = src;
  const last = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-1024));
  if (!last) throw new Refused('damaged');
  const pending = [Number(last[1])];
  const seen = new Set<number>();
  const scratch = PDFContext.create();
  while (pending.length > 0) {
    const offset = pending.pop()!;
    if (seen.has(offset) || offset >= bytes.length) throw new Refused('damaged');
    seen.add(offset);
    const at = offset + /^\s*/.exec(text.slice(offset, offset + 64))![0].length;
    const trailer = text.startsWith('xref', at) ? xrefTable(src, at + 4, p) : xrefStream(src, at, p, scratch);
    walk(trailer, p.context);
    for (const key of ['Prev', 'XRefStm']) {
      const next = trailer.get(PDFName.of(key));
      if (next === undefined) continue;
      if (!(next instanceof PDFNumber)) throw new Refused('damaged');
      pending.push(next.asNumber());
    }
  }
}

/** An object the xref places at `offset` must be one the parser read there, with that number. */
function expectObjectAt(text: string, offset: number, ref: string, p: Parsed): void {
  const at = offset + /^\s*/.exec(text.slice(offset, offset + 64))![0].length;
  if (p.starts.get(at) !== ref) throw new Refused('damaged');
}

const XREF_SUBSECTION = /\s*(\d+)\s+(\d+)[ \t]*\r?\n?/y;
const XREF_ENTRY = /\s*(\d{1,10})\s+(\d{1,5})\s+([nf])/y;
const TRAILER = /\s*trailer\s*/y;

/** A classic `xref` table from `from` (after the keyword), then its trailer dictionary. */
function xrefTable({ bytes, text }: Source, from: number, p: Parsed): PDFDict {
  let at = from;
  for (;;) {
    XREF_SUBSECTION.lastIndex = at;
    const sub = XREF_SUBSECTION.exec(text);
    if (!sub) break;
    at = XREF_SUBSECTION.lastIndex;
    const first = Number(sub[1]);
    for (let i = 0; i < Number(sub[2]); i++) {
      XREF_ENTRY.lastIndex = at;
      const e = XREF_ENTRY.exec(text);
      if (!e) throw new Refused('damaged');
      at = XREF_ENTRY.lastIndex;
      if (e[3] === 'n') expectObjectAt(text, Number(e[1]), `${first + i} ${Number(e[2])}`, p);
    }
  }
  TRAILER.lastIndex = at;
  if (!TRAILER.exec(text)) throw new Refused('damaged');
  const dict = objectAt(bytes.subarray(TRAILER.lastIndex), p.context);
  if (!(dict instanceof PDFDict)) throw new Refused('damaged');
  return dict;
}

/** A cross-reference stream (PDF 1.5), itself an object the parser read at `at`. */
function xrefStream({ bytes, text }: Source, at: number, p: Parsed, scratch: PDFContext): PDFDict {
  const header = /^(\d+)\s+(\d+)\s+obj/.exec(text.slice(at, at + 64));
  if (!header || p.starts.get(at) !== `${Number(header[1])} ${Number(header[2])}`) throw new Refused('damaged');
  const stream = objectAt(bytes.subarray(at + header[0].length), scratch);
  if (!(stream instanceof PDFRawStream) || canonicalName(stream.dict.get(PDFName.of('Type'))) !== 'XRef') throw new Refused('damaged');
  for (const e of PDFXRefStreamParser.forStream(stream).parseIntoContext()) {
    if (e.deleted) continue;
    if (e.inObjectStream) {
      // Read from an object stream: the parser must have found it there (and walked it).
      if (!p.context.lookup(PDFRef.of(e.ref.objectNumber, 0))) throw new Refused('damaged');
    } else expectObjectAt(text, e.offset, refKey(e.ref), p);
  }
  return stream.dict;
}

function objectAt(bytes: Uint8Array, context: PDFContext): PDFObject {
  return PDFObjectParser.forBytes(bytes, context).parseObject();
}

/** Names are interned by pdf-lib (one object per name): each is decoded once. */
const decoded = new WeakMap<PDFName, string>();

/** A name as a reader decodes it; undefined for anything else. */
function canonicalName(o: PDFObject | undefined): string | undefined {
  if (!(o instanceof PDFName)) return undefined;
  let name = decoded.get(o);
  if (name === undefined) {
    name = o.decodeText();
    decoded.set(o, name);
  }
  // pdf-lib decodes only upper-case escapes: a name still escaped is read differently by readers.
  if (NAME_ESCAPE.test(name)) throw new Refused('active_content');
  return name;
}

/** Walks an object (direct values only: indirect ones are walked as objects of their own). */
function walk(o: PDFObject, context: PDFContext): void {
  if (o instanceof PDFName) {
    if (FORBIDDEN_NAMES.has(canonicalName(o)!)) throw new Refused('active_content');
  } else if (o instanceof PDFArray) {
    for (let i = 0; i < o.size(); i++) walk(o.get(i), context);
  } else if (o instanceof PDFStream) {
    // The parser opens object streams and reads xref streams instead of keeping them: one still
    // here was not recognised (its type spelt oddly) and would hide objects a reader sees.
    if (['ObjStm', 'XRef'].includes(canonicalName(o.dict.get(PDFName.of('Type'))) ?? '')) throw new Refused('damaged');
    walk(o.dict, context);
  } else if (o instanceof PDFDict) {
    for (const [key, value] of o.entries()) {
      const name = canonicalName(key)!;
      if (FORBIDDEN_NAMES.has(name)) throw new Refused('active_content');
      if (name === 'OpenAction') checkOpenAction(value, context);
      walk(value, context);
    }
  }
}

/** The document's opening action: a destination, or an action that goes to a page. */
function checkOpenAction(value: PDFObject, context: PDFContext): void {
  const action = value instanceof PDFRef ? context.lookup(value) : value;
  if (action === undefined || action instanceof PDFArray || action instanceof PDFName) return;
  if (!(action instanceof PDFDict) || !OPEN_ACTIONS_ALLOWED.has(canonicalName(action.get(PDFName.of('S'))) ?? ''))
    throw new Refused('active_content');
}
