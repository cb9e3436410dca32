import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

const assistant = new Assistant({ agencyPhone: '3230' });

/** Following a request after « Faire la demande »: what happens to a request not finished. */
describe('a request started and not sent', () => {
  it.each([
    'je n’ai pas fini de remplir ma demande d’APL, je la perds si je ferme ?',
    'Est-ce que je peux continuer ma demande de RSA un autre jour, il me manque un papier',
    'demande commencée avant hier pas terminée, elle est où maintenant',
    'jai pas finit ma demande de prime, c sauvegarder ?',
  ])('says it is kept as a « Brouillon » for « %s »', (q) => {
    const a = assistant.ask(q, 'demarches');
    expect(a.topic).toBe('brouillon-demande');
    expect(a.answer).toContain('Brouillon');
    expect(a.answer).toContain('30 jours');
  });
});

/** Contesting a refusal: the answer names where to write for the prestation the message names, and only that. */
describe('contesting a refusal', () => {
  it.each([
    ['on m’a refusé le RSA, comment je fais un recours ?', 'département', 'recours amiable'],
    ['refus de prime d’activité, je veux contester', 'recours amiable', 'département'],
    ['ma demande d’APL est refusée, je conteste comment ?', 'recours amiable', 'MDPH'],
    ['mon AAH a été refusée, comment contester la décision ?', 'MDPH', 'département'],
  ])('« %s » names %s, not %s', (q, named, not) => {
    const a = assistant.ask(q, 'demarches');
    expect(a.topic).toBe('contester-decision');
    expect(a.answer).toContain(named);
    expect(a.answer).not.toContain(not);
  });

  it('names every way when no prestation is named', () => {
    const a = assistant.ask('Ma demande a été refusée, comment contester ?', 'demarches');
    for (const w of ['recours amiable', 'département', 'MDPH']) expect(a.answer).toContain(w);
  });
});
