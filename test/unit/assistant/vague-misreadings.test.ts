import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';

/**
 * Short, vague, everyday messages (issue 23: « the step is a strong prior »): the step's own topic said to be only the
 * closest one, never a confident topic that a single word pulled, and no unrelated topic offered as a link. Our own sentences.
 */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('a vague message is not read through one of its words', () => {
  it.each([
    ['je suis un peu perdue ici', 'espace', 'demander-prestation'],
    ['je suis perdu', 'connexion', 'identifiant-connexion'],
    ['le site ne charge plus', 'espace', 'demander-prestation'],
    ['et maintenant ?', 'espace', 'demander-prestation'],
    ['c’est quoi ce bouton', 'franceconnect', 'franceconnect'],
  ])('« %s » on %s gets the step’s own topic, said to be only the closest one', (q, step, topic) => {
    const a = assistant.ask(q, step as 'espace');
    expect(a.topic).toBe(topic);
    expect(a.answer).toContain('Je ne suis pas sûr');
  });

  it('still reads a lost password, a dependent « à ma charge » and the recap’s « et maintenant ? »', () => {
    expect(assistant.ask('j’ai perdu mon mot de passe', 'connexion').topic).toBe('mot-de-passe-oublie');
    expect(assistant.ask('mon fils est à ma charge', 'espace').topic).toBe('enfant-personne-a-charge');
    expect(assistant.ask('et maintenant ?', 'recapitulatif').topic).toBe('recapitulatif');
  });
});

describe('the close topics linked beside an unsure answer fit the message', () => {
  it.each([
    ['ça bloque', 'franceconnect'],
    ['je comprends rien du tout', 'demarches'],
    ['rien ne marche', 'demarches'],
  ])('« %s » on %s links no topic of another page that only shares a word', (q, step) => {
    const a = assistant.ask(q, step as 'demarches');
    for (const o of a.others) expect(assistant.topic(o.topic)?.steps).toContain(step);
  });
});

describe('« papiers » in the personal space', () => {
  it.each([
    ['quels papiers je dois joindre ?', 'demarches'],
    ['il manque des papiers ?', 'demarches'],
    ['quels papiers je dois joindre ?', 'espace'],
  ])('« %s » on %s is about the justificatifs', (q, step) => {
    expect(assistant.ask(q, step as 'espace').topic).toBe('justificatifs-formats');
  });

  it('stays an identity document when the message says so, and on the identity-document step', () => {
    expect(assistant.ask('j’ai perdu mes papiers d’identité', 'espace').topic).toBe('sans-titre-francais');
    expect(assistant.ask('quels papiers il faut ?', 'titre-identite').topic).toBe('titres-acceptes');
  });
});

describe('a démarche that does not move', () => {
  it.each([
    ['ma demande n’avance pas', 'demarches'],
    ['mon dossier avance pas', 'demarches'],
    ['mon dossier avance pas', 'espace'],
  ])('« %s » on %s is about the delays, not a séparation', (q, step) => {
    const a = assistant.ask(q, step as 'demarches');
    expect(a.topic).toBe('delais');
  });
});
