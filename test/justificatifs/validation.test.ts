import { describe, expect, it } from 'vitest';
import { MAX_JUSTIFICATIF_BYTES, checkJustificatif, sanitiseFileName } from '../../src/justificatifs/validation';
import { sampleExe, sampleJpeg, samplePdf, samplePng, zipTail } from './files';

/** The rules of a justificatif's bytes: the accepted types, and every way of disguising something else. */
describe('checkJustificatif', () => {
  it('accepts a PDF, a JPEG and a PNG, whatever their declared names, with their SHA-256', async () => {
    const cases = [
      [samplePdf(), 'avis.pdf', 'application/pdf', 'avis.pdf'],
      [sampleJpeg(), 'photo.JPG', 'image/jpeg', 'photo.jpg'],
      [samplePng(), 'scan', 'image/png', 'scan.png'],
      [samplePdf(), 'quittance.png', 'application/pdf', 'quittance.pdf'],
    ] as const;
    for (const [bytes, name, mediaType, fileName] of cases) {
      const r = await checkJustificatif(bytes, name);
      expect(r).toMatchObject({ ok: true, mediaType, fileName, size: bytes.length });
      if (r.ok) expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses an empty file and a file over 10 MB', async () => {
    expect(await checkJustificatif(new Uint8Array(0), 'vide.pdf')).toEqual({ ok: false, reason: 'empty' });
    const big = Buffer.concat([samplePdf(), Buffer.alloc(MAX_JUSTIFICATIF_BYTES)]);
    expect(await checkJustificatif(big, 'gros.pdf')).toEqual({ ok: false, reason: 'too_large' });
  });

  it('refuses a disguised executable, a script, text and other types, by their bytes', async () => {
    expect(await checkJustificatif(sampleExe(), 'facture.pdf')).toMatchObject({ ok: false, reason: 'wrong_type', detected: 'exe' });
    expect(await checkJustificatif(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'photo.png')).toMatchObject({
      ok: false,
      reason: 'wrong_type',
      detected: 'script',
    });
    expect(await checkJustificatif(Buffer.from('Bonjour, voici mon justificatif.'), 'lettre.pdf')).toMatchObject({
      ok: false,
      reason: 'wrong_type',
    });
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    expect(await checkJustificatif(gif, 'image.png')).toMatchObject({ ok: false, reason: 'wrong_type', detected: 'gif' });
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), zipTail()]);
    expect(await checkJustificatif(zip, 'dossier.pdf')).toMatchObject({ ok: false, reason: 'wrong_type' });
  });

  it('refuses polyglots: data after the end of a PNG, a JPEG or a PDF, a ZIP inside, markup, a PDF header not at the start', async () => {
    const polyglots: [Buffer, string][] = [
      [Buffer.concat([samplePng(), zipTail()]), 'png + zip'],
      [Buffer.concat([samplePng(), Buffer.from('<script>alert(1)</script>')]), 'png + script'],
      [Buffer.concat([sampleJpeg(), Buffer.from('PK\x03\x04 more', 'latin1')]), 'jpeg + data'],
      [Buffer.concat([samplePdf(), Buffer.from('MZ\x90\x00', 'latin1')]), 'pdf + exe'],
      [Buffer.concat([samplePdf().subarray(0, 200), Buffer.from('<html><body>'), samplePdf().subarray(200)]), 'pdf + html'],
      [Buffer.concat([Buffer.from('<html><!-- '), samplePdf()]), 'html then pdf'],
    ];
    for (const [bytes, label] of polyglots) expect((await checkJustificatif(bytes, 'x.pdf')).ok, label).toBe(false);
    expect(await checkJustificatif(Buffer.concat([samplePng(), zipTail()]), 'x.png')).toMatchObject({ reason: 'polyglot' });
    // A ZIP directory embedded before the PDF's end still opens in a ZIP reader.
    const pdf = samplePdf().toString('latin1');
    const withZip = Buffer.from(pdf.replace('trailer', `${zipTail().toString('latin1')}\ntrailer`), 'latin1');
    expect(await checkJustificatif(withZip, 'x.pdf')).toMatchObject({ ok: false, reason: 'polyglot' });
  });

  it('refuses PDFs with JavaScript, a launch action or embedded files, even with escaped names', async () => {
    for (const extra of [
      '/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ',
      '/OpenAction << /S /Launch /F (cmd.exe) >> ',
      '/Names << /EmbeddedFiles 6 0 R >> ',
      '/AA << /O << /S /J#61vaScript >> >> ',
    ]) {
      expect(await checkJustificatif(samplePdf('x', extra), 'x.pdf'), extra).toMatchObject({ ok: false, reason: 'active_content' });
    }
  });

  it('does not take the bytes of a stream for active content (an image or a compressed page may hold « /JS » by chance)', async () => {
    expect(await checkJustificatif(samplePdf('see /JS) Tj (and /Launch'), 'x.pdf')).toMatchObject({ ok: true });
  });

  it('refuses a truncated PNG and a JPEG without its end', async () => {
    expect(await checkJustificatif(samplePng().subarray(0, 40), 'x.png')).toMatchObject({ ok: false, reason: 'damaged' });
    expect(await checkJustificatif(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02]), 'x.jpg')).toMatchObject({
      ok: false,
      reason: 'damaged',
    });
  });
});

describe('sanitiseFileName', () => {
  it('keeps the last path segment, readable characters, and the real type as extension', () => {
    expect(sanitiseFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(sanitiseFileName('C:\\Users\\léa\\avis d’impôt 2026.PDF.exe', 'pdf')).toBe('avis d’impôt 2026.pdf');
    expect(sanitiseFileName('fiche\u0000de\u202epaie<script>.png', 'png')).toBe('fichedepaiescript.png');
    expect(sanitiseFileName('...', 'jpg')).toBe('justificatif.jpg');
    expect(sanitiseFileName('   .htaccess', 'png')).toBe('htaccess.png');
    expect(sanitiseFileName(`${'a'.repeat(300)}.pdf`, 'pdf')).toBe(`${'a'.repeat(100)}.pdf`);
    expect(sanitiseFileName('e\u0301te\u0301.jpg', 'jpg')).toBe('été.jpg');
  });
});
