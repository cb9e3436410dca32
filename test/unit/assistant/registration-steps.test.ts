import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

/**
 * On the forms of « Créer Mon Compte » (état civil, titre d'identité, contact, code, mot de passe) a message is
 * about the field in front of the person: words of our own, not the tuning sets'.
 */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('the registration’s form steps', () => {
  it('answers the step’s own topic as the closest one when the search finds only close topics, the others as links', () => {
    const a = assistant.ask('ça marche pas pour la carte', 'titre-identite');
    expect(a.choices).toBe(false);
    expect(a.topic).toBe('titres-acceptes');
    expect(a.answer).toContain('Je ne suis pas sûr');
    expect(a.answer).toContain('3230');
    expect(a.answer).toContain('reformulez votre question');
    expect(a.others.length).toBeGreaterThan(0);
    expect(a.others.map((o) => o.topic)).not.toContain('titres-acceptes');
  });

  it.each([
    ['ça coince ici', 'titre-identite', 'titres-acceptes'],
    ['je galère grave', 'mot-de-passe', 'regles-mot-de-passe'],
  ])('answers « %s » on %s with the step’s topic, said to be the closest one, rather than « je n’ai pas compris »', (q, step, topic) => {
    const a = assistant.ask(q, step as 'code');
    expect(a.topic).toBe(topic);
    expect(a.answer).toContain('Je ne suis pas sûr');
    expect(a.handover).toBe(true);
  });

  it('still offers another step’s topic found without assurance beside the step’s own', () => {
    expect(assistant.ask('faut il un justificatif de domicile', 'mot-de-passe').choices).toBe(true);
  });
});
