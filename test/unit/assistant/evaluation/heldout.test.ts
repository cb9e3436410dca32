import { describe, expect, it } from 'vitest';
import { Assistant, FALLBACK_TOPIC } from '../../../../src/assistant/assistant';
import { judgeHeldout, loadHeldout } from '../../../../src/assistant/evaluation/heldout/heldout';
import { ASSISTANT_STEPS } from '../../../../src/assistant/steps';

describe('the frozen held-out set of the assistant', () => {
  const cases = loadHeldout();

  it('holds at least 300 questions, on every step and on none, with unique ids', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const step of [...ASSISTANT_STEPS, null])
      expect(cases.filter((c) => c.step === step).length, String(step)).toBeGreaterThanOrEqual(15);
  });

  it('grades right, unsure and wrong answers', () => {
    const c = { ...cases[0]!, mustContain: [['identifiant provisoire'], ['10', 'dix']], mustNotContain: ['NIR'] };
    const answer = new Assistant({ agencyPhone: '3230' }).ask('bonjour');
    const as = (text: string, topic = 'x', handover = false, choices = false) => ({ ...answer, answer: text, topic, handover, choices });
    expect(judgeHeldout(c, as('Un Identifiant Provisoire de dix caractères')).verdict).toBe('right');
    expect(judgeHeldout(c, as('Un identifiant provisoire, pas de NIR, 10')).verdict).toBe('wrong');
    expect(judgeHeldout(c, as('Un identifiant provisoire')).verdict).toBe('wrong');
    expect(judgeHeldout(c, as('Je ne suis pas sûr de comprendre : appelez le 3230', FALLBACK_TOPIC, true)).verdict).toBe('unsure');
    expect(judgeHeldout(c, as('Je ne suis pas sûr : de quoi parlez-vous ?', 'choix', false, true)).verdict).toBe('unsure');
  });
});
