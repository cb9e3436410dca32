import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASK, mask } from '../../../src/assistant/masking';

describe('masking before anything is kept', () => {
  it.each([
    ['mon numéro 2 84 12 75 056 123 45 est refusé', '2 84 12 75 056 123 45', 'nir'],
    ['288046938312324', '288046938312324', 'nir'],
    ['corse 1 85 05 2A 123 456 78', '2A 123 456 78', 'nir'],
    ['sans clé 1850578006084', '1850578006084', 'nir'],
    ['mon code 123456 marche pas', '123456', 'code'],
    ['le code 12 34 56', '12 34 56', 'code'],
    ['le code 4821', '4821', 'code'],
    ['mon tel 06 12 34 56 78', '06 12 34 56 78', 'telephone'],
    ['mon mail jean.dupont@example.fr', 'jean.dupont@example.fr', 'email'],
    ['mon mdp est Soleil2024 refusé', 'Soleil2024', 'secret'],
    ['mot de passe : Chat!2024x', 'Chat!2024x', 'secret'],
    ['identifiant P25QFH83NQ', 'P25QFH83NQ', 'secret'],
    ['passeport 99ZZ99999', '99ZZ99999', 'secret'],
    ['dossier 1234567', '1234567', 'numero'],
  ])('« %s » hides %s (%s)', (text, secret, kind) => {
    const m = mask(text);
    expect(m.text).not.toContain(secret);
    expect(m.text).toContain(MASK);
    expect(m.found).toContain(kind);
  });

  it('leaves the words and small numbers of a question alone', () => {
    for (const text of [
      'mon mot de passe est refusé',
      'il faut 10 à 64 caractères',
      'né en 1990, 15 ans, 6 chiffres',
      'mon numéro commence par 0690',
      'impots.gouv.fr',
    ]) {
      expect(mask(text)).toEqual({ text, found: [] });
    }
  });

  it('never lets a NIR through, however it is spaced', () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.constantFrom('1', '2', '7', '8'),
        digits(12),
        fc.option(digits(2)),
        fc.constantFrom('', ' ', '.', '-'),
        fc.string({ maxLength: 20 }),
        (sex, rest, key, sep, around) => {
          const nir = [sex, rest.slice(0, 2), rest.slice(2, 4), rest.slice(4, 6), rest.slice(6, 9), rest.slice(9, 12), key ?? '']
            .filter(Boolean)
            .join(sep);
          const m = mask(`${around} ${nir} ${around}`);
          expect(m.text.replace(/\D/g, '')).not.toContain(sex + rest);
        },
      ),
    );
  });
});
