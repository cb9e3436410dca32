import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { asksTwice } from '../../../src/assistant/matches';
import { disputed } from '../../../src/assistant/topics/blend';

const assistant = new Assistant({ agencyPhone: '3230' });

/** Sentences of our own, none from a tuning or held-out set. */
describe('a message that asks one thing or two', () => {
  it('asks twice: two questions, « et » before a second one, « et aussi », a request beside a question', () => {
    expect(asksTwice('Le virement arrive quel jour ? Et l’attestation de paiement, je la télécharge où ?')).toBe(true);
    expect(asksTwice('C’est quoi le quotient familial et comment je le trouve dans mon espace ?')).toBe(true);
    expect(asksTwice('Le code arrive en combien de temps ? et c’est long ?')).toBe(true);
    expect(asksTwice('Mon code ne vient pas. Et aussi, je voudrais changer mon mot de passe.')).toBe(true);
    expect(asksTwice('il faut que je déclare mon déménagement, mais d’abord dites-moi où habite mon frère')).toBe(true);
  });

  it('asks once: a story told before one question, one question with « aussi » or « ! » inside, a short follow-up', () => {
    expect(asksTwice('J’ai déménagé le mois dernier à Nantes. Comment je change mon adresse mail ?')).toBe(false);
    expect(asksTwice('Ma sœur m’a aidée hier soir, on a tout rempli. Quand je valide, le compte est créé ?')).toBe(false);
    expect(asksTwice('Est-ce que je peux aussi mettre un tiret dans mon mot de passe ?')).toBe(false);
    expect(asksTwice('Je peux mettre un ! dans mon mot de passe ?')).toBe(false);
    expect(asksTwice('J’ai mis ma carte de résident. Elle est acceptée ?')).toBe(false);
  });

  it('does not call what a single question’s story names « votre autre question »', () => {
    const a = assistant.ask(
      'Mon compagnon m’a donné la procuration sur le dossier. Est-ce que je peux demander l’aide au logement à sa place ?',
      'espace',
    );
    expect(a.answer).not.toContain('Pour votre autre question');
    expect(a.answer).not.toContain('Vous avez aussi demandé');
    // What the story names is still answered after, when the question needs it.
    expect(a.answer).toContain('À propos de « Aide au logement » :');
  });

  it('answers the second question of a message that asks two as « votre autre question »', () => {
    const a = assistant.ask('Le virement arrive quel jour ? Et l’attestation de paiement, je la télécharge où ?', 'espace');
    expect(a.answer).toContain('Pour votre autre question (« Mes attestations (paiement, quotient familial) ») :');
  });
});

describe('the other question of a message is no rival to the first', () => {
  const likely = new Map([
    ['conjoint-procuration', 0.8],
    ['modifier-coordonnees', 0.1],
  ]);
  const o = { searchFirst: 'modifier-coordonnees', likely, confidence: 0.8, coverage: 0.8 };

  it('does not put a topic in doubt when the classifier’s first is the other question, answered after it', () => {
    expect(disputed('modifier-coordonnees', o)).toBe(true);
    expect(disputed('modifier-coordonnees', { ...o, besides: ['conjoint-procuration'] })).toBe(false);
    // The search's own first topic must still be the one answered.
    expect(disputed('modifier-coordonnees', { ...o, searchFirst: 'conjoint-procuration', besides: ['conjoint-procuration'] })).toBe(true);
  });

  it('answers both questions of such a message without « Je ne suis pas sûr »', () => {
    const a = assistant.ask('Où je change mon adresse mail ? Et mon mari, il peut le faire avec sa procuration ?', 'espace');
    expect(a.topic).toBe('modifier-coordonnees');
    expect(a.answer).not.toContain('Je ne suis pas sûr');
    expect(a.answer).toContain('Pour votre autre question (« Le conjoint, avec ou sans procuration ») :');
  });
});
