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
