import { describe, expect, it } from 'vitest';
import { LocalDocumentVerifier, mrzCheckDigit, parseIdentityDocument, type DocumentVerifier } from '../../src/identity/index';

describe('parseIdentityDocument', () => {
  it('new CNI (9 characters), normalised', () => {
    expect(parseIdentityDocument('cni', 'x4rtbpfw4')).toEqual({
      ok: true,
      value: { kind: 'cni', format: 'cni-2021', number: 'X4RTBPFW4' },
    });
    expect(parseIdentityDocument('cni', ' X4R TBP FW4 ')).toMatchObject({ ok: true, value: { number: 'X4RTBPFW4' } });
  });

  it('old CNI (12 characters: YYMM + 3 + 5 digits), month checked', () => {
    expect(parseIdentityDocument('cni', '0506 75A 12345')).toEqual({
      ok: true,
      value: { kind: 'cni', format: 'cni-1988', number: '050675A12345' },
    });
    expect(parseIdentityDocument('cni', '941275012345')).toMatchObject({ ok: true, value: { format: 'cni-1988' } });
    expect(parseIdentityDocument('cni', '051375A12345')).toMatchObject({
      ok: false,
      error: { code: 'DOCUMENT_CNI_MONTH_INVALID', field: 'number' },
    });
    expect(parseIdentityDocument('cni', '050075A12345')).toMatchObject({ ok: false, error: { code: 'DOCUMENT_CNI_MONTH_INVALID' } });
    expect(parseIdentityDocument('cni', '050675A1234B')).toMatchObject({ ok: false, error: { code: 'DOCUMENT_NUMBER_INVALID' } });
  });

  it('invalid CNI shapes', () => {
    for (const n of ['X4RTBPFW', 'X4RTBPFW45', 'X4RTBPFW_', 'É4RTBPFW4', '05067A12345']) {
      expect(parseIdentityDocument('cni', n), n).toMatchObject({ ok: false, error: { code: 'DOCUMENT_NUMBER_INVALID' } });
    }
    expect(parseIdentityDocument('cni', '   ')).toMatchObject({ ok: false, error: { code: 'DOCUMENT_NUMBER_EMPTY' } });
  });

  it('passport', () => {
    expect(parseIdentityDocument('passport', '12ab34567')).toEqual({
      ok: true,
      value: { kind: 'passport', format: 'passport', number: '12AB34567' },
    });
    expect(parseIdentityDocument('passport', 'AB1234567')).toMatchObject({ ok: true });
    expect(parseIdentityDocument('passport', '12AB3456')).toMatchObject({ ok: false, error: { code: 'DOCUMENT_NUMBER_INVALID' } });
  });

  it('titre de séjour: 10-digit numéro étranger', () => {
    expect(parseIdentityDocument('titre-sejour', '75 1234 5678')).toEqual({
      ok: true,
      value: { kind: 'titre-sejour', format: 'titre-sejour', number: '7512345678' },
    });
    expect(parseIdentityDocument('titre-sejour', '751234567')).toMatchObject({ ok: false, error: { code: 'DOCUMENT_NUMBER_INVALID' } });
    expect(parseIdentityDocument('titre-sejour', '75123456A8')).toMatchObject({ ok: false });
  });

  it('unknown kind', () => {
    expect(parseIdentityDocument('permis' as never, '123')).toMatchObject({
      ok: false,
      error: { code: 'DOCUMENT_KIND_INVALID', field: 'kind' },
    });
  });
});

describe('mrzCheckDigit (ICAO 9303)', () => {
  it('matches the ICAO specimen values', () => {
    // ICAO 9303 part 3 worked example: document number L898902C3 → 6, date 740812 → 2, 120415 → 9.
    expect(mrzCheckDigit('L898902C3')).toBe(6);
    expect(mrzCheckDigit('740812')).toBe(2);
    expect(mrzCheckDigit('120415')).toBe(9);
    expect(mrzCheckDigit('<<<<<<<<<<<<<<')).toBe(0);
    expect(mrzCheckDigit('l898902c3')).toBe(6);
  });
  it('refuses characters outside the MRZ set', () => {
    expect(() => mrzCheckDigit('AB-12')).toThrow(RangeError);
  });
});

describe('LocalDocumentVerifier', () => {
  const verifier: DocumentVerifier = new LocalDocumentVerifier({ revoked: ['12 ab 34567'] });
  it('format only, revoked list, invalid format', async () => {
    expect(await verifier.verify({ kind: 'passport', format: 'passport', number: '99ZZ12345' })).toEqual({
      status: 'valid',
      reason: 'FORMAT_ONLY',
    });
    expect(await verifier.verify({ kind: 'passport', format: 'passport', number: '12AB34567' })).toMatchObject({
      status: 'invalid',
      reason: 'REVOKED',
    });
    expect(await verifier.verify({ kind: 'cni', format: 'cni-1988', number: '051375A12345' })).toMatchObject({
      status: 'invalid',
      reason: 'FORMAT_INVALID',
    });
  });
  it('can answer unknown when a format check is not enough', async () => {
    const strict = new LocalDocumentVerifier({ formatOnlyStatus: 'unknown' });
    expect(await strict.verify({ kind: 'cni', format: 'cni-2021', number: 'X4RTBPFW4' })).toEqual({
      status: 'unknown',
      reason: 'FORMAT_ONLY',
    });
  });
});
