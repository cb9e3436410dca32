import { describe, expect, it } from 'vitest';
import { NEGATED, analyse, analyseQuestion, fold, stem, words } from '../../../src/assistant/analyser';

const same = (a: string, b: string) => expect(analyse(a)).toEqual(analyse(b));

describe('the analyser', () => {
  it('folds case, accents and ligatures, and reads typographic apostrophes', () => {
    expect(fold('NUMÉRO Sécurité Œuvre’s')).toBe("numero securite oeuvre's");
    same('numéro', 'NUMERO');
    same('sécurité sociale', 'securite sociale');
  });

  it('drops elisions, with or without the typographic apostrophe', () => {
    expect(words("l'identifiant d’accès qu'il j'ai")).toEqual(['identifiant', 'acces', 'il', 'ai']);
    expect(words("jusqu'à lorsqu'il")).toEqual(['a', 'il']);
  });

  it('brings the forms of a word together with the Snowball French stemmer', () => {
    expect(stem('enfants')).toBe(stem('enfant'));
    expect(stem('conjointe')).toBe(stem('conjoint'));
    same('demandes', 'demander');
    same('oubliée', 'oublié');
    same('refusés', 'refusé');
  });

  it('expands SMS spellings and abbreviations', () => {
    same('jai pa recu le code', "je n'ai pas reçu le code");
    same('cmt changer mon mdp', 'comment changer mon mot de passe');
    same('c koi mon id', "c'est quoi mon identifiant");
    same('mon login', 'mon identifiant');
    same('mon numéro de sécu', 'mon numéro de sécurité sociale');
    same('mon NIR', 'mon numéro de sécurité sociale');
    same('ma CNI', "ma carte d'identité");
    same('par texto', 'par SMS');
    same('mon courriel', 'mon mail');
    same('France Connect', 'FranceConnect');
  });

  it('reads the acronyms of the prestations as their names', () => {
    same('APL', 'aide personnalisée au logement');
    same('ALS', 'allocation de logement sociale');
    same('RSA', 'revenu de solidarité active');
    same('PPA', "prime d'activité");
    same('AJPA', 'allocation journalière du proche aidant');
    same('ASF', 'allocation de soutien familial');
    same('AAH', 'allocation aux adultes handicapés');
  });

  it('keeps synonyms of the household together', () => {
    same('mon mari', 'mon conjoint');
    same('ma femme', 'ma conjointe');
    same('divorce', 'séparation');
  });

  it('removes empty words but keeps the negation, bound to its term', () => {
    expect(analyse('Bonjour, je voudrais savoir')).toEqual([]);
    const negated = analyse("je n'ai pas de numéro de sécu");
    expect(negated).toContain(`${NEGATED}${stem('nir')}`);
    expect(analyse('mon numéro de sécu est refusé')).not.toContain(`${NEGATED}${stem('nir')}`);
    expect(analyse("le code n'arrive pas")).toContain(`${NEGATED}${stem('recu')}`);
    expect(analyse('sans numéro de sécurité sociale')).toEqual(analyse('pas de numéro de sécurité sociale'));
  });

  it('unglues an elision written without apostrophe when the rest is a known word', () => {
    const known = new Set(analyse('identifiant apl'));
    expect(analyseQuestion('lidentifiant', (t) => known.has(t))).toEqual(analyse("l'identifiant"));
    expect(analyseQuestion('c koi lapl', (t) => known.has(t))).toEqual(analyse('APL'));
    expect(analyseQuestion('dans', (t) => known.has(t))).toEqual([]);
  });

  it('drops numbers the knowledge base never mentions', () => {
    expect(analyseQuestion("ça fait 1/4 d'heure", () => false)).toEqual(analyse('heure'));
    expect(analyseQuestion('15 ans', (t) => t === '15')).toContain('15');
  });

  it('reads an age glued or in the singular as « N ans »', () => {
    same('moi jai 17ans', 'moi jai 17 ans');
    same('j’ai 16 an', 'j’ai 16 ans');
    expect(words('17ans')).toEqual(['17', 'ans']);
  });
});
