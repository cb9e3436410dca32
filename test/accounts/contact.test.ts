import { describe, expect, it } from 'vitest';
import { AppError, ValidationError } from '../../src/errors/app-error';
import { readContact, refusalError, sameContact } from '../../src/accounts/contact';

describe('readContact (the contact step of every sign-up)', () => {
  it('reads an e-mail address, trimmed and lower-cased', () => {
    expect(readContact({ contactKind: 'email', email: '  Marie.Dupont@Example.FR ' })).toEqual({
      ok: true,
      contact: { kind: 'email', value: 'marie.dupont@example.fr', display: 'marie.dupont@example.fr', verifiedAt: null },
    });
  });

  it('reads a mobile number as E.164, shown the French way', () => {
    expect(readContact({ contactKind: 'sms', phone: '0692 12 34 56' })).toEqual({
      ok: true,
      contact: { kind: 'sms', value: '+262692123456', display: '06 92 12 34 56', verifiedAt: null },
    });
  });

  it.each([
    [{}, 'contactKind', 'CONTACT_KIND_REQUIRED', 'Choisissez de recevoir le code par téléphone portable ou par adresse mail.'],
    [{ contactKind: 'email', email: ' ' }, 'email', 'EMAIL_REQUIRED', 'Saisissez votre adresse mail.'],
    [
      { contactKind: 'email', email: 'marie@example' },
      'email',
      'EMAIL_INVALID',
      'Saisissez une adresse mail valide, sous la forme nom@exemple.fr.',
    ],
    [
      { contactKind: 'email', email: `${'a'.repeat(250)}@b.fr` },
      'email',
      'EMAIL_INVALID',
      'Saisissez une adresse mail valide, sous la forme nom@exemple.fr.',
    ],
    [{ contactKind: 'sms', phone: '' }, 'phone', 'PHONE_REQUIRED', 'Saisissez votre numéro de téléphone portable.'],
  ])('refuses %j at its field with the catalogue’s words', (input, field, code, message) => {
    expect(readContact(input)).toEqual({ ok: false, status: 400, error: { field, code, message } });
  });

  it('gives the identity library’s reason for a number that cannot receive an SMS', () => {
    const r = readContact({ contactKind: 'sms', phone: '01 23 45 67 89' });
    expect(r).toMatchObject({ ok: false, status: 400, error: { field: 'phone' } });
    if (!r.ok) expect(r.error.message).toContain('téléphone fixe');
  });

  it('compares contacts by kind and normalised value', () => {
    const a = readContact({ contactKind: 'sms', phone: '06 12 34 56 78' });
    const b = readContact({ contactKind: 'sms', phone: '+33612345678' });
    if (!a.ok || !b.ok) throw new Error('fixture');
    expect(sameContact(a.contact, b.contact)).toBe(true);
    expect(sameContact(undefined, b.contact)).toBe(false);
    expect(sameContact({ kind: 'email', value: '+33612345678' }, b.contact)).toBe(false);
  });

  it('turns a refusal into the exception the JSON API answers with: fields (400) or a limit (429)', () => {
    const invalid = readContact({ contactKind: 'email', email: 'x' });
    if (invalid.ok) throw new Error('fixture');
    const e = refusalError(invalid);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fields).toEqual([invalid.error]);
    const limit = refusalError({
      status: 429,
      error: { field: 'code', code: 'CODE_RESEND_TOO_EARLY', message: 'Dans 40 secondes.' },
      retryAfterMs: 40_000,
    });
    expect(limit).toBeInstanceOf(AppError);
    expect(limit).toMatchObject({ status: 429, code: 'CODE_RESEND_TOO_EARLY', field: 'code', message: 'Dans 40 secondes.' });
  });
});
