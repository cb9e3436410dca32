import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

const assistant = new Assistant({ agencyPhone: '3230' });

/**
 * A person in distress in the middle of a request: the emergency numbers first, then what happens to the request
 * (it can wait as a brouillon; a refusal can be contested). Sentences written for this test (none from an evaluation set).
 */
describe('distress in the middle of a request', () => {
  it.each([
    'je suis en train de remplir ma demande de prime mais je fais un malaise, je saigne du nez sans arrêt',
    'j’étais sur le formulaire APL et là j’ai une douleur énorme dans la poitrine, je peux reprendre demain ?',
  ])('the 15 first, then the request kept for later: « %s »', (q) => {
    const a = assistant.ask(q, 'demarches' as never);
    expect(a.topic).toBe('urgence-medicale');
    expect(a.answer).toMatch(/brouillon/);
    expect(a.answer).toMatch(/plus tard/);
    expect(a.answer.indexOf('15')).toBeLessThan(a.answer.indexOf('brouillon'));
  });

  it.each([
    'on m’a refusé mon aide au logement, je vis dans ma voiture depuis dix jours',
    'mon APL a été rejetée, je dors dans la voiture avec mes affaires',
  ])('the 115 first, then the way to contest the refusal: « %s »', (q) => {
    const a = assistant.ask(q, 'demarches' as never);
    expect(a.topic).toBe('urgence-hebergement');
    expect(a.answer).toContain('115');
    expect(a.answer).toMatch(/deux mois/);
    expect(a.answer.indexOf('115')).toBeLessThan(a.answer.indexOf('deux mois'));
  });
});
