/**
 * Justificatifs bench: `npx tsx bench/justificatifs.ts`.
 * Prints the time to check a file's bytes (file-type + structure + polyglot scans) for PDFs and
 * JPEGs of 100 KB to 10 MB (a PNG's check walks its chunk headers: its cost hardly depends on size), then the database adapter's write and read of a 5 MB file on
 * SQLite (in memory) and PostgreSQL (TEST_DATABASE_URL, when set). Figures only, no threshold.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { DatabaseJustificatifStorage } from '../src/justificatifs/storage';
import { checkJustificatif } from '../src/justificatifs/validation';
import { sampleJpeg, samplePdf } from '../test/justificatifs/files';

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

/** A file of about `size` bytes of each type: random text inside a PDF stream, random JPEG comment segments. */
function fileOf(kind: 'pdf' | 'jpeg', size: number): Buffer {
  if (kind === 'pdf') return samplePdf(randomBytes(size).toString('base64').slice(0, size));
  const base = sampleJpeg();
  return Buffer.concat([
    base.subarray(0, 2),
    ...Array.from({ length: Math.ceil(size / 65_000) }, () =>
      Buffer.concat([Buffer.from([0xff, 0xfe, 0xfd, 0xea]), randomBytes(65_000).map((b) => (b === 0xff ? 0 : b))]),
    ),
    base.subarray(2),
  ]);
}

console.log('check of the bytes (median of 9 runs)');
for (const size of [100_000, 1_000_000, 5_000_000, 10_000_000]) {
  const row: string[] = [];
  for (const kind of ['pdf', 'jpeg'] as const) {
    const f = fileOf(kind, size);
    const r = await checkJustificatif(f, `x.${kind}`);
    const ms = await time(9, () => checkJustificatif(f, `x.${kind}`));
    row.push(`${kind} ${(f.length / 1e6).toFixed(1)} MB ${r.ok ? 'ok' : r.reason} ${ms.toFixed(1)} ms`);
  }
  console.log(`  ${row.join(' | ')}`);
}

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
