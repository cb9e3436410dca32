import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNir, maskNir, nirKey, parseNir, type NirCivilStatus, type ParsedNir } from '../../src/identity/index';

function parsed(input: string, civil?: NirCivilStatus): ParsedNir {
  const r = parseNir(input, civil);
  if (!r.ok) throw new Error(`expected ${input} to parse, got ${r.error.code}`);
  return r.value;
}

function errorOf(input: string, civil?: NirCivilStatus): { code: string; field?: string; message: string } {
  const r = parseNir(input, civil);
  if (r.ok) throw new Error(`expected ${input} to be refused`);
  return r.error;
}

/** Independent key computation (BigInt) for the examples. */
function referenceKey(body: string): string {
  const digits = body.replace('2A', '19').replace('2B', '18');
  return String(97n - (BigInt(digits) % 97n)).padStart(2, '0');
}

describe('parseNir — worked examples', () => {
  it('metropolitan birth (Paris, 1984-12)', () => {
    const v = parsed('1 84 12 75 056 123 55');
    expect(v).toMatchObject({
      nir: '184127505612355',
      body: '1841275056123',
      sex: 'M',
      kind: 'certified',
      year: 84,
      month: 12,
      monthUnknown: false,
      placeCode: '75056',
      placeKind: 'commune',
      placeName: 'Paris',
      order: 123,
      key: '55',
      warnings: [],
    });
    expect(referenceKey(v.body)).toBe('55');
  });

  it('13 characters: no key check, the key is computed', () => {
    const v = parsed('1841275056123');
    expect(v.key).toBe('55');
    expect(v.nir).toBe('184127505612355');
  });

  it('Corsica before 1976 uses 20', () => {
    const v = parsed('155062000412360', { birthDate: '1955-06-10', birthPlace: { kind: 'commune', code: '20004' } });
    expect(v.placeCode).toBe('20004');
    expect(v.placeName).toBe('Ajaccio');
    expect(v.warnings).toEqual([]);
  });

  it('Corsica since 1976 uses 2A/2B (lower case accepted), key with 2A → 19 and 2B → 18', () => {
    const a = parsed('1 85 06 2a 004 123 72', { birthDate: '1985-06-01' });
    expect(a.placeCode).toBe('2A004');
    expect(a.placeName).toBe('Ajaccio');
    expect(referenceKey(a.body)).toBe('72');
    const b = parsed('2 90 05 2B 033 045 63', { sex: 'F', birthDate: '1990-05-20', birthPlace: { kind: 'commune', code: '2B033' } });
    expect(b.placeName).toBe('Bastia');
    expect(referenceKey(b.body)).toBe('63');
  });

  it('Corsica: 2A before 1976 or 20 after 1976 is an error with the birth date, a warning without', () => {
    expect(errorOf('155062A00412387', { birthDate: '1955-06-10' })).toMatchObject({
      code: 'NIR_CORSICA_CODE_BEFORE_1976',
      field: 'birthDate',
    });
    expect(errorOf('185062000412345', { birthDate: '1985-06-10' })).toMatchObject({
      code: 'NIR_CORSICA_CODE_AFTER_1976',
      field: 'birthDate',
    });
    // Without the birth date we only know "55" or "85": lenient, with a warning.
    expect(parsed('155062A00412387').warnings.map((w) => w.code)).toEqual(['NIR_CORSICA_CODE_BEFORE_1976']);
    expect(parsed('185062000412345').warnings.map((w) => w.code)).toEqual(['NIR_CORSICA_CODE_AFTER_1976']);
    // 2-digit year 05: 1905 or 2005, both codes could be right.
    expect(parsed('1050620004' + '001' + nirKey('1050620004001')).warnings).toEqual([]);
    expect(parsed('105062A004' + '001' + nirKey('105062A004001')).warnings).toEqual([]);
  });

  it('historical commune: Levallois-Perret 75044 before 1968, the civil status may give 92044', () => {
    const v = parsed('160067504412340', { birthDate: '1960-06-10', birthPlace: { kind: 'commune', code: '92044' } });
    expect(v.placeName).toBe('Levallois-Perret');
    expect(v.warnings).toEqual([]);
    // Seine-et-Oise: Argenteuil 78018 in 1999 is no longer in force (95018 since 1968).
    expect(parsed('299057801800742').warnings.map((w) => w.code)).toEqual(['NIR_PLACE_NOT_IN_FORCE_AT_BIRTH']);
    // 92044 in 1963: Hauts-de-Seine did not exist yet (nor is it Algeria): a warning without the birth date.
    const v63 = parsed('163039204411177');
    expect(v63.placeName).toBe('Levallois-Perret');
    expect(v63.warnings.map((w) => w.code)).toEqual(['NIR_PLACE_INVALID_FOR_DATE']);
  });

  it('overseas: La Réunion, Mayotte under its former code 985 (key 01)', () => {
    const r = parsed('188079741123464');
    expect(r).toMatchObject({ placeKind: 'overseas', placeCode: '97411', placeName: 'Saint-Denis' });
    const m = parsed('160019851100101', { birthPlace: { kind: 'commune', code: '97611' } });
    expect(m).toMatchObject({ placeKind: 'overseas', placeName: 'Mamoudzou', key: '01' });
  });

  it('abroad: 99 + country, unknown month', () => {
    const v = parsed('290509913400172', { sex: 'F', birthDate: '1990-07-01', birthPlace: { kind: 'country', code: '99134' } });
    expect(v).toMatchObject({ placeKind: 'abroad', placeCode: '99134', placeName: 'ESPAGNE', month: null, monthUnknown: true });
  });

  it('every unknown-month value is accepted: 20, 30–42, 50–99', () => {
    for (const m of [20, 30, 35, 42, 50, 63, 99]) {
      const body = `190${m}75056001`;
      expect(parsed(body).month, String(m)).toBeNull();
    }
  });

  it('a person born abroad is never refused because of 99 (French or not)', () => {
    expect(parseNir('275059935001295', { sex: 'F', birthDate: '1975-05-03', birthPlace: { kind: 'country', code: '99350' } }).ok).toBe(
      true,
    );
    // Born in the USSR, civil status gives Ukraine today: accepted with a soft warning.
    const v = parsed('291039912300186', { birthDate: '1991-03-02', birthPlace: { kind: 'country', code: '99155' } });
    expect(v.warnings.map((w) => w.code)).toEqual(['NIR_BIRTH_COUNTRY_HISTORICAL']);
  });

  it('former colonies: Algeria (91–94) before 1962, Morocco (95) and Tunisia (96) before 1956', () => {
    const alg = parsed('150019135200118', { birthDate: '1950-01-15', birthPlace: { kind: 'country', code: '99352' } });
    expect(alg).toMatchObject({ placeKind: 'former-colony' });
    const tun = parsed('145109612300458', { birthPlace: { kind: 'country', code: '99351' } });
    expect(tun.placeKind).toBe('former-colony');
    expect(tun.placeName).toContain('Tunisie');
    // 91 in 1985 is Essonne.
    const ess = parsed('1850191228' + '001' + nirKey('1850191228001'));
    expect(ess).toMatchObject({ placeKind: 'commune', placeName: 'Évry' });
    // 91 in 1965: neither Algeria (independent) nor Essonne (not yet created).
    expect(errorOf('165019135200159', { birthDate: '1965-01-01' })).toMatchObject({
      code: 'NIR_PLACE_INVALID_FOR_DATE',
      field: 'birthDate',
    });
    // 96 in 1970: Tunisia was independent.
    expect(parsed('1700196123001').warnings.map((w) => w.code)).toContain('NIR_PLACE_INVALID_FOR_DATE');
  });

  it('provisional numbers (3, 4, 7, 8) are accepted and flagged', () => {
    const v = parsed('302019910900132');
    expect(v).toMatchObject({ kind: 'provisional', sex: 'M' });
    expect(v.warnings.map((w) => w.code)).toContain('NIR_PROVISIONAL');
    expect(parsed('802019910900173')).toMatchObject({ kind: 'provisional', sex: 'F' });
  });

  it('key 97 and key 01 exist and are accepted', () => {
    expect(nirKey('1841275056081')).toBe('97');
    expect(parsed('184127505608197').key).toBe('97');
    expect(nirKey('285052A004032')).toBe('97');
    expect(parsed('285052A00403297').key).toBe('97');
    expect(nirKey('1841275056080')).toBe('01');
    expect(parsed('184127505608001').key).toBe('01');
  });

  it('format and mask', () => {
    expect(formatNir('184127505612355')).toBe('1 84 12 75 056 123 55');
    expect(formatNir('1.84.12.75.056.123')).toBe('1 84 12 75 056 123');
    expect(maskNir('1 84 12 75 056 123 55')).toBe('1 84 12 ** *** *** **');
    expect(maskNir('garbage')).toBe('* ** ** ** *** *** **');
  });
});

describe('parseNir — refusals', () => {
  const cases: [string, string][] = [
    ['', 'NIR_EMPTY'],
    ['  . - ', 'NIR_EMPTY'],
    ['18412750561', 'NIR_LENGTH'],
    ['18412750561235', 'NIR_LENGTH'],
    ['1841275056123555', 'NIR_LENGTH'],
    ['18412750O612355', 'NIR_INVALID_CHARACTERS'],
    ['184123A05612355', 'NIR_INVALID_CHARACTERS'],
    ['18412A7505612', 'NIR_INVALID_CHARACTERS'],
    ['0841275056123', 'NIR_SEX_INVALID'],
    ['5841275056123', 'NIR_SEX_INVALID'],
    ['6841275056123', 'NIR_SEX_INVALID'],
    ['9841275056123', 'NIR_SEX_INVALID'],
    ['1840075056123', 'NIR_MONTH_INVALID'],
    ['1841375056123', 'NIR_MONTH_INVALID'],
    ['1841975056123', 'NIR_MONTH_INVALID'],
    ['1842175056123', 'NIR_MONTH_INVALID'],
    ['1842975056123', 'NIR_MONTH_INVALID'],
    ['1844375056123', 'NIR_MONTH_INVALID'],
    ['1844975056123', 'NIR_MONTH_INVALID'],
    ['1841200056123', 'NIR_PLACE_INVALID'],
    ['1841275000123', 'NIR_PLACE_INVALID'],
    ['1841297011123', 'NIR_PLACE_INVALID'],
    ['1841297911123', 'NIR_PLACE_INVALID'],
    ['1841298311123', 'NIR_PLACE_INVALID'],
    ['1841297400123', 'NIR_PLACE_INVALID'],
    ['1841299999123', 'NIR_COUNTRY_UNKNOWN'],
    ['1841299100123', 'NIR_COUNTRY_UNKNOWN'],
    ['1841275056000', 'NIR_ORDER_INVALID'],
    ['184127505612354', 'NIR_KEY_MISMATCH'],
    ['184127505612300', 'NIR_KEY_MISMATCH'],
    ['184127505612398', 'NIR_KEY_MISMATCH'],
  ];
  it.each(cases)('%j → %s', (input, code) => {
    const e = errorOf(input);
    expect(e.code).toBe(code);
    expect(e.field).toBe('nir');
    expect(e.message.length).toBeGreaterThan(20);
  });

  it('the key message is the one promised to the public', () => {
    expect(errorOf('184127505612354').message).toBe(
      'La clé du numéro de sécurité sociale ne correspond pas. Vérifiez les 2 derniers chiffres.',
    );
  });

  it('civil-status disagreements name the field', () => {
    const nir = '292037505612351'; // woman, 1992-03, Paris
    expect(errorOf(nir, { sex: 'M' })).toMatchObject({ code: 'NIR_SEX_MISMATCH', field: 'sex' });
    expect(errorOf(nir, { birthDate: '1993-03-01' })).toMatchObject({ code: 'NIR_BIRTH_YEAR_MISMATCH', field: 'birthDate' });
    expect(errorOf(nir, { birthDate: '1992-04-01' })).toMatchObject({ code: 'NIR_BIRTH_MONTH_MISMATCH', field: 'birthDate' });
    expect(errorOf(nir, { birthDate: '1992-02-30' })).toMatchObject({ code: 'BIRTH_DATE_INVALID', field: 'birthDate' });
    expect(errorOf(nir, { birthPlace: { kind: 'commune', code: '13055' } })).toMatchObject({
      code: 'NIR_BIRTH_PLACE_MISMATCH',
      field: 'birthPlace',
    });
    expect(errorOf(nir, { birthPlace: { kind: 'country', code: '99134' } })).toMatchObject({
      code: 'NIR_BIRTH_PLACE_MISMATCH',
      field: 'birthPlace',
    });
    // Abroad in the NIR, a French commune in the civil status.
    expect(errorOf('290509913400172', { birthPlace: { kind: 'commune', code: '75056' } })).toMatchObject({
      code: 'NIR_BIRTH_PLACE_MISMATCH',
      field: 'birthPlace',
    });
    // Another country.
    expect(errorOf('290509913400172', { birthPlace: { kind: 'country', code: '99109' } })).toMatchObject({
      code: 'NIR_BIRTH_PLACE_MISMATCH',
      field: 'birthPlace',
    });
    // Born in France (99100) but the NIR says abroad.
    expect(errorOf('290509913400172', { birthPlace: { kind: 'country', code: '99100' } }).code).toBe('NIR_BIRTH_PLACE_MISMATCH');
  });

  it('soft disagreements are warnings', () => {
    // Unknown month in the NIR: no month mismatch.
    expect(parseNir('290509913400172', { birthDate: '1990-11-30' }).ok).toBe(true);
    // Paris arrondissement in the NIR, Paris in the civil status.
    expect(parsed('268037511504223', { birthPlace: { kind: 'commune', code: '75056' } }).warnings).toEqual([]);
    // Another commune of the same département: a warning (merger, homonym…), not a refusal.
    const v = parsed('292037505612351', { birthPlace: { kind: 'commune', code: '92044' } });
    expect(v.warnings.map((w) => w.code)).toEqual(['NIR_BIRTH_PLACE_COMMUNE_DIFFERS']);
    // Unknown commune code: warning only.
    expect(parsed('1841201999123').warnings.map((w) => w.code)).toEqual(['NIR_PLACE_UNKNOWN']);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Valid NIR bodies: every sex digit, year, month (known or not), place kind, order. */
const validBody = fc
  .record({
    sex: fc.constantFrom('1', '2', '3', '4', '7', '8'),
    year: fc.integer({ min: 0, max: 99 }),
    month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(20, 30, 31, 42, 50, 77, 99)),
    place: fc.oneof(
      fc
        .tuple(
          fc.integer({ min: 1, max: 89 }).filter((d) => d !== 20),
          fc.integer({ min: 1, max: 999 }),
        )
        .map(([d, c]) => pad(d, 2) + pad(c, 3)),
      fc.tuple(fc.constantFrom('2A', '2B', '20'), fc.integer({ min: 1, max: 999 })).map(([d, c]) => d + pad(c, 3)),
      fc
        .tuple(fc.constantFrom('971', '972', '973', '974', '976', '987', '988'), fc.integer({ min: 1, max: 99 }))
        .map(([d, c]) => d + pad(c, 2)),
      fc.constantFrom('99134', '99109', '99350', '99123', '99115', '99352'),
    ),
    order: fc.integer({ min: 1, max: 999 }),
  })
  .map((r) => `${r.sex}${pad(r.year, 2)}${pad(r.month, 2)}${r.place}${pad(r.order, 3)}`);

describe('parseNir — properties', () => {
  it('any valid 13-character body has exactly one valid key among 01–97', () => {
    fc.assert(
      fc.property(validBody, (body) => {
        const accepted = [];
        for (let k = 0; k <= 99; k++) if (parseNir(body + pad(k, 2)).ok) accepted.push(pad(k, 2));
        expect(accepted).toEqual([nirKey(body)]);
        expect(Number(nirKey(body))).toBeGreaterThanOrEqual(1);
        expect(Number(nirKey(body))).toBeLessThanOrEqual(97);
        expect(nirKey(body)).toBe(referenceKey(body));
      }),
      { numRuns: 150 },
    );
  });

  it('changing any one digit of a valid 15-character NIR always breaks it', () => {
    fc.assert(
      fc.property(validBody, fc.nat(), digit, (body, where, d) => {
        const nir = body + nirKey(body);
        const digitPositions = [...nir].map((c, i) => (/\d/.test(c) ? i : -1)).filter((i) => i >= 0);
        const pos = digitPositions[where % digitPositions.length] as number;
        fc.pre(nir[pos] !== d);
        const changed = nir.slice(0, pos) + d + nir.slice(pos + 1);
        expect(parseNir(changed).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('spaces, dots, dashes and lower case never change the result', () => {
    const separator = fc.constantFrom(' ', '.', '-', '  ', ' - ', '\u00a0');
    fc.assert(
      fc.property(
        validBody,
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), separator), { maxLength: 6 }),
        fc.boolean(),
        (body, withKey, inserts, lower) => {
          const nir = withKey ? body + nirKey(body) : body;
          let noisy = nir;
          for (const [at, sep] of inserts) {
            const i = at % (noisy.length + 1);
            noisy = noisy.slice(0, i) + sep + noisy.slice(i);
          }
          if (lower) noisy = noisy.toLowerCase();
          expect(parseNir(noisy)).toEqual(parseNir(nir));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('random strings never crash the parser', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = parseNir(s);
        if (!r.ok) expect(r.error.code).toMatch(/^[A-Z0-9_]+$/);
      }),
      { numRuns: 300 },
    );
  });
});
