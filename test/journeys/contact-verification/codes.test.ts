import { describe, expect, it } from 'vitest';
import { codeRefused, readCode, resendTooEarly } from '../../../src/journeys/contact-verification/codes';

describe('the code as typed, and the answers to it (every place a code is typed)', () => {
  it('reads 6 digits, spaces removed', () => {
    expect(readCode(' 123 456 ')).toEqual({ ok: true, code: '123456' });
    expect(readCode(123456)).toEqual({ ok: true, code: '123456' });
  });

  it.each([
    [undefined, 'CODE_REQUIRED', 'Saisissez le code de vérification à 6 chiffres.'],
    ['  ', 'CODE_REQUIRED', 'Saisissez le code de vérification à 6 chiffres.'],
    ['12', 'CODE_FORMAT', 'Le code de vérification comporte 6 chiffres.'],
    ['12345a', 'CODE_FORMAT', 'Le code de vérification comporte 6 chiffres.'],
    ['1234567', 'CODE_FORMAT', 'Le code de vérification comporte 6 chiffres.'],
  ])('refuses %j at the code field before any try is counted', (typed, code, message) => {
    expect(readCode(typed)).toEqual({ ok: false, status: 400, error: { field: 'code', code, message } });
  });

  it.each([
    [{ reason: 'wrong', attemptsLeft: 4 }, 'CODE_WRONG', 'Le code de vérification n’est pas le bon. Il vous reste 4 essais.'],
    [{ reason: 'wrong', attemptsLeft: 1 }, 'CODE_WRONG', 'Le code de vérification n’est pas le bon. Il vous reste 1 essai.'],
    [
      { reason: 'too_many_attempts', attemptsLeft: 0 },
      'CODE_TOO_MANY_ATTEMPTS',
      'Vous avez saisi 5 codes erronés. Pour votre sécurité, ce code n’est plus valable : demandez un nouveau code.',
    ],
    [
      { reason: 'expired', attemptsLeft: 0 },
      'CODE_EXPIRED',
      'Ce code n’est plus valable (il est valable 10 minutes). Demandez un nouveau code.',
    ],
    [
      { reason: 'none', attemptsLeft: 0 },
      'CODE_EXPIRED',
      'Ce code n’est plus valable (il est valable 10 minutes). Demandez un nouveau code.',
    ],
  ] as const)('answers a refused code %j', (check, code, message) => {
    expect(codeRefused(check)).toEqual({ field: 'code', code, message });
  });

  it('says how many seconds before a new code may be asked for', () => {
    expect(resendTooEarly(40)).toEqual({
      field: 'code',
      code: 'CODE_RESEND_TOO_EARLY',
      message: 'Un code vient de vous être envoyé. Vous pourrez en demander un nouveau dans 40 secondes.',
    });
    expect(resendTooEarly(1).message).toContain('dans 1 seconde.');
  });
});
