import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../src/db/tables/agents.table';
import { findDemarche, type Demarche } from '../../../src/demarches/repository';
import { MAX_JUSTIFICATIF_BYTES } from '../../../src/justificatifs/validation';
import { createTestAccount, logIn } from '../../support/accounts';
import { useAppWithAgent } from '../../support/agents';
import { TestBrowser, type TestApp } from '../../support/app';
import { sampleExe, sampleJpeg, samplePdf, samplePng, zipTail } from '../../justificatifs/files';
import { pieceAsked as askedOf } from '../../justificatifs/support';

/** Justificatifs in JSON: the same rules as the pages, in the OpenAPI document. */
describe('justificatifs API', () => {
  let t: TestApp;
  let agent: Agent;
  useAppWithAgent((app, a) => {
    t = app;
    agent = a;
  });
  const pieceAsked = () => askedOf(t, agent, 'Une quittance de loyer');
  const add = (b: TestBrowser, d: Demarche, fileName: string, bytes: Buffer) =>
    b.postJson(`/api/demarches/${d.id}/justificatifs`, { fileName, contentBase64: bytes.toString('base64') });

  it('lists the piece asked, adds files (types read from the bytes), sends them, serves them as attachments', async () => {
    const { d, b } = await pieceAsked();
    const before = (await b.get(`/api/demarches/${d.id}/justificatifs`)).json();
    expect(before).toMatchObject({
      demarcheId: d.id,
      status: 'en_attente_de_pieces',
      asked: [{ message: 'Une quittance de loyer' }],
      files: [],
    });
    const pdf = await add(b, d, 'quittance.png', samplePdf());
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({ fileName: 'quittance.pdf', mediaType: 'application/pdf', size: samplePdf().length, pending: true });
    expect((await add(b, d, 'photo', sampleJpeg())).json()).toMatchObject({ mediaType: 'image/jpeg', fileName: 'photo.jpg' });
    // A file of a few megabytes goes through (the route's own body limit, not the API's 64 KiB).
    expect((await add(b, d, 'scan.png', samplePng())).statusCode).toBe(201);
    expect((await add(b, d, 'long.pdf', samplePdf('x'.repeat(4 * 1024 * 1024)))).statusCode).toBe(201);

    const download = await b.get(pdf.json().download);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="quittance.pdf"/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(samplePdf())).toBe(true);

    const sent = await b.postJson(`/api/demarches/${d.id}/justificatifs/envoi`);
    expect(sent.json()).toEqual({ demarcheId: d.id, status: 'en_instruction' });
    expect((await findDemarche(t.ctx.database.db, d.id))!.status).toBe('en_instruction');
    expect((await add(b, d, 'x.pdf', samplePdf())).statusCode).toBe(409);
  });

  it('refuses at the field contentBase64: empty, disguised executable, polyglot, not base64; over 10 MB is a 413', async () => {
    const { d, b } = await pieceAsked();
    for (const [bytes, code] of [
      [Buffer.alloc(0), 'JUSTIFICATIF_EMPTY'],
      [sampleExe(), 'JUSTIFICATIF_WRONG_TYPE'],
      [Buffer.concat([samplePng(), zipTail()]), 'JUSTIFICATIF_REFUSED'],
    ] as const) {
      const r = await add(b, d, 'x.pdf', bytes);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.fields).toEqual([expect.objectContaining({ field: 'contentBase64', code })]);
    }
    const notBase64 = await b.postJson(`/api/demarches/${d.id}/justificatifs`, { fileName: 'x.pdf', contentBase64: 'pas du base64 !' });
    expect(notBase64.json().error.fields[0]).toMatchObject({
      field: 'contentBase64',
      message: 'Le contenu doit être le fichier encodé en base64.',
    });
    const tooBig = await add(b, d, 'gros.pdf', Buffer.concat([samplePdf(), Buffer.alloc(MAX_JUSTIFICATIF_BYTES)]));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('JUSTIFICATIF_TOO_LARGE');
    const none = await b.postJson(`/api/demarches/${d.id}/justificatifs/envoi`);
    expect(none.statusCode).toBe(400);
  });

  it('answers 401 without a session, 404 to another person, and needs a JSON content type', async () => {
    const { d, b } = await pieceAsked();
    expect((await t.app.inject({ method: 'GET', url: `/api/demarches/${d.id}/justificatifs` })).statusCode).toBe(401);
    const other = new TestBrowser(t.app);
    await logIn(t.ctx, other, await createTestAccount(t.ctx));
    expect((await other.get(`/api/demarches/${d.id}/justificatifs`)).statusCode).toBe(404);
    expect((await add(other, d, 'x.pdf', samplePdf())).statusCode).toBe(404);
    expect((await other.postJson(`/api/demarches/${d.id}/justificatifs/envoi`)).statusCode).toBe(404);
    const form = await b.request({
      method: 'POST',
      url: `/api/demarches/${d.id}/justificatifs`,
      payload: 'fileName=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(403);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await new TestBrowser(t.app).get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/demarches/{id}/justificatifs', '/api/demarches/{id}/justificatifs/envoi', '/api/justificatifs/{id}']),
    );
    expect(
      doc.paths['/api/demarches/{id}/justificatifs'].post.requestBody.content['application/json'].schema.properties.contentBase64,
    ).toBeDefined();
  });
});
