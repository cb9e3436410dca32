import { describe, expect, it } from 'vitest';
import { errorSummary, table } from '../../../src/http/views/components';

describe('the shared components', () => {
  it('the error summary links each error to its field, and leaves an error of the whole form as plain text', () => {
    const out = String(
      errorSummary([
        { field: 'iban', code: 'X', message: 'Saisissez un IBAN' },
        { field: 'form', code: 'Y', message: 'Trop de demandes' },
      ]),
    );
    expect(out).toContain('<li><a href="#iban">Saisissez un IBAN</a></li>');
    expect(out).toContain('<li>Trop de demandes</li>');
    expect(out).not.toContain('#form');
  });

  it('no error, no summary', () => {
    expect(String(errorSummary([]))).toBe('');
    expect(String(errorSummary(undefined))).toBe('');
  });

  it('a table scrolls in a named region, with its hidden caption, its headers and one row per item', () => {
    const out = String(
      table({ label: 'Mes appareils', caption: 'Appareils connectés', head: ['Date', 'Navigateur'], rows: [['1 déc.', 'Firefox <b>']] }),
    );
    expect(out).toContain('<div class="mc-table-scroll" role="region" aria-label="Mes appareils" tabindex="0">');
    expect(out).toContain('<caption class="govuk-table__caption govuk-visually-hidden">Appareils connectés</caption>');
    expect(out).toContain('<th scope="col" class="govuk-table__header">Navigateur</th>');
    expect(out).toContain(
      '<tr class="govuk-table__row"><td class="govuk-table__cell">1 déc.</td><td class="govuk-table__cell">Firefox &lt;b&gt;</td></tr>',
    );
  });
});
