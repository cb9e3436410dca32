import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

const assistant = new Assistant({ agencyPhone: '3230' });

/**
 * A carer asking about the proche aidant aid for a very ill relative is not a medical emergency on the classifier's
 * word alone; an emergency the rules see still comes first. Sentences written for this test (none from an evaluation set).
 */
describe('a carer of a very ill relative', () => {
  it.each([
    'ma mère a un cancer, je m’en occupe chaque jour, il y a une allocation pour ça ?',
    'Mon mari est gravement malade et je m’occupe de lui à plein temps, quelle aide pour les aidants ?',
    'mon pere est tres malade je m en occupe tous les jours, c quoi l aide proche aidant',
  ])('the AJPA, not the 15: « %s »', (q) => {
    const a = assistant.ask(q, 'demarches' as never);
    expect(a.topic).toBe('prestation-ajpa');
    expect(a.answer).not.toContain('urgence médicale');
  });

  it('an emergency told beside it still comes first', () => {
    const a = assistant.ask('je m’occupe de mon père, il vient de tomber et ne respire plus, quelle aide ?', 'demarches' as never);
    expect(a.topic).toBe('urgence-medicale');
    expect(a.answer).toContain('15');
  });
});
