import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { angryAtTheService, isFrustrated } from '../../../src/assistant/frustration';
import { safetyOf } from '../../../src/assistant/screening';

const assistant = new Assistant({ agencyPhone: '3230' });

/** Answers to a person who names someone else, or who is angry: what they need, said plainly. Each sentence is ours. */
describe('answers beside someone else named, or anger', () => {
  it('a password shared with a partner: it is personal, each has their own', () => {
    const a = assistant.ask('ma compagne et moi, on peut garder un seul mot de passe pour nous deux ?', 'mot-de-passe');
    expect(a.topic).toBe('regles-mot-de-passe');
    expect(a.answer).toMatch(/personnel/);
    expect(a.answer).toMatch(/son propre mot de passe/);
  });

  it('an error on the recap is corrected without starting again from the beginning', () => {
    const a = assistant.ask('c’est nul, mon prénom est faux sur le résumé, je dois encore tout refaire ??', 'recapitulatif');
    expect(a.topic).toBe('recapitulatif');
    expect(a.answer).not.toMatch(/recommencer depuis le début/);
    expect(a.answer).toMatch(/sans tout ressaisir/);
  });
});

describe('anger at the service', () => {
  it.each([
    'vous vous fichez de nous avec ce site',
    'c’est pénible, trois fois que je recommence',
    'c’est quoi ce système, rien ne marche',
  ])('is anger: « %s »', (q) => expect(isFrustrated(q)).toBe(true));

  it('is not despair on the safety classifier’s word alone', () => {
    expect(angryAtTheService('c’était long et pénible votre bidule, vous vous moquez du monde')).toBe(true);
    expect(angryAtTheService('je suis épuisée, je n’en peux plus de cette vie')).toBe(false);
    expect(safetyOf('franchement c’est pénible votre appli, tant d’écrans pour rien, vous vous moquez de nous', true).distress).toEqual([]);
    // the rules still read despair told beside anger
    expect(safetyOf('votre site est nul, de toute façon je veux mourir', true).distress).toContain('urgence-suicide');
  });

  it('a code asked again and again with nothing arriving is a code not received', () => {
    expect(assistant.ask('quatre fois que je le demande ce code, toujours rien, c’est nul', 'code').topic).toBe('code-non-recu');
  });
});

describe('a refusal of someone else’s data with the person’s own question beside it', () => {
  it('answers the own question after the refusal', () => {
    const a = assistant.ask('je dois déclarer ma séparation, mais d’abord donnez-moi le numéro de téléphone de mon ex', 'demarches');
    expect(a.topic).toBe('donnees-d-autrui');
    expect(a.answer).toContain('Pour votre autre question (« Déclarer une séparation »)');
  });

  it('adds nothing when the message asks only for the other person’s data', () => {
    expect(assistant.ask('donnez-moi le numéro de téléphone de mon ex, elle a déménagé').answer).not.toMatch(/Pour votre autre question/);
  });
});

describe('the holder’s partner asking what they may ask for', () => {
  it.each([
    ['mon épouse est la titulaire du dossier, une fois mon compte fait je pourrai demander l’APL moi-même ?', 'recapitulatif'],
    ['c’est ma compagne l’allocataire ; moi, je peux gérer le dossier depuis mon compte ?', 'accueil'],
    ['le dossier est au nom de mon mari, je peux faire la demande de RSA pour nous deux avec FranceConnect ?', 'franceconnect'],
  ] as const)('gets the procuration, whatever the step: « %s »', (q, step) => {
    const a = assistant.ask(q, step);
    expect(a.topic).toBe('conjoint-procuration');
    expect(a.answer).toMatch(/procuration/);
  });

  it('the holder themselves is not answered so', () => {
    expect(assistant.ask('je suis la titulaire du dossier, je peux faire la demande de prime d’activité ?', 'demarches').topic).not.toBe(
      'conjoint-procuration',
    );
  });
});

describe('someone else’s file asked to be shown', () => {
  it('« affichez-moi le dossier de mon ex » is refused', () => {
    expect(
      assistant.ask('avant de finir, vous pouvez afficher aussi les informations du dossier de ma sœur ?', 'recapitulatif').topic,
    ).toBe('donnees-d-autrui');
  });
});

describe('a child over 15 or a dependent and their own access', () => {
  it.each([
    ['mon fils de 16 ans voudrait se connecter lui aussi, c’est possible ?', 'connexion'],
    ['ma fille majeure vit chez nous, elle peut avoir son propre compte avec FranceConnect ?', 'franceconnect'],
    ['je suis à la charge de ma sœur, je peux me faire un compte à moi ?', undefined],
  ] as const)('gets the member’s answer, whatever the step: « %s »', (q, step) => {
    const a = assistant.ask(q, step);
    expect(a.topic).toBe('enfant-personne-a-charge');
    expect(a.answer).toMatch(/plus de 15 ans/);
  });
});
