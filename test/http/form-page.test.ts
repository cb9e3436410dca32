import { describe, expect, it } from 'vitest';
import { inSentence } from '../../src/http/views/form-page';

describe('a label inside a sentence (hidden text of « Modifier »)', () => {
  it('lowers the first letter of a word, keeps an acronym', () => {
    expect(inSentence('Nom du bailleur')).toBe('nom du bailleur');
    expect(inSentence('IBAN')).toBe('IBAN');
    expect(inSentence('RIB du compte')).toBe('RIB du compte');
    expect(inSentence('Étage')).toBe('étage');
  });
});
