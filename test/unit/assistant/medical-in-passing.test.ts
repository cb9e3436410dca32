import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

const assistant = new Assistant({ agencyPhone: '3230' });

/**
 * A medical emergency told in passing beside a request: the 15 first. A long wait told beside it (« depuis deux
 * mois ») does not make the symptom of since last night a past one. Sentences written for this test (none from an
 * evaluation set).
 */
describe('a medical emergency told in passing', () => {
  it.each([
    ['code', 'toujours pas de code, et là j’ai mal à la poitrine, je me sens pas bien'],
    ['connexion', 'impossible de me connecter et j’ai du mal à respirer depuis tout à l’heure'],
    ['code', 'je suis enceinte de 7 mois, je perds de l’eau, et le code n’arrive pas'],
    ['demarches', 'ça fait trois mois que j’attends mon APL et mon fils de 2 ans a 40 de fièvre depuis hier, il respire mal'],
  ])('the 15 first (%s): « %s »', (step, q) => {
    const a = assistant.ask(q, step as never);
    expect(a.topic).toBe('urgence-medicale');
    expect(a.answer).toContain('15');
  });
});
