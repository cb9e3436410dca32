import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { DOCUMENT_KINDS } from '../../../src/journeys/registration/views';

/** Facts of everyday questions on each step the knowledge lacked (issue 23), each as the product does it. */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('the identity document and « à confirmer »', () => {
  it('says a passeport français or a titre de séjour replaces a lost carte d’identité, and a foreign card is not French', () => {
    const labels = DOCUMENT_KINDS.map((k) => k.label);
    expect(labels).toEqual(['Carte nationale d’identité', 'Passeport français', 'Titre de séjour']);
    const lost = assistant.ask('j’ai perdu ma carte d’identité, mais il me reste mon passeport, je l’utilise ?', 'titre-identite');
    expect(lost.answer).toContain('passeport français ou un titre de séjour ? Il est accepté');
    const foreign = assistant.ask('ma carte d’identité est italienne, je coche quoi ?', 'titre-identite');
    expect(foreign.topic).toBe('sans-titre-francais');
    expect(foreign.answer).toContain('même de l’Union européenne');
    expect(foreign.answer).toContain('Je ne dispose pas d’une pièce d’identité française');
  });

  it('says on the récapitulatif why the identity is « à confirmer » and that a justificatif may be asked', () => {
    const a = assistant.ask('pourquoi le récapitulatif dit que mon identité est à confirmer ?', 'recapitulatif');
    expect(a.topic).toBe('recapitulatif');
    expect(a.answer).toContain('« à confirmer » quand vous n’avez pas indiqué de pièce d’identité française');
    expect(a.answer).toContain('votre Caf pourra vous demander un justificatif');
  });
});
