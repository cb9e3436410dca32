import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registrationErrors } from '../../src/journeys/registration/errors';
import { isNameLetter, LOOKALIKES, NAME_SEPARATORS } from '../../src/identity/name-letters';
import { checkName, nameErrorCode, nameErrors, nameRefusalMessage, type NameCheck } from '../../src/identity/names';
import { FOREIGN, HOSTILE, TRADE_OFFS } from '../security/names-corpus';

/** The rule on civil-status names over the corpus of test/security/names-corpus.ts (issue 20, point 6). */
const catalogue: Record<string, { message: string }> = { ...nameErrors, ...registrationErrors };

/** What the nom de naissance field would answer: code and message, as the registration builds them. */
function refusalOf(r: NameCheck): { code: string; message: string } {
  if (r.ok) throw new Error(`accepted as ${r.value}`);
  const code = nameErrorCode(r.refusal.problem, 'BIRTH_NAME_INVALID');
  return { code, message: nameRefusalMessage(r.refusal, catalogue[code]!.message) };
}

const allowedLetters = (() => {
  const out: string[] = [];
  for (let cp = 0; cp <= 0x1fff; cp++) if (isNameLetter(String.fromCodePoint(cp))) out.push(String.fromCodePoint(cp));
  return out;
})();

describe('names: the corpus', () => {
  it('holds at least 40 hostile spellings and 40 foreign-document names', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(40);
    expect(FOREIGN.length).toBeGreaterThanOrEqual(40);
  });

  it.each(HOSTILE.map((h) => [h.what, h] as const))('hostile: %s — refused at the field or stored plain, never as typed', (_, h) => {
    const r = checkName(h.input, 80);
    if (h.storedAs !== undefined) {
      expect(r).toEqual({ ok: true, value: h.storedAs });
      expect(h.storedAs).not.toBe(h.input);
      return;
    }
    const { code, message } = refusalOf(r);
    expect(code).toBe(h.refused!.code);
    if (h.refused!.offending) expect(message).toContain(`« ${h.refused!.offending} »`.replace(/« (U\+[0-9A-F]+) »/, '$1'));
    if (h.refused!.instead) expect(message).toContain(`tapez « ${h.refused!.instead} »`);
    expect(message).not.toMatch(/undefined/);
    expect(message).toMatch(/^[A-ZÀ-Ü«].*\.$/s);
  });

  it.each(FOREIGN.map((f) => [`${f.input} (${f.from})`, f] as const))('foreign document: %s — accepted', (_, f) => {
    const r = checkName(f.input, 80);
    expect(r).toEqual({ ok: true, value: f.storedAs ?? f.input });
    // The nom de naissance is stored in capitals: that form passes too, and unchanged.
    const upper = (f.storedAs ?? f.input).toUpperCase();
    expect(checkName(upper, 80)).toEqual({ ok: true, value: upper });
  });

  it.each(TRADE_OFFS.map((t) => [`${t.input} (${t.why})`, t] as const))('trade-off: %s — refused, saying what to type', (_, t) => {
    const { code, message } = refusalOf(checkName(t.input, 80));
    expect(code).toBe(t.code);
    if (t.instead) expect(message).toContain(`tapez « ${t.instead} »`);
  });

  it('tells a Turkish « ı » to type « i », and accepts the same name in capitals', () => {
    const { message } = refusalOf(checkName('Işık', 80));
    expect(message).toBe(
      'La lettre « ı » (i sans point) n’est pas acceptée, car elle se confond avec « i » : tapez « i » à la place (en majuscules, « I »).',
    );
    expect(checkName('Işik', 80)).toEqual({ ok: true, value: 'Işik' });
    expect(checkName('Işik'.toUpperCase(), 80)).toEqual({ ok: true, value: 'IŞIK' });
  });

  it('says where an invisible character is', () => {
    expect(refusalOf(checkName('MO\u034FREAU', 80)).message).toBe(
      'Ce nom contient un caractère invisible (U+034F) après « MO », souvent venu d’un copier-coller. Effacez le nom et saisissez-le de nouveau au clavier.',
    );
    expect(refusalOf(checkName('\u200DMOREAU', 80)).message).toContain('(U+200D) au début');
  });

  it('names the script of a letter of another alphabet', () => {
    expect(refusalOf(checkName('РROBE', 80)).message).toBe(
      'Saisissez ce nom en alphabet latin, tel qu’il figure sur votre acte de naissance : « Р » est une lettre de l’alphabet cyrillique.',
    );
    expect(refusalOf(checkName('Ρaul', 80)).message).toContain('de l’alphabet grec');
  });

  it('keeps the length limit on the stored form, and a name starts with a letter', () => {
    expect(checkName('A'.repeat(80), 80).ok).toBe(true);
    expect(refusalOf(checkName('A'.repeat(81), 80))).toEqual({
      code: 'BIRTH_NAME_INVALID',
      message: registrationErrors.BIRTH_NAME_INVALID.message,
    });
    expect(refusalOf(checkName('-Marie', 80)).message).toContain('Il doit commencer par une lettre.');
    expect(refusalOf(checkName("'Marie", 80)).code).toBe('BIRTH_NAME_INVALID');
  });

  it('collapses spaces of any width into one (they are visible, and a keyboard makes them)', () => {
    expect(checkName('Marie\u3000\u2009  Claire', 120)).toEqual({ ok: true, value: 'Marie Claire' });
  });
});

describe('names: the allow-list', () => {
  it('is made of Latin letters that NFKC keeps, closed under lower case', () => {
    expect(allowedLetters.length).toBeGreaterThan(200);
    for (const c of allowedLetters) {
      expect(c.normalize('NFKC'), c).toBe(c);
      expect(/^\p{L}$/u.test(c) && /\p{Script=Latin}/u.test(c), c).toBe(true);
      const lower = c.toLowerCase();
      if ([...lower].length === 1 && c !== 'İ') expect(isNameLetter(lower), `${c} → ${lower}`).toBe(true);
      for (const u of c.toUpperCase()) expect(isNameLetter(u), `${c} → ${c.toUpperCase()}`).toBe(true);
    }
  });

  it('holds every letter of the European alphabets of the corpus, and none of the look-alikes', () => {
    for (const c of 'ŁłŃńÑñØøĐđÐðÞþßẞÆæŒœŠšŽžČčĆćŘřŤťĎďĽľŐőŰűĂăȘșȚțŞşĞğİÇçĀāĒēĪīŪūĢģĶķĻļŅņĄąĘęĖėĮįŲųĦħĊċĠġŻżŊŋŦŧŴŵŶŷƏə')
      expect(isNameLetter(c), c).toBe(true);
    for (const c of Object.keys(LOOKALIKES)) expect(isNameLetter(c), c).toBe(false);
    for (const c of 'ıĸſŉŀĲĳɑɡɩɪʀʏꞵꜱᴀᴍ') expect(isNameLetter(c), c).toBe(false);
  });

  it('offers only allowed letters or separators as what to type instead', () => {
    for (const { type } of Object.values(LOOKALIKES)) for (const c of type) expect(isNameLetter(c) || NAME_SEPARATORS.has(c), c).toBe(true);
  });
});

describe('names: properties', () => {
  const letter = fc.constantFrom(...allowedLetters);
  const separator = fc.constantFrom(...NAME_SEPARATORS);
  const word = fc.array(letter, { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
  const name = fc
    .tuple(word, fc.array(fc.tuple(separator, word), { maxLength: 4 }))
    .map(([first, rest]) => first + rest.map(([s, w]) => s + w).join(''))
    .filter((s) => s.length <= 80 && !/ [-'’]|[-'’] /.test(s));

  it('any name made of allowed letters and separators is accepted, as it is', () => {
    fc.assert(
      fc.property(name, (s) => {
        expect(checkName(s, 80)).toEqual({ ok: true, value: s });
      }),
    );
  });

  it('any accepted name is NFKC-stable, made only of allowed letters and separators, and checks to itself', () => {
    const anything = fc.oneof(
      name,
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.tuple(name, fc.string({ unit: 'binary', maxLength: 3 }), name).map(([a, b, c]) => a + b + c),
    );
    fc.assert(
      fc.property(anything, (s) => {
        const r = checkName(s, 80);
        if (!r.ok) return;
        expect(r.value.normalize('NFKC')).toBe(r.value);
        expect(r.value.normalize('NFC')).toBe(r.value);
        const cps = [...r.value];
        expect(isNameLetter(cps[0]!)).toBe(true);
        for (const c of cps) expect(isNameLetter(c) || NAME_SEPARATORS.has(c)).toBe(true);
        expect(checkName(r.value, 80)).toEqual({ ok: true, value: r.value });
      }),
      { numRuns: 2000 },
    );
  });

  it('an invisible character anywhere in an accepted name gets it refused, naming its code', () => {
    const invisible = fc.constantFrom(
      '\u034F',
      '\u200B',
      '\u200C',
      '\u200D',
      '\u00AD',
      '\u2060',
      '\u202E',
      '\u2066',
      '\uFE0F',
      '\u{E0041}',
      '\u{E0100}',
      '\u3164',
    );
    fc.assert(
      fc.property(name, invisible, fc.nat(), (s, inv, at) => {
        const cps = [...s];
        const i = at % (cps.length + 1);
        const r = checkName([...cps.slice(0, i), inv, ...cps.slice(i)].join(''), 80);
        const { code, message } = refusalOf(r);
        expect(code).toBe('NAME_INVISIBLE_CHARACTER');
        expect(message).toContain(`U+${inv.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
      }),
    );
  });
});
