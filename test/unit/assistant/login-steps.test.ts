import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

/**
 * The login's steps (se connecter, mot de passe oublié, FranceConnect) and the help page (no step): what a person
 * there needs, in words of our own, not the tuning sets'.
 */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('logging in', () => {
  it.each([
    'pas de numero secu, je me connecte avec quoi alors',
    'vu que j’ai pas de numéro de sécurité sociale, je me connecte avec quoi ?',
  ])('answers « %s » on the login page with the provisional identifier, not the NIR’s format', (q) => {
    const a = assistant.ask(q, 'connexion');
    expect(a.topic).toBe('sans-nir');
    expect(a.answer).toContain('identifiant provisoire');
  });
});

describe('FranceConnect: what people ask of it, as the product does it', () => {
  const fc = (q: string) => assistant.ask(q, 'franceconnect');

  it('says it costs nothing', () => {
    const a = fc('FranceConnect ça coûte quelque chose ?');
    expect(a.topic).toBe('franceconnect');
    expect(a.answer).toContain('Il est gratuit (rien à payer, aucune carte bancaire n’est demandée)');
  });

  it('says the consent to share one’s data with the Caf is expected', () => {
    const a = fc('on me demande d’accepter que mes infos soient envoyées à la caf, c’est une arnaque ?');
    expect(a.topic).toBe('franceconnect');
    expect(a.answer).toContain('FranceConnect vous demande d’autoriser le partage de vos données avec la Caf : c’est normal');
  });

  it('says a birth abroad comes as a country without a commune', () => {
    const a = fc('je suis née au Sénégal, ça passe avec FranceConnect ?');
    expect(a.topic).toBe('franceconnect');
    expect(a.answer).toContain('FranceConnect transmet votre pays de naissance, sans commune');
  });

  it('sends a person without a NIR to the form and its provisional identifier, as the FranceConnect page does', () => {
    const a = fc('j’ai pas de numéro de sécu, FranceConnect peut me servir ?');
    expect(a.topic).toBe('franceconnect');
    expect(a.answer).toContain('créez votre compte sans FranceConnect, avec le formulaire');
    expect(a.answer).toContain('un identifiant provisoire vous est donné');
  });

  it('says a wrong identity is corrected by the account used through FranceConnect', () => {
    const a = fc('FranceConnect a mal écrit mon nom, qui peut le corriger ?');
    expect(a.topic).toBe('franceconnect-probleme');
    expect(a.answer).toContain('(impots.gouv, ameli, La Poste…)');
  });
});

describe('the step’s own topic first, on the FranceConnect and forgotten-password pages', () => {
  // The search alone (no classifier to resolve the choice) finds two close topics for each.
  const search = new Assistant({ agencyPhone: '3230', topicClassifier: false });

  it.each([
    ['france connect a rempli le pays de naissance sans la ville, c’est embêtant ?', 'franceconnect'],
    // « combien de temps dure le code de réinitialisation » is found surely since the topic says the code lasts 10 minutes.
    ['pas reçu de lien', 'mot-de-passe-oublie'],
  ] as const)('answers « %s » with the step’s own topic, said to be the closest one, rather than a choice', (q, step) => {
    const a = search.ask(q, step);
    expect(a.choices).toBe(false);
    expect(a.topic).toBe(step);
    expect(a.answer).toContain('Je ne suis pas sûr');
    expect(a.handover).toBe(true);
  });
});

describe('« si un compte correspond, un code a été envoyé »', () => {
  it('never says, even to deny it, that the person has no account', () => {
    const a = assistant.ask(
      'mot de passe oublié : il affiche « si un compte correspond… », donc je suis pas inscrite ?',
      'mot-de-passe-oublie',
    );
    expect(a.topic).toBe('si-un-compte-correspond');
    expect(a.answer).toContain('ne veut pas dire qu’il n’y a pas de compte à votre nom');
    for (const said of ['vous n’avez pas de compte', 'aucun compte n’existe', 'votre compte n’existe pas'])
      expect(a.answer).not.toContain(said);
  });
});

describe('being stuck, said without saying where', () => {
  it.each(['j’y arrive pas', 'jy arrive pa', 'j’y arrive plus du tout'])(
    'reads « %s » as being stuck, not as a code that does not arrive: on the help page, what the assistant can do and a question back',
    (q) => {
      const a = assistant.ask(q);
      expect(a.topic).toBe('assistant');
      expect(a.answer).toContain('quelle étape vous pose problème');
    },
  );

  it('still reads a code that does not arrive', () => {
    expect(assistant.ask('le code arrive pas').topic).toBe('code-non-recu');
  });
});
