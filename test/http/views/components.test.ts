import { describe, expect, it } from 'vitest';
import { errorSummary } from '../../../src/http/views/components';

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
});
