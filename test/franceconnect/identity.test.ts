import { describe, expect, it } from 'vitest';
import { parseIdentity } from '../../src/franceconnect/identity';

const base = {
  sub: `${'ab'.repeat(32)}v1`,
  given_name: 'Angela Claire Louise',
  family_name: 'DUBOIS',
  birthdate: '1962-08-24',
  gender: 'female',
  birthplace: '75112',
  birthcountry: '99100',
};

describe('parseIdentity', () => {
  it('maps FranceConnect claims to the application identity', () => {
    expect(parseIdentity({ ...base, email: 'a@example.com', preferred_username: 'MARTIN' })).toEqual({
      ok: true,
      identity: {
        givenName: 'Angela Claire Louise',
        familyName: 'DUBOIS',
        preferredUsername: 'MARTIN',
        birthdate: '1962-08-24',
        gender: 'female',
        birthplace: '75112',
        birthcountry: '99100',
        email: 'a@example.com',
      },
    });
  });

  it('drops an empty usage name or e-mail', () => {
    const r = parseIdentity({ ...base, preferred_username: '', email: '' });
    expect(r.ok && r.identity).toEqual(expect.not.objectContaining({ preferredUsername: expect.anything() }));
    expect(r.ok && 'email' in r.identity).toBe(false);
  });

  it.each(['1975-00-00', '1992-11-00', '1981-02-03'])('accepts the birth date %s', (birthdate) => {
    expect(parseIdentity({ ...base, birthdate }).ok).toBe(true);
  });

  it.each([
    ['2A004', '99100'],
    ['20004', '99100'],
    ['97411', '99100'],
    ['', '99134'],
  ])('accepts birthplace %s / birthcountry %s', (birthplace, birthcountry) => {
    expect(parseIdentity({ ...base, birthplace, birthcountry }).ok).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['no given name', { given_name: undefined }],
    ['a blank family name', { family_name: '  ' }],
    ['a date with a known day but unknown month', { birthdate: '1975-00-12' }],
    ['a malformed date', { birthdate: '24/08/1962' }],
    ['month 13', { birthdate: '1962-13-01' }],
    ['another gender', { gender: 'other' }],
    ['a malformed birthplace', { birthplace: 'Paris' }],
    ['a country code outside 99xxx', { birthcountry: 'FR' }],
    ['born in France without birthplace', { birthplace: '' }],
    ['born abroad with a commune', { birthcountry: '99134' }],
    ['a number instead of a string', { family_name: 42 }],
  ])('refuses %s', (_name, overrides) => {
    const r = parseIdentity({ ...base, ...overrides });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail.length).toBeGreaterThan(0);
  });
});
