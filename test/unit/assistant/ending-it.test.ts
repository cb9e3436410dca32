import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

const assistant = new Assistant({ agencyPhone: '3230' });

/** « Après ça j'en finis » said at the end of a request is a suicide told in passing; « j'en finis avec le dossier » is not. */
describe('ending it, told in passing', () => {
  it.each([
    ['recapitulatif', 'voilà le récap est fait, après ça j’en finis, mes enfants auront au moins les allocations'],
    ['demarches', 'j’envoie ma demande et ce soir j’en finis, je n’en peux plus'],
  ])('the 3114 (%s): « %s »', (step, q) => {
    const a = assistant.ask(q, step as never);
    expect(a.topic).toBe('urgence-suicide');
    expect(a.answer).toContain('3114');
  });

  it.each([
    ['recapitulatif', 'après j’en finis avec le récap et je clique où ?'],
    ['demarches', 'j’en finis demain de remplir le formulaire, il est long'],
  ])('not a distress (%s): « %s »', (step, q) => {
    expect(assistant.ask(q, step as never).answer).not.toContain('3114');
  });
});
