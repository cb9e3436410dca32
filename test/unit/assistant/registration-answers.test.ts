import { describe, expect, it } from 'vitest';
import { Assistant, splitQuestions } from '../../../src/assistant/assistant';

/**
 * What the assistant says on the registration's steps: the recap's purpose, why the birth place is asked, the birth
 * name, a NIR that is valid said to be accepted, how soon the code arrives; and a short follow-up (« il est accepté ? »)
 * read with the sentence it points back at. Sentences of our own, not the tuning sets'.
 */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('a short follow-up question', () => {
  it('stays with the sentence it points back at', () => {
    expect(splitQuestions('J’ai un numéro qui commence par 8. Il est bon ?')).toEqual(['J’ai un numéro qui commence par 8 Il est bon']);
    expect(splitQuestions('Je mets mon nom de jeune fille ? ça passe ?')).toEqual(['Je mets mon nom de jeune fille ça passe']);
  });

  it('is still a question of its own when it names its subject', () => {
    expect(splitQuestions('Je mets mon nom de jeune fille ? Et le mot de passe, combien de caractères ?')).toHaveLength(2);
  });

  it('does not pull another step’s topic into the answer', () => {
    const a = assistant.ask('La CPAM m’a donné un numéro provisoire qui commence par 8. Il est accepté ?', 'etat-civil');
    expect(a.answer).toContain('est accepté');
    expect(a.answer).not.toContain('Pour votre autre question');
    expect(a.answer).not.toContain('mot de passe doit contenir');
  });
});

describe('the answers of the registration’s steps', () => {
  it('says the recap is there to check the answers before the account is created, from that page', () => {
    const a = assistant.ask('cette page ça sert à quoi, on peut passer directement ?', 'recapitulatif');
    expect(a.topic).toBe('recapitulatif');
    expect(a.answer).toContain('sert à vérifier');
    expect(a.answer).toContain('le compte est créé depuis cette page');
    expect(a.answer).toContain('« Créer mon compte »');
  });

  it('says why the birth place is asked: it is checked against the NIR', () => {
    const a = assistant.ask('pourquoi faut-il donner la ville où je suis né ?', 'etat-civil');
    expect(a.topic).toBe('lieu-naissance');
    expect(a.answer).toContain('sert à vérifier votre numéro de sécurité sociale');
  });

  it('names the maiden name as the birth name of a married woman', () => {
    const a = assistant.ask('je suis mariée, dans nom de naissance je mets celui de mon mari ?', 'etat-civil');
    expect(a.topic).toBe('etat-civil-nom');
    expect(a.answer).toContain('nom de jeune fille');
  });

  it('says a NIR with 99 (born abroad) is accepted, without the word of a refusal', () => {
    const a = assistant.ask('mon numéro de sécu a 99 au milieu car je suis née au Maroc, c’est normal ?', 'etat-civil');
    expect(a.answer).toContain('c’est accepté');
    expect(a.answer).not.toMatch(/refusé/);
  });

  it('reads « tps » as « temps »: how soon the code arrives, not an amount', () => {
    const a = assistant.ask('cb de tps pour recevoir le code ?', 'contact');
    expect(a.topic).not.toBe('montant');
    expect(a.answer).toBe(assistant.ask('cb de temps pour recevoir le code ?', 'contact').answer);
  });

  it('says a French passport number mixes digits and letters', () => {
    const a = assistant.ask('où est le numéro sur mon passeport ?', 'titre-identite');
    expect(a.topic).toBe('titres-acceptes');
    expect(a.answer).toContain('des chiffres et des lettres mélangés');
  });
});
