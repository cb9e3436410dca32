import { describe, expect, it } from 'vitest';
import { namesForeignDocument, saysLacksIt } from '../../../src/assistant/safety';

describe('a document of another country', () => {
  it('is named by its nationality in the masculine or the feminine', () => {
    for (const q of [
      'j’ai un passeport algérien',
      'ma carte d’identité est espagnole',
      'seulement une carte allemande',
      'une pièce d’identité marocaine',
      'mon passeport est turc',
      'ma carte est turque',
      'carte d’identité grecque',
    ])
      expect(namesForeignDocument(q), q).toBe(true);
  });

  it('is not a titre de séjour, nor a French document', () => {
    for (const q of ['mon titre de séjour algérien', 'ma carte d’identité française', 'mon passeport est périmé'])
      expect(namesForeignDocument(q), q).toBe(false);
  });
});

describe('a lack said without naming what', () => {
  it('is read in SMS spelling too', () => {
    for (const q of ['g pa', 'jai pa ça', 'j’en ai pa', 'g pas de carte']) expect(saysLacksIt(q), q).toBe(true);
    for (const q of ['j’ai payé', 'g passé la journée dessus']) expect(saysLacksIt(q), q).toBe(false);
  });
});
