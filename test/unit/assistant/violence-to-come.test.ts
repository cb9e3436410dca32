import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

const assistant = new Assistant({ agencyPhone: '3230' });

/**
 * A threat of violence to come, told in passing beside a request: the 3919 and the 17 first. Sentences written for
 * this test (none from an evaluation set).
 */
describe('a threat of violence to come', () => {
  it.each([
    ['connexion', 'mon ex m’écrit qu’il va venir s’en prendre à mes enfants, et moi je n’arrive pas à me connecter'],
    ['mot-de-passe', 'vite le mot de passe svp, s’il découvre que je demande le RSA seule il risque de redevenir violent'],
    ['demarches', 'je déclare ma séparation mais mon mari dit qu’il va s’en prendre à moi si je le fais'],
  ])('the numbers first (%s): « %s »', (step, q) => {
    const a = assistant.ask(q, step as never);
    expect(a.topic).toBe('urgence-violence');
    expect(a.answer).toContain('3919');
  });
});
