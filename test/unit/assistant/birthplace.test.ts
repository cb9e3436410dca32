import { describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { birthCountryOf } from '../../../src/assistant/birthplace';

/** The country of birth a person names, read with the product's list of countries, and said back in the answer: our own sentences. */
const assistant = new Assistant({ agencyPhone: '3230' });

describe('the country of birth a message names', () => {
  it.each([
    ['je suis née en Pologne, quoi mettre ?', 'Pologne'],
    ['né au Cameroun mais naturalisé depuis', 'Cameroun'],
    ["ma naissance c'est à Abidjan en Côte d'Ivoire", 'Côte d’Ivoire'],
    ['nee aux etats unis, je fais comment', 'États-Unis'],
  ])('reads « %s » as born in %s', (q, label) => {
    expect(birthCountryOf(q)?.label.replace("'", '’')).toBe(label);
  });

  it.each([
    'né à Lyon, je vis au Canada depuis dix ans',
    'ma fille est en Espagne pour ses études',
    'née le 2 mai, je m’appelle Dominique',
  ])('reads no country of birth in « %s »', (q) => {
    expect(birthCountryOf(q)).toBeUndefined();
  });
});

describe('the answer about the place of birth', () => {
  it('says to choose « À l’étranger » and the person’s own country', () => {
    const a = assistant.ask('je suis né en Roumanie mais je suis français, je choisis quoi pour le lieu de naissance ?', 'etat-civil');
    expect(a.topic).toBe('lieu-naissance');
    expect(a.answer).toContain('« Roumanie »');
    expect(a.answer).toContain('99 à la place du département');
  });

  it('says that a birth in Algeria, Morocco or Tunisia before independence may carry a code of its own', () => {
    const a = assistant.ask('née en Tunisie en 1950, mon lieu de naissance je mets quoi ?', 'etat-civil');
    expect(a.answer).toContain('« Tunisie »');
    expect(a.answer).toContain('96 pour la Tunisie');
  });

  it('answers the person born abroad first: their number with 99 is accepted, said without a guess of a refusal', () => {
    const a = assistant.ask('je suis né au Maroc et mon numéro de sécu commence par 1 99, ça va bloquer ?');
    expect(a.topic).toBe('format-nir');
    const body = a.answer.slice(a.answer.indexOf('Pour vous'));
    expect(body.startsWith('Pour vous, né(e) hors de France (Maroc)')).toBe(true);
    expect(a.answer).toContain('c’est normal, et il est accepté');
    expect(a.answer).not.toMatch(/s.il est refusé/i);
  });

  it('adds nothing when the country named is where the person lives', () => {
    const a = assistant.ask('je suis née à Nantes mais j’habite en Belgique, lieu de naissance ?', 'etat-civil');
    expect(a.answer).not.toContain('Belgique');
  });
});
