import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { loadKnowledge } from '../../../src/assistant/knowledge';
import { passwordRules } from '../../../src/auth/password-rules';

const assistant = new Assistant({ agencyPhone: '3230' });
const knowledge = loadKnowledge();
const topic = (id: string) => knowledge.find((t) => t.id === id)!;

describe('gaps of the login and personal-space steps (our own sentences)', () => {
  it('the forgotten password says the new one takes no special character, and that nothing else is lost', () => {
    const text = topic('mot-de-passe-oublie').answer.join(' ');
    expect(text).toMatch(/uniquement des lettres et des chiffres/);
    expect(text).toMatch(/pas de caractères spéciaux/);
    expect(text).toMatch(/votre dossier et vos démarches restent les mêmes/);
    expect(passwordRules.map((r) => r.text).join(' ')).toMatch(/sans espace ni caractère spécial/);
    const a = assistant.ask('mon nouveau mot de passe peut contenir un @ ?', 'mot-de-passe-oublie');
    expect(a.topic).toBe('mot-de-passe-oublie');
    expect(a.answer).toMatch(/pas de caractères spéciaux/);
  });

  it('the aids of the handicap the Caf does not pay (PCH, carte mobilité inclusion) are sent to the MDPH', () => {
    expect(topic('hors-sujet').answer.join(' ')).toMatch(/PCH.*carte mobilité inclusion.*MDPH/);
  });

  it('an accepted request with nothing received yet gets the payments (the 5th of the following month)', () => {
    const a = assistant.ask('mon allocation a été acceptée mais aucun versement sur mon compte pour le moment', 'demarches');
    expect(a.topic).toBe('paiements');
    expect(a.answer).toMatch(/le 5 du mois suivant/);
  });
});
