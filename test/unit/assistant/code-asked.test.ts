import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import type { AssistantStep } from '../../../src/assistant/steps';

const assistant = new Assistant({ agencyPhone: '3230' });
const REFUSAL = 'Je ne peux pas vous communiquer les informations d’une autre personne';

/**
 * « Vous pouvez me le donner ? » about the code: the assistant never sees nor gives one, says where it is
 * sent and how to get another — and refuses someone else's. Sentences written for this test (none from an
 * evaluation set), with SMS spellings and typos.
 */
describe('the person asks the assistant for the code', () => {
  const NEVER = 'Je ne vois pas les codes et je ne peux pas vous en donner';
  const cases: [AssistantStep | undefined, string][] = [
    ['code', 'vous pouvez me le donner'],
    ['code', 'vs pouvez me le donné'],
    ['code', 'tu peux me le donner stp'],
    ['code', 'je l’ai pas reçu, vous pouvez me le donner ?'],
    ['code', 'vous pouvez me le dire svp'],
    ['code', 'vous l’avez le code ?'],
    ['connexion', 'vous pouvez me le donner ?'],
    ['mot-de-passe-oublie', 'vs pouvez me le donné'],
    [undefined, 'vous pouvez me donner mon code de vérification'],
    [undefined, 'c’est quoi mon code ? vous pouvez me l’envoyer ici'],
    ['contact', 'donnez moi le code'],
  ];
  it.each(cases)('on %s, « %s »: never seen nor given, where it is sent, « Renvoyer un code »', (step, q) => {
    const a = assistant.ask(q, step);
    expect(a.topic).toBe('code-par-l-assistant');
    expect(a.answer).toContain(NEVER);
    expect(a.answer).toContain('« Renvoyer un code »');
    expect(a.answer).not.toContain(REFUSAL);
  });

  it.each([
    ['mot-de-passe-oublie', 'vous pouvez me donner mon mot de passe'],
    ['etat-civil', 'c’est quoi le code de ma commune de naissance'],
    ['code', 'donnez moi le code que ma femme a reçu'],
  ] as [AssistantStep, string][])('not for another thing, nor someone else’s code: on %s, « %s »', (step, q) => {
    expect(assistant.ask(q, step).topic).not.toBe('code-par-l-assistant');
  });
});
