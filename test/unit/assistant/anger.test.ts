import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

/**
 * Anger: a calm word and the way to a person, then the question answered — searched without the
 * clauses that only vent. Each sentence is ours, none from a tuning or held-out set.
 */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('an angry message', () => {
  it('is answered calmly, with the way to a person, and its question searched without the venting', () => {
    const a = assistant.ask('le code n’arrive jamais, c’est toujours pareil avec vous, ras le bol', 'code');
    expect(a.topic).toBe('code-non-recu');
    expect(a.confidence).toBeGreaterThanOrEqual(0.7);
    expect(a.answer).toContain('Je comprends que ce soit pénible');
    expect(a.answer).toContain('Contacter ma Caf');
    expect(a.answer).toContain('3230');
  });

  it('on the contact step, reads a bare « numéro » as the phone number the step asks for', () => {
    for (const q of [
      'le site refuse mon numéro, vous êtes vraiment des incapables',
      'il me dit que le numéro n’est pas valide alors que c’est le mien',
    ]) {
      const a = assistant.ask(q, 'contact');
      expect(a.topic, q).toBe('sms-ou-mail');
      expect(a.answer, q).toMatch(/06, 07/);
    }
    expect(assistant.ask('mon numéro de sécurité sociale est refusé', 'contact').topic).not.toBe('sms-ou-mail');
  });

  it('that only vents gets the calm answer alone', () => {
    const a = assistant.ask('vous êtes des incapables, bande de nuls');
    expect(a.topic).toBe('frustration');
    expect(a.answer).toContain('Contacter ma Caf');
  });
});
