import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { birthCountryOf } from '../../../src/assistant/birthplace';
import { distressesOf } from '../../../src/assistant/distress';
import { asksForAnExample, asksForSomeoneElse, asksOwnQuestion } from '../../../src/assistant/safety';
import { safetyOf } from '../../../src/assistant/screening';

/** Our own sentences: what looked like someone else's data and is not, an overdose taken, a country typed with a typo. */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('no refusal of someone else’s data', () => {
  it.each([
    // an example asks for the rules a password follows
    ['vous auriez un exemple de bon mot de passe ?', 'mot-de-passe'],
    ['c’est quoi un exemple d’identifiant valable ?', 'connexion'],
    // the civilité chosen, not a person
    ['j’ai coché Madame au lieu de Monsieur et on me dit que ça colle pas avec le numéro de sécu', 'etat-civil'],
    // « sans me le dire »: the person's own account, taken by someone
    ['mon mari a modifié le mot de passe de mon espace sans me le dire, comment je fais pour le changer ?', 'mot-de-passe-oublie'],
    // a how-to about another person
    ['ma mère a 80 ans et elle a FranceConnect, elle doit faire quoi pour s’inscrire ?', 'franceconnect'],
  ] as const)('« %s »', (q, step) => {
    expect(assistant.ask(q, step).topic).not.toBe('donnees-d-autrui');
  });

  it('reads the civilité chosen and « comme quoi » as no wish to be told', () => {
    expect(asksForSomeoneElse('j ai mis monsieur a la place de madame et ca me dit comme quoi mon numero de secu va pas')).toBe(false);
    expect(asksForSomeoneElse('mon oncle a 70 ans, il doit faire quoi exactement pour créer son compte ?')).toBe(false);
  });

  it('reads an example asked for as the rules, not a secret', () => {
    expect(asksForAnExample('vous pouvez me donner un exemple de mot de passe ?')).toBe(true);
    expect(asksForAnExample('donnez-moi le mot de passe de ma femme')).toBe(false);
  });

  it('reads « sans me le dire » and a how-to about another person as the person’s own question', () => {
    expect(asksOwnQuestion('mon mari a modifié le mot de passe de mon espace sans me le dire. Comment je le récupère ?')).toBe(true);
    expect(asksOwnQuestion('mon oncle a 70 ans, il doit faire quoi exactement pour créer son compte ?')).toBe(true);
    // a how-to that names their secret or enters their account is not
    expect(asksOwnQuestion('comment faire pour avoir son mot de passe ?')).toBe(false);
    expect(asksOwnQuestion('comment je rentre dans son compte ?')).toBe(false);
    expect(asksOwnQuestion('mon mari a changé son mot de passe, vous pouvez me le dire ?')).toBe(false);
  });

  it.each([
    'donnez-moi le numéro de sécu de madame Durand',
    'je veux savoir quel mot de passe ma femme a mis',
    'vous pouvez me dire son mot de passe à mon mari ?',
  ])('still refuses « %s »', (q) => {
    expect(safetyOf(q, true).othersData).toBe(true);
  });

  it('a person whose account was taken is told about « Mot de passe oublié ? »', () => {
    const a = assistant.ask(
      'mon copain a changé le mot de passe de mon compte à moi sans me le dire, comment le récupérer ?',
      'mot-de-passe-oublie',
    );
    expect(a.topic).not.toBe('donnees-d-autrui');
    expect(a.answer).toMatch(/code/i);
  });
});

describe('an overdose the person took', () => {
  it.each(['je viens d’avaler toute la boîte de comprimés', 'j’ai pris trop de cachets, j’ai la tête qui tourne'])(
    '« %s » gets the 15 first, then the 3114',
    (q) => {
      expect(distressesOf(q).slice(0, 2)).toEqual(['urgence-medicale', 'urgence-suicide']);
      const a = assistant.ask(q, 'espace').answer;
      expect(a).toContain('3114');
      expect(a.indexOf('15 (Samu)')).toBeLessThan(a.indexOf('3114'));
    },
  );

  it('taking one’s medicine is no distress', () => {
    expect(distressesOf('j’ai pris mes médicaments ce matin, je continue ma demande')).toEqual([]);
  });
});

describe('a country of birth typed with a typo', () => {
  it.each([
    ['née en colombi, je mets quoi ?', 'Colombie'],
    ['je cherche le pays senegale dans la liste', 'Sénégal'],
    ['né au camroun', 'Cameroun'],
  ])('reads « %s » as born in %s', (q, label) => {
    expect(birthCountryOf(q)?.label).toBe(label);
  });

  it.each(['je suis né à Paris, je suis algérien', 'née à Lyon, en congé en ce moment'])('reads no country of birth in « %s »', (q) => {
    expect(birthCountryOf(q)).toBeUndefined();
  });
});
