import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { answerFor } from '../../../src/assistant/cases';
import { topicSchema } from '../../../src/assistant/knowledge';

/**
 * The login's answers (se connecter, mot de passe oublié, FranceConnect): a code at login gets the login code's facts,
 * the registration's its own; what is true is said rather than the wrong thing denied. Sentences of our own.
 */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('a topic’s answer for the person’s step', () => {
  const topic = topicSchema.parse({
    id: 'exemple',
    title: 'Exemple',
    steps: ['code', 'connexion'],
    answer: ['général'],
    sources: [{ title: 'Se connecter', url: '/connexion' }],
    questions: [],
    cases: [
      { when: ['code de connexion'], steps: ['connexion'], answer: ['connexion'] },
      { when: ['RSA'], answer: ['rsa'] },
    ],
  });

  it('answers the case of the step, else the general answer', () => {
    expect(answerFor(topic, { text: 'le code ne vient pas', step: 'connexion' })).toEqual(['connexion']);
    expect(answerFor(topic, { text: 'le code ne vient pas', step: 'code' })).toEqual(['général']);
    expect(answerFor(topic, { text: 'le code ne vient pas' })).toEqual(['général']);
  });

  it('answers the case the message names before the step’s', () => {
    expect(answerFor(topic, { text: 'le code de connexion ne vient pas' })).toEqual(['connexion']);
    expect(answerFor(topic, { text: 'et pour le RSA ?', step: 'connexion' })).toEqual(['rsa']);
  });

  it('refuses a case with neither words nor steps', () => {
    expect(() => topicSchema.parse({ ...topic, cases: [{ answer: ['rien'] }] })).toThrow();
  });
});

describe('the code of a login is not the registration’s', () => {
  it.each([
    'le code est arrivé mais je l’ai saisi vingt minutes plus tard, il est refusé',
    'j’ai attendu trop longtemps avant de mettre le code, il ne passe plus',
  ])('answers « %s » on « Se connecter » with the login’s code and its 15 minutes', (q) => {
    const a = assistant.ask(q, 'connexion');
    expect(a.answer).toContain('10 minutes');
    expect(a.answer).toContain('15 minutes qui suivent votre mot de passe');
    expect(a.answer).toContain('saisir à nouveau votre identifiant et votre mot de passe');
    expect(a.answer).not.toContain('une heure');
    expect(a.answer).not.toContain('Modifiez vos coordonnées de contact');
  });

  it('answers the same question on the registration’s code step without the login’s 15 minutes', () => {
    const a = assistant.ask('j’ai attendu trop longtemps avant de mettre le code, il ne passe plus', 'code');
    expect(a.answer).toContain('10 minutes');
    expect(a.answer).not.toContain('15 minutes qui suivent votre mot de passe');
  });

  it('answers a code of « Mot de passe oublié ? » with the request’s 20 minutes', () => {
    const a = assistant.ask('le code pour changer de mot de passe ne marche plus, trop tard ?', 'mot-de-passe-oublie');
    expect(a.answer).toMatch(/demande (elle-même )?dure 20 minutes/);
    expect(a.answer).not.toContain('une heure');
  });

  it('says that after wrong codes at login one can always try again, not what one is not', () => {
    const a = assistant.ask('j’ai tapé un mauvais code quatre fois, mon compte est verrouillé ?', 'connexion');
    expect(a.answer).toContain('« Renvoyer un code »');
    expect(a.answer).toContain('vous pouvez toujours réessayer');
    expect(a.answer).not.toMatch(/bloqué pour de bon/);
  });
});

describe('what the login’s identifier is', () => {
  it('says what to type, without naming what not to type', () => {
    const a = assistant.ask('pour me connecter, je mets quoi dans le premier champ ?', 'connexion');
    expect(a.topic).toBe('identifiant-connexion');
    expect(a.answer).toContain('votre identifiant est votre numéro de sécurité sociale');
    expect(a.answer).not.toMatch(/allocataire/);
  });

  it('answers a person who typed their numéro allocataire with what each number is for', () => {
    const a = assistant.ask('je tape mon numéro allocataire pour me connecter et ça ne passe pas', 'connexion');
    expect(a.answer).toContain('« Numéro de sécurité sociale ou identifiant provisoire »');
    expect(a.answer).toContain('Votre numéro allocataire (7 chiffres) sert, lui, à vos échanges avec la Caf');
  });
});

describe('a password typed wrong several times', () => {
  it.each([
    'voilà six fois que je tape mon mdp et il me répond incorrect',
    'mot de passe refusé encore et encore, on me dit de réessayer plus tard',
  ])('answers « %s » with the throttle and « Mot de passe oublié ? », not the code', (q) => {
    const a = assistant.ask(q, 'connexion');
    expect(a.topic).toBe('connexion-bloquee');
    expect(a.answer).toContain('« Mot de passe oublié ? »');
    expect(a.answer).toContain('vous pouvez toujours réessayer');
  });
});

describe('someone else’s credentials', () => {
  it('says they cannot be used, and that each person logs in themselves', () => {
    const a = assistant.ask(
      'j’ai les identifiants ameli de ma sœur, je peux passer par FranceConnect pour regarder ses allocs ?',
      'franceconnect',
    );
    expect(a.topic).toBe('donnees-d-autrui');
    expect(a.answer).toContain('Vous ne pouvez pas utiliser le compte ni les identifiants d’une autre personne');
    expect(a.answer).toContain('Chacun se connecte lui-même');
  });
});
