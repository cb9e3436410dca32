import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { specificRecourse } from '../../../src/assistant/recourse';

/** Contesting a decision: the RSA goes to the département, the AAH and the AEEH to the MDPH, the rest to the Caf. */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('contesting a decision', () => {
  it.each([
    ['on m’a refusé le RSA, je fais comment pour contester', 'contester-rsa', 'président du conseil départemental'],
    ['RSA refusé. Je peux faire appel ? À qui ?', 'contester-rsa', 'président du conseil départemental'],
    ['AAH refusée, ou envoyer ma contestation', 'contester-handicap', 'MDPH'],
    ['L’AEEH de ma fille refusée. Le recours, c’est où ?', 'contester-handicap', 'MDPH'],
  ])('answers « %s » with the prestation’s own way, never the Caf’s commission', (q, topic, where) => {
    const a = assistant.ask(q);
    expect(a.answer).toContain(where);
    expect(a.answer).not.toContain('commission de recours amiable');
    expect([a.topic, ...a.others.map((o) => o.topic)]).toContain(topic);
  });

  it('answers a refusal of another prestation with the Caf’s commission', () => {
    const a = assistant.ask('mon aide au logement est refusée, comment contester ?');
    expect(a.topic).toBe('contester-decision');
    expect(a.answer).toContain('commission de recours amiable');
  });

  it('reads the prestation named anywhere in the message, and only when one is named', () => {
    expect(specificRecourse('Le revenu de solidarité active m’a été refusé')).toBe('contester-rsa');
    expect(specificRecourse('moi handicapé, refus')).toBe('contester-handicap');
    expect(specificRecourse('refus de mon aide au logement')).toBeUndefined();
    expect(specificRecourse('RSA et AAH refusés')).toBeUndefined();
  });
});
