import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { buildTestApp, TestBrowser, type TestApp } from '../../support/app';
import { auditTypes, logIn } from '../../support/accounts';
import { api } from '../../household/support';
import { dossierWithPayments } from '../../attestations/support';
import { frenchValidUntil } from '../../../src/shared/french-time';
import { submitRefused, text } from '../../support/http';

/** « Mes attestations » through HTTP: issuing, the PDF, the list with its counts, revoking, who may issue. */
describe('« Mes attestations »', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { LOGIN_SECOND_FACTOR: 'false' } });
  });
  afterAll(() => t.close());

  const paid = [
    { prestation: 'aide-au-logement', months: ['2026-09', '2026-10'], cents: 24_550 },
    { prestation: 'aeeh', months: ['2026-10'], cents: 14_900 },
  ];
  async function signedIn(o: Parameters<typeof dossierWithPayments>[1] = {}) {
    const d = await dossierWithPayments(t.ctx, { paid, ...o });
    const b = new TestBrowser(t.app);
    await logIn(t.ctx, b, d.account);
    return { ...d, b };
  }
  const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');

  it('issues an attestation de paiement with nothing ticked: the total only, a code, a tagged PDF', async () => {
    const { b, account } = await signedIn();
    const form = await b.get('/mon-espace/attestations/paiement');
    expect(form.statusCode).toBe(200);
    // nothing is ticked by default, and the NIR is never offered
    expect(form.body).not.toMatch(/type="checkbox"[^>]*checked/);
    expect(form.body).not.toMatch(/sécurité sociale<\/label>/);
    const res = await b.post('/mon-espace/attestations/paiement', { from: '2026-09', to: '2026-10' });
    expect(res.statusCode).toBe(303);
    expect(location(res)).toMatch(/^\/mon-espace\/attestations\/[0-9A-Z]{16}\?delivree=1$/);
    const page = await b.get(location(res));
    expect(page.body).toContain('Votre attestation est prête');
    const code = /<strong class="mc-code">([^<]+)<\/strong>/.exec(page.body)![1]!;
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z*~$=]$/);
    expect(page.body).toMatch(/640,00\s€/);
    expect(page.body).not.toContain('AEEH');
    expect(page.body).toContain('Cette attestation n’a jamais été vérifiée.');

    const pdf = await b.get(`${location(res).split('?')[0]}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/attachment; filename="attestation-paiement-\d{4}-\d{2}-\d{2}\.pdf"/);
    const bytes = pdf.rawPayload;
    const text = bytes.toString('latin1');
    for (const marker of ['/StructTreeRoot', '/Marked true', '/Lang (fr-FR)', '/DisplayDocTitle true', '/S /H1', '/S /Figure'])
      expect(text).toContain(marker);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('Attestation de paiement – Caf');
    expect(doc.getSubject()).toBe(`Code de vérification ${code}`);
    expect(await auditTypes(t.ctx, account.id)).toContain('attestation_issued');
  });

  it('keeps the choices when a period is refused, with the error at its field', async () => {
    const { b } = await signedIn();
    await b.get('/mon-espace/attestations/paiement');
    // Back to the form (303): the error at its field, the months and the choices as typed.
    const res = await submitRefused(b, '/mon-espace/attestations/paiement', { from: '2026-10', to: '2026-09', detail: 'oui' });
    expect(res.body).toContain('Le dernier mois de la période doit être le même que le premier ou venir après.');
    expect(res.body).toMatch(/id="detail" name="detail" type="checkbox" value="oui" checked/);
    expect(res.body).not.toMatch(/id="address" name="address" type="checkbox" value="oui" checked/);
    expect(res.body).toMatch(/<option value="2026-10" selected>[^<]*<\/option>[\s\S]*name="to"/);
    expect(res.body).toMatch(/name="to"[\s\S]*<option value="2026-09" selected>/);
    // Seen once: a reload shows the clean form.
    expect((await b.get('/mon-espace/attestations/paiement')).body).not.toContain('govuk-error-summary');
    const none = await submitRefused(b, '/mon-espace/attestations/paiement', { from: '2026-01', to: '2026-02' });
    expect(none.body).toContain('La Caf n’a rien versé à votre foyer sur cette période');
  });

  it('says « Ressources inconnues » for the QF instead of inventing them, and computes it when they are known', async () => {
    const { b } = await signedIn({
      paid: [{ prestation: 'allocations-familiales', months: ['2026-11'], cents: 15_000 }],
      children: [
        { givenNames: 'Zoé', birthDate: '2015-03-04' },
        { givenNames: 'Noé', birthDate: '2018-07-01' },
      ],
    });
    const unknown = await b.get('/mon-espace/attestations/quotient-familial');
    expect(unknown.body).toContain('Ressources inconnues');
    expect(unknown.body).not.toContain('Obtenir l’attestation');
    const saved = t.ctx.attestations.resources;
    t.ctx.attestations.resources = { taxableResourcesFor: async () => ({ annualCents: 3_000_000, year: 2024 }) };
    try {
      const form = await b.get('/mon-espace/attestations/quotient-familial');
      expect(form.body).toContain('Obtenir l’attestation');
      // A month in the future goes back to the form (303), the error at the month, the choices kept.
      const refused = await submitRefused(b, '/mon-espace/attestations/quotient-familial', { month: '2026-12', address: 'oui' });
      expect(refused.body).toContain('govuk-select--error');
      expect(refused.body).toMatch(/id="address" name="address" type="checkbox" value="oui" checked/);
      expect(refused.body).toContain('883 €');
      const res = await b.post('/mon-espace/attestations/quotient-familial', { month: '2026-11' });
      expect(res.statusCode).toBe(303);
      const page = await b.get(location(res));
      expect(page.body).toContain('883 €');
      expect(page.body).toMatch(/Nombre de parts[\s\S]*?3</);
      expect(page.body).not.toMatch(/Zoé|Noé/);
    } finally {
      t.ctx.attestations.resources = saved;
    }
  });

  it('lists every attestation issued with its checks (counts only), and revokes one for good', async () => {
    const { b, account } = await signedIn({ birthName: 'ROUX' });
    const made = await api(b, 'POST', '/api/attestations/paiement', { from: '2026-10', to: '2026-10' });
    expect(made.statusCode).toBe(201);
    const a = made.json();
    expect(a).toMatchObject({ kind: 'paiement', status: 'valide', checkedCount: 0, refusedCount: 0 });
    for (const surname of ['Roux', 'Roux', 'Durand'])
      await t.app.inject({
        method: 'POST',
        url: '/api/attestations/verification',
        payload: { code: a.code, surname },
        remoteAddress: '203.0.113.9',
      });
    const list = await b.get('/mon-espace/attestations');
    expect(list.body).toContain('vérifiée 2 fois ; 1 tentative avec un autre nom refusée');
    expect(list.body).not.toContain('203.0.113.9');
    const json = await api(b, 'GET', '/api/attestations');
    expect(json.json().attestations[0]).toMatchObject({ id: a.id, checkedCount: 2, refusedCount: 1 });

    await b.get(`/mon-espace/attestations/${a.id}`);
    const revoked = await b.post(`/mon-espace/attestations/${a.id}/revoquer`, {});
    expect(revoked.statusCode).toBe(303);
    expect(location(revoked)).toBe(`/mon-espace/attestations/${a.id}?revoquee=1`);
    const after = await b.get(location(revoked));
    expect(after.body).toContain('Révoquée');
    expect(after.body).toContain('L’attestation est révoquée.');
    expect(after.body).not.toContain('Révoquer l’attestation');
    // no download link any more, and the PDF itself is refused with a French page
    expect(after.body).not.toContain(`/mon-espace/attestations/${a.id}/pdf`);
    expect(after.body).toContain('Une attestation révoquée ne peut plus être téléchargée.');
    // the banner is the answer to the revocation only, not to a later visit
    expect((await b.get(`/mon-espace/attestations/${a.id}`)).body).not.toContain('L’attestation est révoquée.');
    const pdf = await b.get(`/mon-espace/attestations/${a.id}/pdf`);
    expect(pdf.statusCode).toBe(410);
    expect(pdf.headers['content-type']).toMatch(/^text\/html/);
    expect(pdf.body).toContain('Cette attestation a été révoquée\u00a0: elle ne peut plus être téléchargée');
    expect(pdf.body).not.toContain('%PDF');
    const listed = (await api(b, 'GET', '/api/attestations')).json().attestations.find((x: { id: string }) => x.id === a.id);
    expect(listed).toMatchObject({ status: 'revoquee', pdfUrl: null });
    expect((await api(b, 'POST', `/api/attestations/${a.id}/revocation`)).json().error.code).toBe('ATTESTATION_ALREADY_REVOKED');
    expect(await auditTypes(t.ctx, account.id)).toContain('attestation_revoked');
  });

  it('never shows, downloads or revokes another person’s attestation', async () => {
    const owner = await signedIn();
    const made = (await api(owner.b, 'POST', '/api/attestations/paiement', { from: '2026-10', to: '2026-10' })).json();
    const other = await signedIn();
    expect((await other.b.get(`/mon-espace/attestations/${made.id}`)).statusCode).toBe(404);
    expect((await other.b.get(`/mon-espace/attestations/${made.id}/pdf`)).statusCode).toBe(404);
    await other.b.get('/mon-espace/attestations');
    expect((await other.b.post(`/mon-espace/attestations/${made.id}/revoquer`, {})).statusCode).toBe(404);
    expect((await api(other.b, 'POST', `/api/attestations/${made.id}/revocation`)).statusCode).toBe(404);
    const row = await t.ctx.database.db.selectFrom('attestations').select('revoked_at').where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();
  });

  it('lets only those who manage the dossier issue one; the others see their list and who can', async () => {
    for (const o of [
      { role: 'conjoint' as const, allowed: false },
      { role: 'conjoint' as const, procuration: true, allowed: true },
      { role: 'personne_a_charge' as const, allowed: false },
    ]) {
      const { b } = await signedIn({ role: o.role, procuration: o.procuration ?? false });
      const page = await b.get('/mon-espace/attestations/paiement');
      expect(page.statusCode, `${o.role} ${o.procuration}`).toBe(o.allowed ? 200 : 403);
      const json = await api(b, 'POST', '/api/attestations/paiement', { from: '2026-10', to: '2026-10' });
      expect(json.statusCode).toBe(o.allowed ? 201 : 403);
      const list = await b.get('/mon-espace/attestations');
      expect(list.statusCode).toBe(200);
      expect(list.body.includes('Obtenir une attestation de paiement')).toBe(o.allowed);
    }
  });

  it('is linked from « Mon espace »', async () => {
    const { b } = await signedIn();
    expect((await b.get('/mon-espace')).body).toContain('href="/mon-espace/attestations"');
  });
  // last: it moves the clock past the three months
  it('an expired attestation says so with its date in the list and on its page, offers a new one, its PDF kept; the verifier reads « expirée »', async () => {
    const { b, account } = await signedIn({ birthName: 'VIDAL' });
    const a = (await api(b, 'POST', '/api/attestations/paiement', { from: '2026-10', to: '2026-10' })).json();
    const validUntil = frenchValidUntil(Date.parse(a.expiresAt));
    expect((await b.get(`/mon-espace/attestations/${a.id}`)).body).toContain(`valable jusqu’au ${validUntil}`);
    t.clock.advance(93 * 86_400_000);
    const later = new TestBrowser(t.app);
    await logIn(t.ctx, later, account);
    const list = text((await later.get('/mon-espace/attestations')).body);
    expect(list).toContain(`Expirée`);
    expect(list).toContain(`expirée : elle était valable jusqu’au ${validUntil}`);
    const detail = await later.get(`/mon-espace/attestations/${a.id}`);
    const page = text(detail.body);
    expect(page).toContain(`expirée : elle était valable jusqu’au ${validUntil}.`);
    expect(page).toContain('Cette attestation est expirée');
    expect(page).toContain('Elle ne vaut plus comme justificatif');
    expect(detail.body).toContain('href="/mon-espace/attestations/paiement">Obtenir une nouvelle attestation de paiement</a>');
    expect(page).toContain('télécharger l’attestation expirée (PDF)');
    expect(page).not.toContain('Télécharger l’attestation (PDF)');
    // still the person's document: the PDF is given, as issued
    const pdf = await later.get(`/mon-espace/attestations/${a.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/attestations/verification',
      payload: { code: a.code, surname: 'Vidal' },
      remoteAddress: '203.0.113.10',
    });
    expect(verified.json()).toMatchObject({ result: 'expiree' });
  });
});
