import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/accounts/repository';
import { actOnDemarche } from '../../../src/agents/instruction';
import type { Agent } from '../../../src/db/tables/agents.table';
import { findDemarche } from '../../../src/demarches/repository';
import { createHousehold, setProcuration } from '../../../src/household/repository';
import { listJustificatifs } from '../../../src/justificatifs/repository';
import { MAX_JUSTIFICATIF_BYTES } from '../../../src/justificatifs/validation';
import { assetUrl } from '../../../src/http/assets';
import { UPLOAD_SCRIPT } from '../../../src/http/views/file-upload';
import { logInAgent } from '../gestion/helpers';
import { auditTypes, createTestAccount, logIn } from '../../support/accounts';
import { location, submitRefused, text } from '../../support/http';
import { useAppWithAgent } from '../../support/agents';
import { addAccountMember } from '../../support/household';
import { TestBrowser, type TestApp } from '../../support/app';
import { sampleExe, sampleJpeg, samplePdf, samplePng, zipTail } from '../../justificatifs/files';
import { pieceAsked as askedOf, sentDemarche, upload } from '../../justificatifs/support';

/**
 * « À transmettre » through HTTP: a piece asked by the Caf, the person adds files (each checked by
 * its bytes), sends them; who may download them, and only as a download.
 */
describe('justificatifs (person side)', () => {
  let t: TestApp;
  let agent: Agent;
  useAppWithAgent((app, a) => {
    t = app;
    agent = a;
  });
  const origin = { ip: '127.0.0.1', userAgent: null };

  const pieceAsked = () => askedOf(t, agent);

  it('shows « À transmettre » in « Mes démarches », and the piece asked on its page', async () => {
    const { d, b } = await pieceAsked();
    const list = await b.get('/mon-espace/demarches');
    expect(list.body).toContain('<strong class="govuk-tag govuk-tag--orange">À transmettre</strong>');
    expect(list.body).toContain(`href="/mon-espace/demarches/${d.id}/justificatifs">Transmettre un justificatif</a>`);
    const page = await b.get(`/mon-espace/demarches/${d.id}/justificatifs`);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('La Caf vous demande');
    expect(text(page.body)).toContain('Votre dernier avis d’imposition');
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain(`<script src="${assetUrl(UPLOAD_SCRIPT)}" defer></script>`);
  });

  it('answers a malformed multipart body (cut short, no closing boundary) with a 400, never a 500', async () => {
    // Signed in, on a démarche awaiting a piece: without, the request is refused before its body is read (test/security).
    const { d, b } = await pieceAsked();
    for (const payload of ['_csrf=x', '--x\r\nContent-Disposition: form-data; name="fichier"\r\n\r\nabc']) {
      const res = await b.request({
        method: 'POST',
        url: `/mon-espace/demarches/${d.id}/justificatifs`,
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Certaines informations sont à corriger.');
    }
  });

  it('accepts a PDF, a JPEG and a PNG, stores them with their SHA-256, then sends them to the Caf', async () => {
    const { person, d, b } = await pieceAsked();
    for (const [bytes, filename] of [
      [samplePdf(), 'avis d’impôt.pdf'],
      [sampleJpeg(), 'photo.jpeg'],
      [samplePng(), '../../scan.png'],
    ] as const) {
      const r = await upload(b, d.id, { filename, bytes });
      expect(r.statusCode, r.body.slice(0, 400)).toBe(303);
      expect(location(r)).toBe(`/mon-espace/demarches/${d.id}/justificatifs`);
      await b.get(location(r));
      t.clock.advance(1000);
    }
    // A file of several megabytes goes through (the server's 64 KiB body limit is for forms and JSON).
    const big = await upload(b, d.id, { filename: 'bail.pdf', bytes: samplePdf('x'.repeat(6 * 1024 * 1024)) });
    expect(big.statusCode).toBe(303);
    const files = (await listJustificatifs(t.ctx.database.db, d.id)).filter((f) => f.file_name !== 'bail.pdf');
    expect(files.map((f) => [f.file_name, f.media_type, f.uploaded_by])).toEqual([
      ['avis d’impôt.pdf', 'application/pdf', person.id],
      ['photo.jpg', 'image/jpeg', person.id],
      ['scan.png', 'image/png', person.id],
    ]);
    expect(files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(text(b.lastHtml)).toContain('Fichiers pas encore envoyés');
    expect(b.lastHtml).toContain('<strong class="govuk-tag govuk-tag--yellow">Pas encore envoyé</strong>');

    const sent = await b.post(`/mon-espace/demarches/${d.id}/justificatifs/envoyer`, {});
    expect(location(sent)).toBe(`/mon-espace/demarches/${d.id}/justificatifs`);
    expect((await findDemarche(t.ctx.database.db, d.id))!.status).toBe('en_instruction');
    const after = await b.get(location(sent));
    expect(text(after.body)).toContain('Justificatifs transmis');
    expect(text(after.body)).toContain('Justificatifs déjà transmis');
    expect((await b.get('/mon-espace/demarches')).body).not.toContain('À transmettre');
    // Nothing asked any more: a new file is refused.
    expect((await upload(b, d.id, { filename: 'x.pdf', bytes: samplePdf() })).statusCode).toBe(409);
    expect(await auditTypes(t.ctx, person.id)).toContain('justificatif_uploaded');
  });

  it('refuses at the field: no file, an empty file, a disguised executable, a polyglot, a text file — and stores nothing', async () => {
    const { person, d, b } = await pieceAsked();
    const notKept = 'Ce fichier n’a pas été gardé : sélectionnez de nouveau un fichier.';
    const cases: [{ filename: string; bytes: Buffer } | undefined, string][] = [
      [undefined, 'Sélectionnez un fichier.'],
      [{ filename: '', bytes: Buffer.alloc(0) }, 'Sélectionnez un fichier.'],
      [{ filename: 'vide.pdf', bytes: Buffer.alloc(0) }, `Le fichier « vide.pdf » est vide. ${notKept}`],
      [{ filename: 'facture.pdf', bytes: sampleExe() }, `Le fichier « facture.pdf » doit être un PDF, un JPEG ou un PNG. ${notKept}`],
      [
        { filename: 'C:\\Documents\\lettre\u202e.pdf', bytes: Buffer.from('Bonjour') },
        `Le fichier « lettre.pdf » doit être un PDF, un JPEG ou un PNG. ${notKept}`,
      ],
      [{ filename: 'photo.png', bytes: Buffer.concat([samplePng(), zipTail()]) }, 'contient autre chose qu’un document ou une image'],
      [
        { filename: 'avis.pdf', bytes: samplePdf('x', '/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ') },
        'contient autre chose qu’un document ou une image',
      ],
    ];
    const page = `/mon-espace/demarches/${d.id}/justificatifs`;
    for (const [file, message] of cases) {
      await b.get(page);
      // Back to the page (303): the error once at the field, the file field empty, and said so when a file was chosen.
      const r = await upload(b, d.id, file && { ...file, type: 'application/pdf' });
      expect(location(r), message).toBe(page);
      const shown = await b.get(page);
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain('<title>Erreur\u00a0: Transmettre un justificatif');
      expect(shown.body).toContain('<p id="fichier-error" class="govuk-error-message">');
      expect(text(shown.body)).toContain(message);
      if (file?.filename) expect(text(shown.body)).toContain(notKept);
      else expect(text(shown.body)).not.toContain(notKept);
      expect((await b.get(page)).body).not.toContain('govuk-error-summary');
    }
    expect(await listJustificatifs(t.ctx.database.db, d.id)).toEqual([]);
    const refused = await t.ctx.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('account_id', '=', person.id)
      .where('type', '=', 'justificatif_refused')
      .execute();
    expect(refused.map((r) => JSON.parse(r.details).reason)).toEqual(['empty', 'wrong_type', 'wrong_type', 'polyglot', 'active_content']);
    expect(JSON.parse(refused[1]!.details).detected).toBe('exe');
  });

  it('« Envoyer à la Caf » without a file: back to the page, which says to add one first', async () => {
    const { d, b } = await pieceAsked();
    await b.get(`/mon-espace/demarches/${d.id}/justificatifs`);
    const shown = await submitRefused(
      b,
      `/mon-espace/demarches/${d.id}/justificatifs/envoyer`,
      {},
      `/mon-espace/demarches/${d.id}/justificatifs`,
    );
    expect(text(shown.body)).toContain('Ajoutez au moins un fichier avant de l’envoyer à la Caf.');
    expect((await findDemarche(t.ctx.database.db, d.id))!.status).toBe('en_attente_de_pieces');
  });

  it('answers a file over 10 MB with the 413 page, and stores nothing', async () => {
    const { d, b } = await pieceAsked();
    await b.get(`/mon-espace/demarches/${d.id}/justificatifs`);
    const r = await upload(b, d.id, { filename: 'gros.pdf', bytes: Buffer.concat([samplePdf(), Buffer.alloc(MAX_JUSTIFICATIF_BYTES)]) });
    expect(r.statusCode).toBe(413);
    expect(r.body).toContain('<h1 class="govuk-heading-l">Le fichier est trop volumineux</h1>');
    expect(r.body).toContain(`href="/mon-espace/demarches/${d.id}/justificatifs"`);
    expect(await listJustificatifs(t.ctx.database.db, d.id)).toEqual([]);
  });

  it('needs the CSRF token: as a form field or an X-CSRF-Token header', async () => {
    const { d, b } = await pieceAsked();
    await b.get(`/mon-espace/demarches/${d.id}/justificatifs`);
    const without = await upload(b, d.id, { filename: 'a.pdf', bytes: samplePdf() }, { csrf: false });
    expect(without.statusCode).toBe(403);
    const crossSite = await upload(b, d.id, { filename: 'a.pdf', bytes: samplePdf() }, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(403);
    const header = await upload(
      b,
      d.id,
      { filename: 'a.pdf', bytes: samplePdf() },
      { csrf: false, headers: { 'x-csrf-token': b.csrfToken() } },
    );
    expect(header.statusCode).toBe(303);
  });

  it('lets those who manage the dossier see the household’s files, and not the other members', async () => {
    const db = t.ctx.database.db;
    const [resp, conjoint, child] = [await createTestAccount(t.ctx), await createTestAccount(t.ctx), await createTestAccount(t.ctx)];
    const householdId = await createHousehold(db, String(1000000 + Math.floor(Math.random() * 8999999)), t.ctx.clock.now());
    const member = (a: Account, role: 'responsable' | 'conjoint' | 'enfant', birth: string, procuration = false) =>
      addAccountMember(db, householdId, a, { birth_date: birth, role, has_procuration: procuration, joined_at: t.ctx.clock.now() });
    await member(resp, 'responsable', '1980-01-01');
    const c = await member(conjoint, 'conjoint', '1982-01-01', true);
    await member(child, 'enfant', '2009-01-01');
    let d = await sentDemarche(t.ctx, resp, { householdId });
    d = await actOnDemarche(t.ctx, { agent, demarcheId: d.id, event: 'start_instruction', version: d.version, origin });
    d = await actOnDemarche(t.ctx, { agent, demarcheId: d.id, event: 'request_documents', reason: 'Un RIB', version: d.version, origin });
    // The conjoint with the autorisation de gestion sends the piece for the household…
    const cb = new TestBrowser(t.app);
    await logIn(t.ctx, cb, conjoint);
    await cb.get(`/mon-espace/demarches/${d.id}/justificatifs`);
    expect((await upload(cb, d.id, { filename: 'rib.png', bytes: samplePng() })).statusCode).toBe(303);
    const [file] = await listJustificatifs(db, d.id);
    expect(file!.uploaded_by).toBe(conjoint.id);
    // …the responsable reads it; the child over 15 does not.
    const rb = new TestBrowser(t.app);
    await logIn(t.ctx, rb, resp);
    expect((await rb.get(`/mon-espace/justificatifs/${file!.id}`)).statusCode).toBe(200);
    const kb = new TestBrowser(t.app);
    await logIn(t.ctx, kb, child);
    expect((await kb.get(`/mon-espace/justificatifs/${file!.id}`)).statusCode).toBe(404);
    // Once the procuration is taken back, the conjoint loses access at the next request.
    await setProcuration(db, c.id, false, t.ctx.clock.now());
    expect((await cb.get(`/mon-espace/justificatifs/${file!.id}`)).statusCode).toBe(404);
  });

  it('serves a file only as a download, and only to the person, the dossier’s managers and agents', async () => {
    const { d, b } = await pieceAsked();
    await b.get(`/mon-espace/demarches/${d.id}/justificatifs`);
    await upload(b, d.id, { filename: 'avis.pdf', bytes: samplePdf() });
    const [file] = await listJustificatifs(t.ctx.database.db, d.id);
    const own = await b.get(`/mon-espace/justificatifs/${file!.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toBe('attachment; filename="avis.pdf"; filename*=UTF-8\'\'avis.pdf');
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(own.rawPayload.equals(samplePdf())).toBe(true);

    // Another person (another household, or none) gets the same answer as for a file that does not exist.
    const other = new TestBrowser(t.app);
    await logIn(t.ctx, other, await createTestAccount(t.ctx));
    const refused = await other.get(`/mon-espace/justificatifs/${file!.id}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-disposition']).toBeUndefined();
    expect((await other.get('/mon-espace/justificatifs/inconnu')).statusCode).toBe(404);
    expect((await other.get(`/mon-espace/demarches/${d.id}/justificatifs`)).statusCode).toBe(404);
    // Not signed in: to the login page.
    expect(location(await new TestBrowser(t.app).get(`/mon-espace/justificatifs/${file!.id}`))).toBe('/connexion');

    // An agent, on the Caf side.
    const a = new TestBrowser(t.app);
    await logInAgent(t.ctx, a, agent);
    const byAgent = await a.get(`/gestion/justificatifs/${file!.id}`);
    expect(byAgent.statusCode).toBe(200);
    expect(byAgent.headers['content-disposition']).toMatch(/^attachment;/);
    expect(await auditTypes(t.ctx, agent.id)).toContain('agent_justificatif_downloaded');
  });
});
