import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { brokenPasswordRules } from '../../../src/auth/password-rules';

/**
 * The password step and the FranceConnect step: what the rules ask (one capital and one digit, anywhere,
 * 10 characters enough), what follows the password, an angry word calmed with a way to a person, an e-mail
 * changed on FranceConnect (accounts are linked by FranceConnect's `sub`, never by e-mail:
 * src/journeys/franceconnect/use-cases.ts), a FranceConnect that fails on the way back. Our own sentences.
 */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('the password rules, said plainly', () => {
  it('one capital and one digit are enough, anywhere in the password (src/auth/password-rules.ts)', () => {
    expect(brokenPasswordRules('1abcdefghI')).toEqual([]);
    const a = assistant.ask('Combien de chiffres faut-il, et est-ce que je peux commencer par un chiffre ?', 'mot-de-passe');
    expect(a.topic).toBe('regles-mot-de-passe');
    expect(a.answer).toMatch(/Une seule majuscule et un seul chiffre suffisent/);
    expect(a.answer).toMatch(/au début, au milieu ou à la fin/);
  });

  it('says yes to exactly 10 characters when the rules are met', () => {
    expect(brokenPasswordRules('Abcdefgh12')).toEqual([]);
    const a = assistant.ask('Dix caractères avec une majuscule et deux chiffres, ça suffit ?', 'mot-de-passe');
    expect(a.topic).toBe('regles-mot-de-passe');
    expect(a.answer).toMatch(/10 caractères tout juste, c’est assez/);
  });

  it('says what comes after the password: the récapitulatif, then « Se connecter »', () => {
    const a = assistant.ask('Une fois le mot de passe validé, il reste quoi à faire ?', 'mot-de-passe');
    expect(a.answer).toMatch(/récapitulatif/);
    expect(a.answer).toMatch(/« Se connecter »/);
  });

  it('answers anger at the rules calmly, with the rule and a way to a person', () => {
    const a = assistant.ask('Interdire les symboles dans un mot de passe, c’est vraiment n’importe quoi !!!', 'mot-de-passe');
    expect(a.topic).toBe('regles-mot-de-passe');
    expect(a.answer).toContain('Je comprends que ce soit pénible');
    expect(a.answer).toContain('3230');
    expect(a.answer).toMatch(/refuse les caractères spéciaux/);
  });
});

describe('FranceConnect', () => {
  it('keeps the account linked when the e-mail changes on FranceConnect', () => {
    const a = assistant.ask(
      'J’ai une nouvelle adresse mail sur impots.gouv, mon compte Caf par FranceConnect va marcher encore ?',
      'franceconnect',
    );
    expect(a.topic).toBe('franceconnect');
    expect(a.answer).toMatch(/votre compte reste lié et vous ne perdez pas l’accès/);
    expect(a.answer).toMatch(/ne se fait pas par l’adresse mail/);
  });

  it('calms someone going round in circles between the two sites, with a way to a conseiller', () => {
    const a = assistant.ask('je tourne en rond entre impots.gouv et la caf avec franceconnect', 'franceconnect');
    expect(a.answer).toContain('Je comprends que ce soit pénible');
    expect(a.answer).toContain('parler à un conseiller');
    expect(a.answer).toContain('3230');
  });

  it('reads a blank page or a return without being logged in as a FranceConnect failure: try again', () => {
    for (const q of [
      'après FranceConnect j’ai juste une page blanche',
      'je reviens sur le site de la caf mais je suis pas connecté après franceconnect',
    ]) {
      const a = assistant.ask(q, 'franceconnect');
      expect(a.topic, q).toBe('franceconnect-probleme');
      expect(a.answer, q).toMatch(/réessayer/);
    }
  });
});

describe('logged in with FranceConnect', () => {
  it('gives the whole personal space, as a password does (src/auth/sessions.ts: the method only counts for re-authentication)', () => {
    const a = assistant.ask('si je me connecte par franceconnect est-ce que je peux demander le rsa ?', 'franceconnect');
    expect(a.topic).toBe('franceconnect');
    expect(a.answer).toMatch(/vous avez accès à tout votre espace, comme avec un mot de passe/);
    expect(a.answer).toMatch(/dépend de votre rôle dans le foyer \(responsable du dossier, [^)]*\), pas de la façon de vous connecter/);
  });
});
