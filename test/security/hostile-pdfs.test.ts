import { beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../src/db/tables/agents.table';
import { workerPdfChecker } from '../../src/justificatifs/pdf-checker';
import { listJustificatifs } from '../../src/justificatifs/repository';
import { checkJustificatif } from '../../src/justificatifs/validation';
import { useAppWithAgent } from '../support/agents';
import type { TestApp } from '../support/app';
import { pieceAsked } from '../justificatifs/support';
import { type CorpusFile, hostilePdfs, ordinaryPdfs } from './hostile-pdfs';

/**
 * Issue 20, point 2: PDFs are read by a PDF parser. Every file of the hostile corpus is refused,
 * for its reason; every ordinary one (pdfkit, a scanner, a phone app, an office suite) is accepted.
 */
describe('hostile PDFs', () => {
  let hostile: CorpusFile[];
  let ordinary: CorpusFile[];
  beforeAll(async () => {
    hostile = await hostilePdfs();
    ordinary = await ordinaryPdfs();
  });

  it('refuses every hostile PDF of the corpus, each for its reason', async () => {
    expect(hostile.length).toBeGreaterThanOrEqual(25);
    for (const f of hostile) {
      // Each really is a PDF by its first bytes (or a polyglot around one): the refusal is the check's.
      const r = await checkJustificatif(f.bytes, `${f.name}.pdf`);
      expect(r, f.name).toMatchObject({ ok: false, reason: f.reason });
    }
  });

  it('accepts the ordinary PDFs: pdfkit, a scanner’s images, a phone app’s object streams, an office export', async () => {
    for (const f of ordinary) {
      const r = await checkJustificatif(f.bytes, `${f.name}.pdf`);
      expect(r, f.name).toMatchObject({ ok: true, mediaType: 'application/pdf', size: f.bytes.length });
    }
    // The phone app's file does keep its objects in compressed object streams (what the old check could not read).
    const phone = ordinary.find((f) => f.name === 'phone-app-object-streams')!.bytes.toString('latin1');
    expect(phone).toContain('/ObjStm');
    expect(phone).not.toContain('/OpenAction');
  });

  it('the hostile files differ from an ordinary one by what they hide, not by being unreadable: the script is there', () => {
    const hidden = hostile.find((f) => f.name === 'comment-hidden-openaction')!.bytes.toString('latin1');
    expect(hidden).toMatch(/^% stream$/m);
    expect(hidden).toContain('/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>');
  });
});

describe('the server’s PDF checker, in a thread of its own', () => {
  it('gives the same answers as the rule, one file after the other', async () => {
    const checker = workerPdfChecker();
    try {
      // The parser's answers (polyglots and other types are refused before a PDF is parsed).
      const files = [
        ...(await hostilePdfs()).filter((f) => f.reason !== 'polyglot' && f.reason !== 'wrong_type'),
        ...(await ordinaryPdfs()),
      ];
      const answers = await Promise.all(files.map((f) => checker.check(f.bytes)));
      expect(answers).toEqual(files.map((f) => f.reason));
    } finally {
      await checker.close();
    }
  });

  it('refuses as damaged a file it could not read in time, and carries on with a new thread', async () => {
    const checker = workerPdfChecker({ timeoutMs: 1 });
    try {
      const phone = (await ordinaryPdfs()).find((f) => f.name === 'phone-app-object-streams')!.bytes;
      // 1 ms: the thread has not even started — the limit is reached, whatever the file.
      expect(await checker.check(phone)).toBe('damaged');
      const patient = workerPdfChecker({ timeoutMs: 30_000 });
      expect(await patient.check(phone)).toBeUndefined();
      await patient.close();
    } finally {
      await checker.close();
    }
  });
});

describe('hostile PDFs through POST /api/demarches/:id/justificatifs', () => {
  let t: TestApp;
  let agent: Agent;
  useAppWithAgent((app, a) => {
    t = app;
    agent = a;
  });

  it('refuses the comment-hidden script of issue 20 at the field (400), stores nothing, and accepts a phone app’s PDF', async () => {
    const { d, b } = await pieceAsked(t, agent);
    const add = (name: string, bytes: Buffer) =>
      b.postJson(`/api/demarches/${d.id}/justificatifs`, { fileName: `${name}.pdf`, contentBase64: bytes.toString('base64') });
    for (const f of (await hostilePdfs()).filter((x) =>
      ['comment-hidden-openaction', 'objstm-openaction', 'encrypted', 'xref-into-a-stream'].includes(x.name),
    )) {
      const r = await add(f.name, f.bytes);
      expect(r.statusCode, f.name).toBe(400);
      expect(r.json().error.fields[0], f.name).toMatchObject({
        field: 'contentBase64',
        message: expect.stringMatching(/Le fichier sélectionné/),
      });
    }
    const encrypted = (await hostilePdfs()).find((x) => x.name === 'encrypted')!;
    expect((await add('protege', encrypted.bytes)).json().error.fields[0].message).toMatch(/protégé .* ne peut pas être vérifié/);
    expect(await listJustificatifs(t.ctx.database.db, d.id)).toEqual([]);
    const phone = (await ordinaryPdfs()).find((f) => f.name === 'phone-app-object-streams')!;
    expect((await add('releve', phone.bytes)).statusCode).toBe(201);
  });
});
