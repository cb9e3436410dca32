import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ibanRemainder, maskIban, parseIban } from '../../src/identity/iban';

const valid = [
  'FR7630006000011234567890189',
  'FR1420041010050500013M02606',
  'DE89370400440532013000',
  'GB29NWBK60161331926819',
  'BE68539007547034',
  'MC5811222000010123456789030',
];

describe('IBAN (ISO 13616)', () => {
  it('accepts valid IBANs, in paper or electronic format, any case', () => {
    for (const iban of valid) expect(parseIban(iban)).toMatchObject({ ok: true, value: { value: iban } });
    expect(parseIban(' fr76 3000 6000 0112 3456 7890 189 ')).toEqual({
      ok: true,
      value: {
        value: 'FR7630006000011234567890189',
        country: 'FR',
        formatted: 'FR76 3000 6000 0112 3456 7890 189',
        masked: 'FR76 •••• •••• 0189',
      },
    });
  });

  it('refuses a wrong key: every single changed digit, and a swap of two neighbours', () => {
    const iban = 'FR7630006000011234567890189';
    for (let i = 4; i < iban.length; i++) {
      if (!/\d/.test(iban[i]!)) continue;
      const changed = iban.slice(0, i) + String((Number(iban[i]) + 1) % 10) + iban.slice(i + 1);
      expect(parseIban(changed)).toMatchObject({ ok: false, error: { code: 'IBAN_KEY', field: 'iban' } });
    }
    expect(parseIban('FR7630006000011234567890198')).toMatchObject({ ok: false, error: { code: 'IBAN_KEY' } });
    expect(parseIban('FR7730006000011234567890189')).toMatchObject({ ok: false, error: { code: 'IBAN_KEY' } });
  });

  it('says what is wrong: empty, characters, country outside SEPA, length, French RIB shape', () => {
    expect(parseIban('  ')).toMatchObject({ ok: false, error: { code: 'IBAN_REQUIRED' } });
    expect(parseIban('FR76 3000*6000')).toMatchObject({ ok: false, error: { code: 'IBAN_CHARACTERS' } });
    expect(parseIban('X'.repeat(60))).toMatchObject({ ok: false, error: { code: 'IBAN_CHARACTERS' } });
    expect(parseIban('US12345678901234567890')).toMatchObject({ ok: false, error: { code: 'IBAN_COUNTRY' } });
    expect(parseIban('3000600001123456789018')).toMatchObject({ ok: false, error: { code: 'IBAN_COUNTRY' } });
    const short = parseIban('FR763000600001123456789018');
    expect(short).toMatchObject({ ok: false, error: { code: 'IBAN_LENGTH' } });
    if (!short.ok) expect(short.error.message).toBe('Un IBAN français compte 27 caractères ; vous en avez saisi 26.');
    expect(parseIban('FR76A0006000011234567890189')).toMatchObject({ ok: false, error: { code: 'IBAN_FORMAT' } });
  });

  it('computes MOD 97-10 and masks all but the country, key and last four', () => {
    expect(ibanRemainder('GB82WEST12345698765432')).toBe(1);
    expect(maskIban('DE89370400440532013000')).toBe('DE89 •••• •••• 3000');
  });

  it('is the one mask: no other source file writes its own (pages, PDFs, messages, JSON and audit all call maskIban)', () => {
    expect(maskIban('fr14 2004 1010 0505 0001 3m02 606')).toBe('FR14 •••• •••• 2606');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const ownMask = /\u2022\u2022\u2022\u2022|\*\*\*\*|'\*'\.repeat|\.slice\(-4\)/;
    const own = files('src')
      .filter((f) => f !== join('src', 'identity', 'iban.ts'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .filter((l) => /iban/i.test(l) && ownMask.test(l))
          .map((l) => `${f}: ${l.trim()}`),
      );
    expect(own).toEqual([]);
  });
});
