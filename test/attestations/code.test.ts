import { describe, expect, it } from 'vitest';
import { CODE_BITS, CODE_SHAPE, checkSymbol, codeInUrl, formatCode, newAttestationId, parseCode } from '../../src/attestations/code';

describe('the verification code (Crockford base32 + check symbol)', () => {
  it('carries 80 random bits in 16 characters, and no two codes drawn are alike', () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(80);
    const ids = new Set(Array.from({ length: 2000 }, () => newAttestationId()));
    expect(ids.size).toBe(2000);
    for (const id of [...ids].slice(0, 50)) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
  });

  it('is printed in groups of four with its check symbol, and reads back whatever the case, spaces and hyphens', () => {
    const id = newAttestationId();
    const code = formatCode(id);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=]$/);
    expect(parseCode(code)).toEqual({ ok: true, id });
    expect(parseCode(code.toLowerCase().replace(/-/g, ' '))).toEqual({ ok: true, id });
  });

  it('computes the check symbol as the value modulo 37 (worked example)', () => {
    // 0000000000000010 = 32 → 32 mod 37 = 32 → the 33rd symbol of 0-9A-Z (without I L O U) + *~$=U: « * »
    expect(checkSymbol('0000000000000010')).toBe('*');
    // 1 → « 1 »; 37 = 0000000000000015 → 0
    expect(checkSymbol('0000000000000001')).toBe('1');
    expect(checkSymbol('0000000000000015')).toBe('0');
  });

  it('is described in French as it is: 17 characters, the last one maybe « * », « ~ », « $ » or « = », with a valid example', () => {
    expect(CODE_SHAPE).toContain('17 caractères');
    expect(CODE_SHAPE.replace(/\u00a0/g, ' ')).toContain(
      'le dernier caractère peut aussi être l’un des signes « * », « ~ », « $ » ou « = »',
    );
    const example = /par exemple (\S+)/.exec(CODE_SHAPE)?.[1] ?? '';
    expect(parseCode(example)).toMatchObject({ ok: true });
    for (const sign of ['*', '~', '$', '=']) {
      const id = Array.from({ length: 40 }, (_, i) => `000000000000${String(i).padStart(4, '0')}`).find((x) => checkSymbol(x) === sign)!;
      expect(parseCode(formatCode(id))).toEqual({ ok: true, id });
    }
  });

  it('reads O as 0 and I, L as 1, as Crockford says', () => {
    const code = formatCode('0000000000000011');
    expect(parseCode(code.replace(/0/g, 'O').replace(/1/g, 'l'))).toEqual({ ok: true, id: '0000000000000011' });
  });

  it('catches every single altered character and every swap of two neighbours', () => {
    const id = newAttestationId();
    const code = formatCode(id).replace(/-/g, '');
    const symbols = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let i = 0; i < 16; i++) {
      for (const s of symbols) {
        if (s === code[i]) continue;
        const altered = code.slice(0, i) + s + code.slice(i + 1);
        expect(parseCode(altered)).toEqual({ ok: false, reason: 'check' });
      }
      if (i < 15 && code[i] !== code[i + 1]) {
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(parseCode(swapped)).toEqual({ ok: false, reason: 'check' });
      }
    }
  });

  it('refuses a wrong length or character as a format error', () => {
    expect(parseCode('')).toEqual({ ok: false, reason: 'format' });
    expect(parseCode('ABCD-EFGH')).toEqual({ ok: false, reason: 'format' });
    expect(parseCode('ABCD-EFGH-JKMN-PQRU-1')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('the QR code of the PDF', () => {
  it('carries the service’s own verification address (BASE_URL) and the printed code, nothing else', async () => {
    const { qrTarget } = await import('../../src/attestations/pdf');
    const id = newAttestationId();
    const target = qrTarget('https://mon-compte.caf.example/verifier-une-attestation', id);
    const url = new URL(target);
    expect(`${url.origin}${url.pathname}`).toBe('https://mon-compte.caf.example/verifier-une-attestation');
    expect([...url.searchParams.keys()]).toEqual(['code']);
    expect(url.searchParams.get('code')).toBe(formatCode(id));
    const QRCode = (await import('qrcode')).default;
    // a version small enough to print at 110 pt and scan (error correction M)
    expect(QRCode.create(target, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(6);
  });
});

describe('the code in an address', () => {
  const withCheck = (symbol: string) => {
    for (;;) {
      const id = newAttestationId();
      if (checkSymbol(id) === symbol) return id;
    }
  };

  it.each([
    ['*', '%2A'],
    ['~', '%7E'],
    ['$', '%24'],
    ['=', '%3D'],
  ])('a code ending in « %s » is percent-encoded (%s) in the QR code’s address, and reads back whole', async (symbol, encoded) => {
    const { qrTarget } = await import('../../src/attestations/pdf');
    const id = withCheck(symbol);
    const code = formatCode(id);
    expect(code.endsWith(`-${symbol}`)).toBe(true);
    expect(codeInUrl(code)).toBe(`${code.slice(0, -1)}${encoded}`);
    const target = qrTarget('https://mon-compte.caf.example/verifier-une-attestation', id);
    expect(target).toBe(`https://mon-compte.caf.example/verifier-une-attestation?code=${code.slice(0, -1)}${encoded}`);
    expect(new URL(target).search).toMatch(/^\?code=[0-9A-Z%-]+$/);
    expect(new URL(target).searchParams.get('code')).toBe(code);
    expect(parseCode(new URL(target).searchParams.get('code')!)).toEqual({ ok: true, id });
  });
});
