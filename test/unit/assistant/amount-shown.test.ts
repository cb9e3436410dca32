import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { asksForAmount } from '../../../src/assistant/safety';

const assistant = new Assistant({ agencyPhone: '3230' });

/** An amount shown on a page of the personal space is a question about that page, not a request to compute one. */
describe('an amount the person sees in their space', () => {
  it.each([
    'où est-ce que je trouve le montant de mon APL dans mon espace ?',
    'il y a marqué un montant en moins sur mes paiements, pourquoi ?',
    'je veux une attestation sans le montant dessus, on peut le masquer ?',
    'le montant de mon droit a changé ce mois, ça veut dire quoi ?',
  ])('is not refused as an amount to compute: « %s »', (q) => {
    expect(asksForAmount(q)).toBe(false);
    expect(assistant.ask(q, 'espace').topic).not.toBe('montant');
  });

  it.each(['Quel est le montant de l’APL pour moi ?', 'le montant du RSA pour une personne seule', 'combien je vais toucher de prime ?'])(
    'still refuses to compute « %s »',
    (q) => {
      expect(asksForAmount(q)).toBe(true);
    },
  );

  it('reads a child’s name in a password as no one else’s data', () => {
    const a = assistant.ask(
      'mon mot de passe contient le prénom de ma fille et une majuscule, une case reste rouge, il manque quoi',
      'mot-de-passe',
    );
    expect(a.topic).not.toBe('donnees-d-autrui');
  });
});
