import { describe, expect, it } from 'vitest';
import { ISSUES_PER_ACCOUNT_PER_HOUR } from '../../../src/attestations/limit';
import { recordTaxableResources } from '../../../src/resources/taxable';
import { buildTestApp, TestBrowser } from '../../support/app';
import { auditTypes, logIn } from '../../support/accounts';
import { testDatabases } from '../../support/databases';
import { submitThrottled, text } from '../../support/http';
import { dossierWithPayments } from '../../attestations/support';
import { api } from '../../household/support';

/** At most 20 attestations an hour per account, pages and JSON together: a clear French refusal, a 429, one audit row. */
describe.each(testDatabases)('the limit on issuing attestations, on $name', { timeout: 180_000 }, ({ open }) => {
  it('refuses the 21st within the hour at the form and in JSON (429, Retry-After), audits it once, and allows again an hour later', async () => {
    const t = await buildTestApp({ env: { LOGIN_SECOND_FACTOR: 'false' }, database: await open() });
    try {
      const d = await dossierWithPayments(t.ctx, {
        paid: [{ prestation: 'aide-au-logement', months: ['2026-09', '2026-10'], cents: 24_550 }],
      });
      await recordTaxableResources(t.ctx.database.db, {
        householdId: d.householdId,
        year: 2024,
        annualCents: 3_000_000,
        source: 'impots',
        now: t.clock.now(),
      });
      const b = new TestBrowser(t.app);
      await logIn(t.ctx, b, d.account);
      expect(ISSUES_PER_ACCOUNT_PER_HOUR).toBe(20);
      for (let i = 0; i < ISSUES_PER_ACCOUNT_PER_HOUR; i++) {
        const made = await api(b, 'POST', '/api/attestations/paiement', { from: '2026-10', to: '2026-10' });
        expect(made.statusCode, `attestation ${i + 1}`).toBe(201);
      }

      const refused = await api(b, 'POST', '/api/attestations/quotient-familial', { month: '2026-11' });
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json().error.code).toBe('ATTESTATION_ISSUE_THROTTLED');
      expect(refused.json().error.message).toMatch(
        /^Vous avez demandé beaucoup d’attestations en peu de temps \(20 par heure au plus\)\. Merci de patienter .+ avant de réessayer\.$/,
      );

      // the form: the message at its field, the choices kept
      await b.get('/mon-espace/attestations/paiement');
      // Back to the form (303), which answers 429 with Retry-After and says until when, once.
      const page = await submitThrottled(b, '/mon-espace/attestations/paiement', { from: '2026-09', to: '2026-10', detail: 'oui' });
      expect(page.body).toContain('<title>Erreur\u00a0: ');
      expect(page.body).toContain('<a href="#from">Vous avez demandé beaucoup d’attestations en peu de temps');
      expect(page.body).toContain('id="from-error"');
      expect(page.body).toMatch(/id="detail" name="detail" type="checkbox" value="oui" checked/);
      expect(page.body).toMatch(/<option value="2026-09" selected>/);
      expect(text(page.body)).toMatch(/Vous pourrez réessayer à partir de \d\d:\d\d\./);
      const reloaded = await b.get('/mon-espace/attestations/paiement');
      expect(reloaded.statusCode).toBe(200);
      expect(reloaded.body).not.toContain('govuk-error-summary');
      await b.get('/mon-espace/attestations/quotient-familial');
      const qf = await submitThrottled(b, '/mon-espace/attestations/quotient-familial', { month: '2026-11', childrenNames: 'oui' });
      expect(text(qf.body)).toContain(
        'Vous avez demandé beaucoup d’attestations en peu de temps (20 par heure au plus). Merci de patienter',
      );
      expect(qf.body).toContain('id="month-error"');

      const stored = await t.ctx.database.db.selectFrom('attestations').select('id').where('issued_by', '=', d.account.id).execute();
      expect(stored).toHaveLength(ISSUES_PER_ACCOUNT_PER_HOUR);
      const audit = await auditTypes(t.ctx, d.account.id);
      expect(audit.filter((x) => x === 'attestation_issued')).toHaveLength(ISSUES_PER_ACCOUNT_PER_HOUR);
      // the first refusal of the window is audited, not each one after it
      expect(audit.filter((x) => x === 'attestation_issue_throttled')).toHaveLength(1);

      t.clock.advance(60 * 60_000 + 1000);
      await logIn(t.ctx, b, d.account); // the session has expired meanwhile
      expect((await api(b, 'POST', '/api/attestations/quotient-familial', { month: '2026-11' })).statusCode).toBe(201);
    } finally {
      await t.close();
    }
  });
});
