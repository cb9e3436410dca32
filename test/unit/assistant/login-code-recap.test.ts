import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

/** The code's page, the forgotten password, the recap and a dependent's space: what a person there needs — in words of our own. */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('the code step', () => {
  it.each([
    'je me suis trompé de code à chaque essai et là il me demande d’en redemander un',
    'après trois mauvais codes on me dit d’en demander un autre, pourquoi',
  ])('says after how many wrong tries a new code is asked for: « %s »', (q) => {
    const a = assistant.ask(q, 'code');
    expect(a.answer).toMatch(/5 essais faux/);
    expect(a.answer).toContain('nouveau code');
  });

  it('never tells to type « le premier » code when several were sent: only the last one is valid', () => {
    const a = assistant.ask('deux sms avec un code chacun sont arrivés, je mets lequel', 'code');
    expect(a.answer).toMatch(/dernier/);
    expect(a.answer).not.toContain('le premier');
  });
});

describe('a code for the forgotten password', () => {
  it('reassures about a code one never asked for: the password stays as it is without it', () => {
    const a = assistant.ask('j’ai reçu un code caf sans rien demander, c’est normal ?', 'mot-de-passe-oublie');
    expect(a.answer).toContain('votre mot de passe reste le même tant que personne ne saisit ce code');
  });

  it('never seems to say the account exists when asked whether it does', () => {
    const a = assistant.ask(
      'on m’affiche « si un compte existe » alors est-ce que j’ai un compte ? Je n’ai pas reçu le code',
      'mot-de-passe-oublie',
    );
    expect(a.answer).toContain('la page ne dit pas si un compte existe');
    expect(a.answer).not.toMatch(/votre compte existe/i);
  });
});

describe('the recap', () => {
  it('reads a refused login as the login’s problem, not as a field to correct', () => {
    const a = assistant.ask(
      'je viens de finir l’inscription, je veux me connecter et on me dit identifiant ou mot de passe incorrect',
      'recapitulatif',
    );
    expect(a.topic).toBe('identifiant-connexion');
  });

  it('still takes a field entered wrong back to the step that asked it', () => {
    expect(assistant.ask('mon prénom est mal écrit', 'recapitulatif').topic).toBe('recapitulatif');
  });
});

describe('a dependent’s own space', () => {
  it('says what stays with the holder without a list that reads as things the dependent may do', () => {
    const a = assistant.ask('ma mère est à ma charge, si elle ouvre son espace elle pourra y faire quoi ?');
    expect(a.answer).toContain('Ce qui concerne tout le foyer (');
    expect(a.answer).toContain('reste au responsable du dossier');
  });
});
