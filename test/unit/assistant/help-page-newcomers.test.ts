import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/assistant/analyser';
import { Assistant } from '../../../src/assistant/assistant';
import { namesResidencePermit } from '../../../src/assistant/residence';

/**
 * People new to France asking from the help page (no step): a titre de séjour and the prestations it opens, a person just
 * arrived, a person born abroad. Each sentence is ours.
 */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('a titre de séjour named with a prestation', () => {
  it.each(['mon titre de séjour étudiant', 'j’ai un récépissé de la préfecture', 'visa long séjour', 'je suis étudiante étrangère'])(
    'names a titre de séjour: « %s »',
    (q) => expect(namesResidencePermit(q)).toBe(true),
  );

  it.each(['je séjourne chez ma sœur', 'mon titre d’identité est une carte', 'mon fils est étudiant'])('names none: « %s »', (q) =>
    expect(namesResidencePermit(q)).toBe(false),
  );

  it('says first what the titre opens for the aide au logement, then how to ask for it', () => {
    const a = assistant.ask('je viens du Chili pour un master, avec ma carte de séjour étudiant j’ai le droit aux APL ?');
    expect(a.topic).toBe('prestation-aide-au-logement');
    expect(a.answer).toContain('Pour l’aide au logement, un titre de séjour valable suffit');
  });

  it('says the 5 years of a titre for the RSA and the prime d’activité', () => {
    const a = assistant.ask('ça fait deux ans que j’ai ma carte de séjour, est-ce que je peux toucher le RSA ?');
    expect(a.answer).toContain('depuis au moins 5 ans un titre de séjour qui autorise à travailler');
  });

  it('answers a prestation asked without a titre de séjour as before', () => {
    const a = assistant.ask('comment demander l’aide au logement pour mon studio ?');
    expect(a.answer).not.toContain('titre de séjour');
  });
});

describe('a person just arrived in France', () => {
  it('reads « arrivée d’un pays » as a newcomer, not a code that arrived', () => {
    expect(analyse('je suis arrivée du Pérou')).toEqual(analyse('nouvel arrivant Pérou'));
    expect(analyse('le code est arrivé de suite')).not.toContain(analyse('nouvel arrivant')[0]);
  });

  it('tells what is needed to create the account, without a NIR', () => {
    const a = assistant.ask('je suis arrivé du Soudan, il me faut quels documents pour ouvrir un compte caf ?');
    expect(a.topic).not.toMatch(/^code-/);
    expect(a.answer).toMatch(/identifiant provisoire|numéro de sécurité sociale/);
  });
});
