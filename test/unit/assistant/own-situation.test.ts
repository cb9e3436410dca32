import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { namesAChild } from '../../../src/assistant/distress';
import { asksForSomeoneElse, asksOwnRights } from '../../../src/assistant/safety';

const assistant = new Assistant({ agencyPhone: '3230' });

/** The person's own situation, which involves someone else, is answered — not refused, not taken for a distress it does not say. */
describe('the person’s own situation involving someone else', () => {
  it.each([
    'Nous sommes en garde alternée, est-ce que les allocations familiales peuvent être versées à moi plutôt qu’à mon ex ?',
    'combien je vais toucher si mon mari perd son travail ?',
    'je veux savoir si je peux toucher les allocs à la place de mon ex',
    'Mon fils est placé en famille d’accueil, est-ce que je touche encore les allocs ?',
    'Mon mari touche le RSA, est-ce que je peux avoir la prime d’activité moi ?',
    'Mon mari a créé son compte, est-ce que je peux voir nos paiements depuis le mien ?',
    'garde alternée avec mon ex, c qui qui touche les allocs familiales ?',
    'mon copain touche l’APL et on va habiter ensemble, ça change quoi ?',
    'je dois donner le numéro de sécu de mon mari dans ma demande ?',
  ])('answers « %s » without refusing it', (q) => {
    expect(assistant.ask(q).topic).not.toBe('donnees-d-autrui');
  });

  it.each([
    'Je ne peux pas rentrer chez moi ce soir',
    'je peux pas rentrer chez moi ce soir jsuis dehors',
    'je ne peux pas rentrer chez moi ce soir, les petits sont avec moi',
    'ce soir je ne peux pas rentrer à la maison, les petits sont avec moi',
  ])('gives the 115, not the 119, to « %s »', (q) => {
    const a = assistant.ask(q);
    expect(a.topic).toBe('urgence-hebergement');
    expect(a.answer).toContain('115');
    expect(a.answer).not.toContain('119');
  });

  it('takes no distress in a late evening that is not one', () => {
    expect(assistant.ask('ce soir je ne peux pas rentrer chez moi avant 23h, je fais la démarche demain ?').answer).not.toMatch(/115|119/);
  });

  it('knows what names a child, or is written by one', () => {
    expect(namesAChild('mon petit de 3 ans')).toBe(true);
    expect(namesAChild('j’ai 14 ans et mes parents me frappent')).toBe(true);
    expect(namesAChild('je ne peux pas rentrer chez moi ce soir')).toBe(false);
  });
});

/** Someone else's data asked for is still refused, even beside the person's own rights. */
describe('someone else’s data, still refused', () => {
  it.each([
    'Mon ex touche-t-il encore les allocations familiales ? je touche rien moi',
    'je touche l’APL, vous pouvez me dire combien touche mon voisin ?',
    'Mon mari touche le RSA, donnez-moi son numéro allocataire',
    'je dois mettre le numéro de sécu de ma femme mais je ne le connais pas, vous pouvez me le donner ?',
    'Combien touche ma voisine ?',
    'Quel est le numéro de sécu de ma femme ?',
  ])('refuses « %s »', (q) => {
    expect(assistant.ask(q).topic).toBe('donnees-d-autrui');
  });

  it('tells the person’s own rights from a request to be told', () => {
    expect(asksOwnRights('est-ce que je touche encore les allocs si ma fille part ?')).toBe(true);
    expect(asksOwnRights('je touche l’APL, pouvez-vous me dire ce que touche ma sœur ?')).toBe(false);
    expect(asksForSomeoneElse('je dois donner le numéro de sécu de mon mari dans ma demande ?')).toBe(false);
    expect(asksForSomeoneElse('je veux savoir le numéro de sécu de mon mari, je dois le mettre')).toBe(true);
  });

  it('still calls the 119 for a child in danger, and the 3919 for violence', () => {
    expect(assistant.ask('ma voisine laisse son petit tout seul des nuits entières, il pleure').answer).toContain('119');
    expect(assistant.ask('je ne peux pas rentrer chez moi ce soir, mon mari me frappe').answer).toContain('3919');
    expect(assistant.ask('j’ai 14 ans, mon beau-père me frappe, je dors dehors ce soir').answer).toContain('119');
  });
});
