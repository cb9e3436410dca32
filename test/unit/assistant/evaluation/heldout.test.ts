import { describe, expect, it } from 'vitest';
import { Assistant, FALLBACK_TOPIC } from '../../../../src/assistant/assistant';
import { heldoutFiles, judgeHeldout, loadHeldout, versionOf } from '../../../../src/assistant/evaluation/heldout/heldout';
import { ASSISTANT_STEPS } from '../../../../src/assistant/steps';

describe('the frozen held-out set of the assistant', () => {
  const files = heldoutFiles();
  const cases = files.flatMap((f) => loadHeldout(f));

  it('holds sets of at least 300 questions each, on every step and on none, with unique ids', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const version of new Set(files.map(versionOf))) {
      const set = files.filter((f) => versionOf(f) === version).flatMap((f) => loadHeldout(f));
      expect(set.length, version).toBeGreaterThanOrEqual(300);
      for (const step of [...ASSISTANT_STEPS, null])
        expect(set.filter((c) => c.step === step).length, `${version} ${step}`).toBeGreaterThanOrEqual(15);
    }
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
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
