import { describe, expect, it } from 'vitest';
import { aideAuLogement } from '../../src/forms/definitions/aide-au-logement';
import type { Question } from '../../src/forms/definition';
import { displayValue, readQuestion, siretValid, toInput } from '../../src/forms/fields';

const TODAY = '2026-11-30';
const q = <T extends Question>(x: T) => x;
const date = q({ id: 'd', type: 'date', label: 'Date', name: 'la date d’entrée', when: 'past' });
const amount = q({ id: 'a', type: 'amount', label: 'Loyer', name: 'le loyer', max: 10_000 });
const read = (question: Question, input: Record<string, string | string[]>) => readQuestion(question, input, TODAY);

describe('reading a field', () => {
  it('dates: required, each part, a real date, 4-digit year, past or future', () => {
    expect(read(date, {})).toEqual({ ok: false, message: 'Saisissez la date d’entrée.' });
    expect(read(date, { 'd-day': '1', 'd-year': '2026' })).toEqual({ ok: false, message: 'La date d’entrée doit comporter un mois.' });
    expect(read(date, { 'd-day': '31', 'd-month': '2', 'd-year': '2026' })).toEqual({
      ok: false,
      message: 'La date d’entrée doit être une date réelle, par exemple 27 3 2026.',
    });
    expect(read(date, { 'd-day': '1', 'd-month': '2', 'd-year': '26' })).toEqual({
      ok: false,
      message: 'L’année doit comporter 4 chiffres, par exemple 2026.',
    });
    expect(read(date, { 'd-day': '1', 'd-month': '12', 'd-year': '2026' })).toEqual({
      ok: false,
      message: 'La date d’entrée doit être aujourd’hui ou dans le passé.',
    });
    expect(read(date, { 'd-day': ' 1', 'd-month': '9', 'd-year': '2026' })).toEqual({ ok: true, value: '2026-09-01' });
    expect(read({ ...date, when: 'future' }, { 'd-day': '29', 'd-month': '11', 'd-year': '2026' }).ok).toBe(false);
  });

  it('amounts: euros with a comma or a point, spaces and €, at most 2 decimals, a maximum', () => {
    expect(read(amount, { a: '450' })).toEqual({ ok: true, value: 45_000 });
    expect(read(amount, { a: '1 234,5 €' })).toEqual({ ok: true, value: 123_450 });
    expect(read(amount, { a: '12.34' })).toEqual({ ok: true, value: 1234 });
    expect(read(amount, { a: '12,345' })).toEqual({
      ok: false,
      message: 'Le loyer doit être un montant en euros, par exemple 450 ou 450,50.',
    });
    expect(read(amount, { a: '-3' }).ok).toBe(false);
    expect(read(amount, { a: '10000,01' })).toEqual({ ok: false, message: 'Le loyer ne peut pas dépasser 10 000,00 €.' });
    expect(read(amount, { a: '' })).toEqual({ ok: false, message: 'Saisissez le loyer.' });
    // A plural name: the verb agrees, or the message says what to type.
    const others = q({ id: 'o', type: 'amount', label: 'Autres ressources', name: 'les autres ressources', max: 100 });
    expect(read(others, { o: '12,345' })).toEqual({
      ok: false,
      message: 'Saisissez les autres ressources sous la forme d’un montant en euros, par exemple 450 ou 450,50.',
    });
    expect(read(others, { o: '101' })).toEqual({ ok: false, message: 'Les autres ressources ne peuvent pas dépasser 100,00 €.' });
  });

  it('the aide au logement’s surface: an example a person would type, the bounds with their unit', () => {
    const loyer = aideAuLogement.sections.flatMap((s) => s.pages).find((p) => p.id === 'loyer')!;
    const surface = loyer.questions.find((x) => x.id === 'surface')!;
    expect(read(surface, { surface: 'vingt' })).toEqual({
      ok: false,
      message: 'La surface habitable doit être un nombre entier, par exemple 45 m².',
    });
    expect(read(surface, { surface: '0' })).toEqual({ ok: false, message: 'La surface habitable doit être de 1 à 1 000 m².' });
  });

  it('integers within bounds, postcodes, text length, radios and checkboxes from their options only', () => {
    const days = q({ id: 'j', type: 'integer', label: 'Jours', name: 'le nombre de jours', min: 1, max: 22 });
    expect(read(days, { j: '23' })).toEqual({ ok: false, message: 'Le nombre de jours doit être de 1 à 22.' });
    expect(read(days, { j: '2,5' }).ok).toBe(false);
    expect(read(q({ id: 'p', type: 'postcode', label: 'CP', name: 'le code postal' }), { p: '7501' })).toEqual({
      ok: false,
      message: 'Le code postal doit comporter 5 chiffres, par exemple 75011.',
    });
    expect(read(q({ id: 't', type: 'text', label: 'Nom', name: 'le nom', maxLength: 5 }), { t: 'abcdef' })).toEqual({
      ok: false,
      message: 'Le nom doit comporter 5 caractères au maximum.',
    });
    const r = q({ id: 'r', type: 'radios', label: 'R', name: 'votre choix', options: [{ value: 'a', label: 'A' }] });
    expect(read(r, { r: 'b' })).toEqual({ ok: false, message: 'Indiquez votre choix.' });
    const c = q({
      id: 'c',
      type: 'checkboxes',
      label: 'C',
      name: 'vos choix',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    });
    expect(read(c, { c: ['b', 'x', 'b'] })).toEqual({ ok: true, value: ['b'] });
    expect(read(c, {})).toEqual({ ok: false, message: 'Sélectionnez vos choix.' });
  });

  it('SIRET: 14 digits and the Luhn key (La Poste’s own rule)', () => {
    const siret = q({ id: 's', type: 'siret', label: 'SIRET', name: 'le SIRET' });
    expect(siretValid('73282932000074')).toBe(true);
    expect(siretValid('73282932000075')).toBe(false);
    expect(siretValid('35600000000047')).toBe(true);
    expect(read(siret, { s: '732 829 320 00074' })).toEqual({ ok: true, value: '73282932000074' });
    expect(read(siret, { s: '732829320' })).toEqual({
      ok: false,
      message: 'Le numéro SIRET doit comporter 14 chiffres, par exemple 732 829 320 00074.',
    });
    expect(read(siret, { s: '73282932000075' })).toEqual({
      ok: false,
      message: 'Ce numéro SIRET n’existe pas : vérifiez-le sur la quittance de loyer ou le bail.',
    });
  });

  it('IBAN: the ISO 13616 key, with the message of src/identity/iban.ts', () => {
    const iban = q({ id: 'iban', type: 'iban', label: 'IBAN', name: 'l’IBAN' });
    expect(read(iban, { iban: 'fr76 3000 6000 0112 3456 7890 189' })).toEqual({ ok: true, value: 'FR7630006000011234567890189' });
    const wrong = read(iban, { iban: 'FR76 3000 6000 0112 3456 7890 188' });
    expect(wrong.ok).toBe(false);
    expect(wrong).toMatchObject({ message: expect.stringContaining('clé de contrôle') });
    expect(read(iban, {})).toEqual({ ok: false, message: 'Saisissez l’IBAN du compte bancaire.' });
  });

  it('names of persons (a child, the person helped): the civil status’s rule, stored normalised', () => {
    const prenom = q({ id: 'p', type: 'text', label: 'Prénom', name: 'le prénom de l’enfant', maxLength: 60, personName: true });
    expect(read(prenom, { p: 'Łukasz' })).toEqual({ ok: true, value: 'Łukasz' });
    expect(read(prenom, { p: 'Ｌéo' })).toEqual({ ok: true, value: 'Léo' });
    expect(read(prenom, { p: 'Le\u0301o' })).toEqual({ ok: true, value: 'Léo' });
    expect(read(prenom, { p: 'L\u034Féo' })).toEqual({
      ok: false,
      message:
        'Ce nom contient un caractère invisible (U+034F) après « L », souvent venu d’un copier-coller. Effacez le nom et saisissez-le de nouveau au clavier.',
    });
    expect(read(prenom, { p: 'Lе́o' }).ok).toBe(false);
    expect(read(prenom, { p: 'ʟéo' })).toMatchObject({ ok: false, message: expect.stringContaining('tapez « L » à la place') });
    expect(read(prenom, { p: 'Léo 2' })).toEqual({
      ok: false,
      message:
        'Le prénom de l’enfant ne peut contenir que des lettres, des espaces, des tirets et des apostrophes. Le caractère « 2 » n’est pas accepté.',
    });
    // Other text questions keep what was typed.
    expect(read({ ...prenom, personName: undefined } as Question, { p: 'SCI Ｌes Tilleuls 2' })).toEqual({
      ok: true,
      value: 'SCI Ｌes Tilleuls 2',
    });
  });

  it('shows a stored value back in its field and in words', () => {
    expect(toInput(date, '2026-09-01')).toEqual({ 'd-day': '1', 'd-month': '9', 'd-year': '2026' });
    expect(toInput(amount, 123_450)).toEqual({ a: '1234,50' });
    expect(displayValue(date, '2026-09-01')).toBe('1er septembre 2026');
    expect(displayValue(amount, 123_450)).toBe('1 234,50 €');
    expect(
      displayValue(q({ id: 'iban', type: 'iban', label: 'IBAN', name: 'l’IBAN' }), 'FR7630006000011234567890189', { maskIban: true }),
    ).toBe('FR76 •••• •••• 0189');
    expect(displayValue(amount, undefined)).toBe('Non renseigné');
  });
});
