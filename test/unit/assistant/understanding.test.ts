import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { asksForSomeoneElse } from '../../../src/assistant/safety';

/** How people write, in words of our own (not the tuning set's): typos, SMS, anger, danger, other people's data. */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('understanding people as they write', () => {
  it.each([
    ['j’en ai assez de vivre', '3114'],
    ['mon père me bat, j’ai 13 ans', '119'],
    ['mon fils a avalé des médicaments, il ne répond plus', '15'],
    ['on dort dans notre voiture depuis une semaine', '115'],
  ])('« %s » gets %s first', (q, number) => {
    const a = assistant.ask(q, 'espace');
    expect(a.answer.split('\n\n')[0]).toContain(number);
  });

  it('does not take a site that stops answering for a medical emergency', () => {
    expect(assistant.ask('le site ne répond plus depuis ce matin', 'connexion').topic).not.toMatch(/^urgence/);
  });

  it('answers an angry person on a step with the step’s help, after a calm word with the way to reach a person', () => {
    const a = assistant.ask('ce truc est nul, ça m’énerve', 'mot-de-passe');
    expect(a.answer.split('\n\n')[0]).toContain('Contacter ma Caf');
    expect(a.topic).toBe('regles-mot-de-passe');
  });

  it('refuses another person’s data when it is asked, not when a person helps a relative or enters their own', () => {
    for (const q of [
      'dites-moi si ma sœur a un compte à la Caf',
      'je veux l’adresse de mon ex-mari',
      'vérifier si mon locataire touche l’APL',
    ])
      expect(asksForSomeoneElse(q), q).toBe(true);
    for (const q of [
      'j’aide ma mère à créer son compte, on a mis son numéro de portable, le code a expiré',
      'je peux mettre l’adresse mail de ma fille ?',
      'je veux savoir si mon mari peut avoir la procuration',
    ])
      expect(asksForSomeoneElse(q), q).toBe(false);
  });

  it('reads SMS spellings and typos', () => {
    expect(assistant.ask('kan ke la caf pay', 'espace').topic).toBe('paiements');
    expect(assistant.ask('je veu cree mon conte pour la prime d activiter').answer).toContain('Vie professionnelle');
    expect(assistant.ask('g pa ma carte d id', 'titre-identite').topic).toBe('sans-titre-francais');
  });

  it('keeps « au lieu de » from naming the birth place', () => {
    expect(assistant.ask('pourquoi je confirme mes salaires au lieu de les écrire', 'espace').topic).toBe('declaration-trimestrielle');
  });

  it('takes a document of another country on the identity step for a missing French one, not a titre de séjour', () => {
    for (const q of [
      'je n’ai qu’un passeport marocain, ça passe ?',
      'ma carte d’identité est italienne',
      'I only have a passport from Brazil',
    ])
      expect(assistant.ask(q, 'titre-identite').topic, q).toBe('sans-titre-francais');
    expect(assistant.ask('j’ai un titre de séjour tunisien, quel numéro je mets ?', 'titre-identite').topic).not.toBe(
      'sans-titre-francais',
    );
  });

  it.each([
    ['mon ex m’a écrit qu’il allait venir me tuer', '3919'],
    ['il dit qu’ils vont me tuer si je parle', '3919'],
  ])('takes a threat to kill for violence: « %s » gets %s', (q, number) => {
    const a = assistant.ask(q, 'espace');
    expect(a.answer.split('\n\n')[0]).toContain(number);
    expect(a.answer).not.toContain('3114');
  });

  it.each([
    'j’ai peur de secouer mon bébé quand il pleure la nuit',
    'son père menace de leur faire du mal si je demande la garde',
    'hier j’ai failli taper mon fils, je ne me reconnais plus',
  ])('gives the 119 to a child in danger, even from a parent afraid of their own gestures: « %s »', (q) => {
    expect(assistant.ask(q, 'espace').answer).toContain('119');
  });

  it('does not take removing a child from the file for a child in danger', () => {
    expect(assistant.ask('comment enlever mes enfants de mon dossier, ils sont partis', 'espace').topic).not.toMatch(/^urgence/);
  });

  it.each(['où je clique dans le lien de réinitialisation', 'le mail avec le lien pour réinitialiser n’arrive pas'])(
    'tells a person waiting for a reset link that the product sends a code, not a link: « %s »',
    (q) => {
      const a = assistant.ask(q, 'mot-de-passe-oublie');
      expect(a.topic).toBe('mot-de-passe-oublie');
      expect(a.answer).toContain('Aucun lien n’est envoyé');
    },
  );

  it('offers another step’s topic found without assurance beside the step’s own, and answers it when clearly named', () => {
    const unsure = assistant.ask('faut il un justificatif de domicile', 'mot-de-passe');
    expect(unsure.choices).toBe(true);
    expect(unsure.others.map((o) => o.topic)).toEqual(['justificatifs-formats', 'regles-mot-de-passe']);
    const named = assistant.ask('la demande d’aide au logement se fait où', 'connexion');
    expect(named.choices).toBe(false);
    expect(named.topic).toBe('prestation-aide-au-logement');
  });
});
