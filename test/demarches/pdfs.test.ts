import { describe, expect, it } from 'vitest';
import { decisionPdf } from '../../src/demarches/decision-pdf';
import { receiptPdf } from '../../src/demarches/receipt-pdf';
import type { Demarche } from '../../src/demarches/repository';
import { formOf } from '../../src/forms/definitions';
import { appealRouteOf } from '../../src/prestations/appeals';
import { findPrestation } from '../../src/prestations/catalogue';
import { readPdfTags, readPdfText } from '../support/tagged-pdf';

/**
 * The accusé de réception and the notification de décision are tagged PDFs a screen reader reads:
 * checked with a real parser (pdf-lib) — MarkInfo, language fr-FR, title shown, a structure tree
 * of headings and paragraphs, and no text left outside the structure.
 */
const at = Date.parse('2026-11-26T09:30:00Z');
const demarche: Demarche = {
  id: 'd1',
  account_id: 'a1',
  prestation: 'aide-au-logement',
  status: 'refusee',
  answers: { loyer: 45050 },
  version: 5,
  household_id: null,
  reference: 'MC-2026-ABCD-EFGH',
  submitted_at: at,
  expires_at: null,
  created_at: at,
  updated_at: at,
  decision_read_at: null,
};
const account = { given_names: 'Marie', birth_name: 'DURAND', usage_name: null };

describe('tagged PDFs', () => {
  it('the accusé de réception: tagged, in French, its title shown, headings and paragraphs, every text inside the structure', async () => {
    const bytes = await receiptPdf({
      demarche,
      prestation: findPrestation('aide-au-logement')!,
      form: formOf('aide-au-logement')!,
      account,
      agencyPhone: '3230',
    });
    const tags = await readPdfTags(bytes);
    expect(tags).toMatchObject({
      marked: true,
      lang: 'fr-FR',
      displayDocTitle: true,
      title: 'Accusé de réception – Aide au logement',
      untaggedTexts: 0,
    });
    expect(tags.texts).toBeGreaterThan(5);
    expect(tags.structure[0]).toBe('Document');
    expect(tags.structure.slice(1, 3)).toEqual(['P', 'H1']);
    expect(tags.structure).toContain('H2');
    expect(tags.structure).toContain('H3');
    const shown = await readPdfText(bytes);
    expect(shown).toContain('Accusé de réception');
    expect(shown).toContain('MC-2026-ABCD-EFGH');
    expect(shown).toContain('Demande faite par Marie DURAND.');
  });

  it('the notification de décision of a refusal: its motif and the route to contest it, tagged the same', async () => {
    const bytes = await decisionPdf({
      demarche,
      title: 'Aide au logement',
      declaration: false,
      decision: { status: 'refusee', at: at + 86_400_000, motif: 'Vos ressources dépassent le plafond.' },
      appeal: appealRouteOf('aide-au-logement'),
      account,
      agencyPhone: '3230',
    });
    const tags = await readPdfTags(bytes);
    expect(tags).toMatchObject({
      marked: true,
      lang: 'fr-FR',
      displayDocTitle: true,
      title: 'Notification de décision – Aide au logement',
      untaggedTexts: 0,
    });
    expect(tags.structure.filter((s) => s === 'H1')).toHaveLength(1);
    expect(tags.structure.filter((s) => s === 'H2')).toHaveLength(2);
    const shown = await readPdfText(bytes);
    expect(shown).toContain('Notification de décision');
    expect(shown).toContain('Demande refusée');
    expect(shown).toContain('Référence : MC-2026-ABCD-EFGH');
    expect(shown).toContain('Vos ressources dépassent le plafond.');
    expect(shown).toContain('Recours amiable devant la commission de recours amiable (CRA) de votre Caf.');
    expect(shown).toContain('Délai : deux mois à compter de la notification de la décision.');
    expect(shown).toContain('Code de la sécurité sociale, articles L. 142-4 et R. 142-1');
  });

  it('an acceptance has no route to contest, so one heading less', async () => {
    const tags = await readPdfTags(
      await decisionPdf({
        demarche,
        title: 'Aide au logement',
        declaration: false,
        decision: { status: 'acceptee', at, motif: null },
        appeal: undefined,
        account,
        agencyPhone: '3230',
      }),
    );
    expect(tags.structure.filter((s) => s === 'H2')).toEqual(['H2']);
    const shown = await readPdfText(
      await decisionPdf({
        demarche,
        title: 'Aide au logement',
        declaration: false,
        decision: { status: 'acceptee', at, motif: null },
        appeal: undefined,
        account,
        agencyPhone: '3230',
      }),
    );
    expect(shown).toContain('Demande acceptée');
    expect(shown).toContain('La Caf n’a pas indiqué de motif.');
    expect(shown).not.toContain('contester');
    expect(tags.untaggedTexts).toBe(0);
  });

  it('the reader sees an untagged PDF as such (the check is not blind)', async () => {
    const PDFKit = (await import('pdfkit')).default;
    const doc = new PDFKit();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((r) => doc.on('end', () => r()));
    doc.text('Bonjour');
    doc.end();
    await done;
    const tags = await readPdfTags(Buffer.concat(chunks));
    expect(tags).toMatchObject({ marked: false, lang: undefined, displayDocTitle: false, structure: [], untaggedTexts: 1, texts: 1 });
  });
});
