import { describe, expect, it } from 'vitest';
import { readAddressChange, readBankAccountChange, readPastDate, readSeparation } from '../../src/household/inputs';

/** 2026-11-30 at noon in Paris. */
const NOW = Date.UTC(2026, 10, 30, 11);
const fields = (r: { ok: boolean; errors?: { field: string; code: string }[] }) =>
  r.ok ? [] : r.errors!.map((e) => `${e.field}:${e.code}`);

describe('what the household’s forms and JSON accept', () => {
  it('dates: in the past two years, real, in either form; today counts, tomorrow does not', () => {
    expect(readPastDate('2026-11-30', 'd', NOW)).toEqual({ ok: true, value: '2026-11-30' });
    expect(readPastDate({ day: '1', month: '2', year: '2025' }, 'd', NOW)).toEqual({ ok: true, value: '2025-02-01' });
    expect(fields(readPastDate('2026-12-01', 'd', NOW) as never)).toEqual(['d:HOUSEHOLD_DATE_FUTURE']);
    expect(fields(readPastDate({ day: '29', month: '2', year: '2026' }, 'd', NOW) as never)).toEqual(['d:HOUSEHOLD_DATE_INVALID']);
    expect(fields(readPastDate('30/11/2026', 'd', NOW) as never)).toEqual(['d:HOUSEHOLD_DATE_INVALID']);
    expect(fields(readPastDate({}, 'd', NOW) as never)).toEqual(['d:HOUSEHOLD_DATE_REQUIRED']);
    expect(readPastDate('2024-11-30', 'd', NOW).ok).toBe(true);
    expect(fields(readPastDate('2024-11-29', 'd', NOW) as never)).toEqual(['d:HOUSEHOLD_DATE_TOO_OLD']);
  });

  it('an address: every refusal at its field; the commune in capitals, spaces collapsed', () => {
    expect(
      readAddressChange(
        { line1: '  3   rue des Lilas ', line2: '', postalCode: '44 000', city: 'Saint-Herblain', since: '2026-11-01' },
        NOW,
      ),
    ).toEqual({
      ok: true,
      value: { line1: '3 rue des Lilas', line2: null, postalCode: '44000', city: 'SAINT-HERBLAIN', since: '2026-11-01' },
    });
    expect(fields(readAddressChange({ line1: '', postalCode: 'abc', city: ' ', since: '' }, NOW) as never)).toEqual([
      'line1:HOUSEHOLD_ADDRESS_LINE1_REQUIRED',
      'postalCode:HOUSEHOLD_POSTAL_CODE_INVALID',
      'city:HOUSEHOLD_CITY_REQUIRED',
      'since:HOUSEHOLD_DATE_REQUIRED',
    ]);
    const long = readAddressChange({ line1: 'x'.repeat(101), postalCode: '44000', city: 'Nantes', since: '2026-11-01' }, NOW);
    expect(long).toMatchObject({
      ok: false,
      errors: [{ field: 'line1', code: 'HOUSEHOLD_FIELD_TOO_LONG', message: 'Ce texte est trop long (100 caractères au plus).' }],
    });
  });

  it('a bank account: the IBAN checked with its key, the holder required', () => {
    expect(readBankAccountChange({ iban: 'fr76 3000 6000 0112 3456 7890 189', holder: ' Léa  MOREAU ' })).toEqual({
      ok: true,
      value: { iban: 'FR7630006000011234567890189', holder: 'Léa MOREAU' },
    });
    expect(fields(readBankAccountChange({ iban: 'FR7630006000011234567890198', holder: '' }) as never)).toEqual([
      'iban:HOUSEHOLD_IBAN_INVALID',
      'holder:HOUSEHOLD_HOLDER_REQUIRED',
    ]);
  });

  it('a separation: the declarer’s new address only when they leave, its errors at the new* fields', () => {
    expect(
      readSeparation(
        { date: '2026-11-15', leaver: 'partner', children: 'none', newAddress: { line1: 'ignored', postalCode: '', city: '' } },
        NOW,
      ),
    ).toEqual({
      ok: true,
      value: { date: '2026-11-15', leaver: 'partner', children: 'none', newAddress: null },
    });
    expect(
      fields(
        readSeparation(
          { date: '2026-11-15', leaver: 'declarer', children: 'declarer', newAddress: { line1: '5 rue Neuve', postalCode: '', city: '' } },
          NOW,
        ) as never,
      ),
    ).toEqual(['newPostalCode:HOUSEHOLD_POSTAL_CODE_INVALID', 'newCity:HOUSEHOLD_CITY_REQUIRED']);
    const missing = readSeparation({ date: '2026-11-15' }, NOW);
    expect(missing).toMatchObject({
      ok: false,
      errors: [
        { field: 'leaver', code: 'HOUSEHOLD_LEAVER_REQUIRED', message: 'Indiquez qui quitte le logement.' },
        { field: 'children', code: 'HOUSEHOLD_CHILDREN_REQUIRED', message: 'Indiquez où vivent les enfants.' },
      ],
    });
  });
});
