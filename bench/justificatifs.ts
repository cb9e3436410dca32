/**
 * Justificatifs bench: `npx tsx bench/justificatifs.ts`.
 * Prints the time to check a file's bytes (file-type + structure + polyglot scans + the PDF parser)
 * for PDFs (a text, a scanner's) and JPEGs of 100 KB to 10 MB, for long PDFs with object streams,
 * and a 10 MB PDF checked in the server's PDF thread with the event loop's longest pause meanwhile
 * (a PNG's check walks its chunk headers: its cost hardly depends on size), then the database
 * adapter's write and read of a 5 MB file on
 * SQLite (in memory) and PostgreSQL (TEST_DATABASE_URL, when set). Figures only, no threshold.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { DatabaseJustificatifStorage } from '../src/justificatifs/storage';
import { checkJustificatif } from '../src/justificatifs/validation';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { workerPdfChecker } from '../src/justificatifs/pdf-checker';
import { buildPdf, sampleJpeg, samplePdf } from '../test/justificatifs/files';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(runs: number, f: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

/**
 * A file of about `size` bytes of each kind: random text inside a PDF stream (a /Length written in
 * the dictionary), a scanner's PDF (random image bytes, /Length an indirect object, so that the end
 * of the stream is searched), random JPEG comment segments.
 */
function fileOf(kind: Kind, size: number): Buffer {
  if (kind === 'pdf') return samplePdf(randomBytes(size).toString('base64').slice(0, size));
  if (kind === 'pdf-scan') {
    const image = randomBytes(size).map((b) => (b === 0x65 ? 0 : b)); // no « e »: no « endstream » by chance
    return buildPdf([
      { obj: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { obj: 2, body: '<< /Type /Pages /Kids [] /Count 0 >>' },
      {
        obj: 3,
        body: Buffer.concat([
          Buffer.from('<< /Subtype /Image /Filter /DCTDecode /Length 4 0 R >>\nstream\n'),
          image,
          Buffer.from('\nendstream'),
        ]),
      },
      { obj: 4, body: String(image.length) },
    ]);
  }
  const base = sampleJpeg();
  return Buffer.concat([
    base.subarray(0, 2),
    ...Array.from({ length: Math.ceil(size / 65_000) }, () =>
      Buffer.concat([Buffer.from([0xff, 0xfe, 0xfd, 0xea]), randomBytes(65_000).map((b) => (b === 0xff ? 0 : b))]),
    ),
    base.subarray(2),
  ]);
}

/** A long document as a phone app or a word processor writes it: `pages` pages of text, object streams. */
async function manyObjects(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage();
    for (let j = 0; j < 10; j++) page.drawText(`Ligne ${j}, page ${i}`, { x: 50, y: 800 - j * 20, font, size: 10 });
  }
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

type Kind = 'pdf' | 'pdf-scan' | 'jpeg';
console.log('check of the bytes, in this thread (median of 9 runs)');
for (const size of [100_000, 1_000_000, 5_000_000, 10_000_000]) {
  const row: string[] = [];
  for (const kind of ['pdf', 'pdf-scan', 'jpeg'] as const) {
    const f = fileOf(kind, size);
    const r = await checkJustificatif(f, `x.${kind}`);
    const ms = await time(9, () => checkJustificatif(f, `x.${kind}`));
    row.push(`${kind} ${(f.length / 1e6).toFixed(1)} MB ${r.ok ? 'ok' : r.reason} ${ms.toFixed(1)} ms`);
  }
  console.log(`  ${row.join(' | ')}`);
}
for (const pages of [200, 2000]) {
  const f = await manyObjects(pages);
  const ms = await time(5, () => checkJustificatif(f, 'x.pdf'));
  console.log(`  pdf of ${pages} pages with object streams (${(f.length / 1e6).toFixed(1)} MB) ${ms.toFixed(1)} ms (median of 5)`);
}

// The server's way: in the PDF thread (src/justificatifs/pdf-checker.ts); the event loop's longest
// pause while 10 MB PDFs are checked tells what other requests wait.
const checker = workerPdfChecker();
await checker.check(samplePdf()); // the thread's start
const scan = fileOf('pdf-scan', 10_000_000);
let longest = 0;
let last = performance.now();
const tick = setInterval(() => {
  const now = performance.now();
  longest = Math.max(longest, now - last);
  last = now;
}, 1);
const inThread = await time(5, () => checker.check(scan));
clearInterval(tick);
await checker.close();
console.log(
  `  pdf-scan 10 MB in the PDF thread: ${inThread.toFixed(1)} ms (median of 5), longest event-loop pause meanwhile ${longest.toFixed(1)} ms`,
);

const urls = ['sqlite::memory:', ...(process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : [])];
const file = samplePdf('y'.repeat(5_000_000));
for (const url of urls) {
  const h = await openDatabase(url);
  await migrate(h);
  const storage = new DatabaseJustificatifStorage(h.db);
  const keys: string[] = [];
  const put = await time(5, async () => keys.push(await storage.put(file, Date.now())));
  const get = await time(5, () => storage.get(keys[0]!));
  for (const k of keys) await storage.delete(k);
  console.log(`database adapter on ${url.split(':')[0]}: write 5 MB ${put.toFixed(1)} ms, read ${get.toFixed(1)} ms (median of 5)`);
  await h.destroy();
}
