import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

const assistant = new Assistant({ agencyPhone: '3230' });

/** Answers to a person who names someone else, or who is angry: what they need, said plainly. Each sentence is ours. */
describe('answers beside someone else named, or anger', () => {
  it('a password shared with a partner: it is personal, each has their own', () => {
    const a = assistant.ask('ma compagne et moi, on peut garder un seul mot de passe pour nous deux ?', 'mot-de-passe');
    expect(a.topic).toBe('regles-mot-de-passe');
    expect(a.answer).toMatch(/personnel/);
    expect(a.answer).toMatch(/son propre mot de passe/);
  });

  it('an error on the recap is corrected without starting again from the beginning', () => {
    const a = assistant.ask('c’est nul, mon prénom est faux sur le résumé, je dois encore tout refaire ??', 'recapitulatif');
    expect(a.topic).toBe('recapitulatif');
    expect(a.answer).not.toMatch(/recommencer depuis le début/);
    expect(a.answer).toMatch(/sans tout ressaisir/);
  });
});
