import { crc32, deflateSync } from 'node:zlib';

/** Small, valid files of each accepted type, and bad ones, built in code (no binary fixtures in the repository). */
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A width × height grey PNG (`padding` bytes of extra pixel rows make it bigger). */
export function samplePng(width = 4, height = 4): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal JFIF: SOI, APP0, a comment, EOI. */
export function sampleJpeg(): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x0e]), Buffer.from('justificatif', 'latin1')]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, comment, Buffer.from([0xff, 0xd9])]);
}

/** A piece of a PDF's body: an object (`n 0 obj … endobj`, listed in the xref) or bytes as they are. */
export type PdfChunk = { obj: number; body: string | Buffer } | { raw: string | Buffer };

const bytesOf = (x: string | Buffer) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : x);

/**
 * A PDF from its pieces, with the cross-reference table a writer would make (each object's offset)
 * and a trailer (`/Size` and `trailer`, e.g. `/Root 1 0 R`).
 */
export function buildPdf(chunks: readonly PdfChunk[], o: { trailer?: string; version?: string } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from(`%PDF-${o.version ?? '1.4'}\n%\xe2\xe3\xcf\xd3\n`, 'latin1')];
  let at = parts[0]!.length;
  const offsets = new Map<number, number>();
  for (const c of chunks) {
    const b = 'obj' in c ? Buffer.concat([Buffer.from(`${c.obj} 0 obj\n`), bytesOf(c.body), Buffer.from('\nendobj\n')]) : bytesOf(c.raw);
    if ('obj' in c) offsets.set(c.obj, at);
    parts.push(b);
    at += b.length;
  }
  const size = Math.max(0, ...offsets.keys()) + 1;
  const rows = ['0000000000 65535 f\r\n'];
  for (let n = 1; n < size; n++) {
    const off = offsets.get(n);
    rows.push(off === undefined ? '0000000000 00001 f\r\n' : `${String(off).padStart(10, '0')} 00000 n\r\n`);
  }
  parts.push(
    Buffer.from(
      `xref\n0 ${size}\n${rows.join('')}trailer\n<< /Size ${size} ${o.trailer ?? '/Root 1 0 R'} >>\nstartxref\n${at}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

/** A one-page PDF saying `text` (`extra`: more entries of its catalogue). */
export function samplePdf(text = 'Avis d impot 2026', extra = ''): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  return buildPdf([
    { obj: 1, body: `<< /Type /Catalog /Pages 2 0 R ${extra}>>` },
    { obj: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    { obj: 3, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>' },
    { obj: 4, body: `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream` },
    { obj: 5, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' },
  ]);
}

/** A Windows executable's first bytes (MZ header), whatever name it is given. */
export function sampleExe(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return b;
}

/** A ZIP archive's end-of-central-directory record (an empty archive): appended to a file, a ZIP reader opens it. */
export function zipTail(): Buffer {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  return b;
}
