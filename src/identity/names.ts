import type { Codes, ErrorEntry } from '../errors/registry';
import { FOLDED, isNameLetter, LOOKALIKES, NAME_SEPARATORS, SEPARATOR_LOOKALIKES, scriptOf } from './name-letters';

/**
 * Names of the civil status (nom de naissance, prénoms): what the registry can hold, in one form.
 * A look-alike name — « РROBE » with a Cyrillic Р, « MO\u034FREAU » with an invisible joiner, « Moſer »,
 * « 𝐌OREAU » — would let somebody register a name that reads like another person's, and would defeat
 * every comparison made on names. So, in this order:
 * 1. invisible and formatting characters are refused (Unicode's default-ignorables — joiners, soft hyphen,
 *    bidi controls, variation selectors, tags, fillers — and every control or format character);
 * 2. compatibility letters are refused with the plain letter to type (𝐌 ⓜ ſ ª ᵁ…), except the few that
 *    keyboards and copies produce for plain letters (full width, ligatures: see FOLDED), which NFKC folds;
 * 3. the name is normalised (NFKC: accents composed, widths folded), spaces collapsed — the stored form;
 * 4. every character must then be a letter of the allow-list (./name-letters.ts), or a space, hyphen or
 *    apostrophe between them. A combining mark still there composed with no allowed letter (three or
 *    more on one letter: « Zalgo » text); a letter of another script; a Latin letter off the list (the
 *    look-alikes of the confusables list, UTS #39: ı ʀ ꞵ ɑ…): each is refused with its own message,
 *    which names the character and, when there is one, what to type instead.
 */
export type NameProblem = 'characters' | 'script' | 'marks' | 'accent' | 'invisible' | 'styled' | 'lookalike';

export interface NameRefusal {
  problem: NameProblem;
  /** The offending character (or a combining mark with the letter it sits on); absent for a length problem. */
  char?: string;
  /** What to type instead, when there is an obvious answer. */
  instead?: string;
  /** What the character is called (« i sans point »), when it is worth saying. */
  called?: string;
  /** For an invisible character: the visible text before it (to find it), empty at the start. */
  after?: string;
  /** A separator where the first letter should be. */
  atStart?: true;
}

export type NameCheck = { ok: true; value: string } | { ok: false; refusal: NameRefusal };

const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Co}\p{Cn}\p{Cs}]|(?![\t\n\v\f\r])\p{Cc}/u;
const SPACE = /\s/u;
const MARK = /\p{M}/u;
const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/** The name as it is stored — NFKC, spaces collapsed — or why it is refused (`max`: length of the stored form). */
export function checkName(input: string, max: number): NameCheck {
  const nfc = input.normalize('NFC');
  const chars = [...nfc];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (INVISIBLE.test(c)) return refuse({ problem: 'invisible', char: c, after: visibleTail(chars.slice(0, i)) });
    if (SPACE.test(c) || FOLDED.test(c)) continue;
    const k = c.normalize('NFKC');
    if (k !== c && LATIN.test(k)) {
      const known = LOOKALIKES[c];
      const instead = known?.type ?? ([...k].every(isNameLetter) ? k : undefined);
      return refuse({ problem: 'styled', char: c, ...(instead ? { instead } : {}), ...(known?.name ? { called: known.name } : {}) });
    }
  }

  const value = nfc.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  const cps = [...value];
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (isNameLetter(c)) continue;
    if (NAME_SEPARATORS.has(c)) {
      if (i > 0) continue;
      return refuse({ problem: 'characters', char: c, atStart: true });
    }
    if (MARK.test(c)) {
      let run = 1;
      while (i + run < cps.length && MARK.test(cps[i + run]!)) run++;
      const on = i > 0 ? cps[i - 1]! : '\u25CC';
      if (run >= 3) return refuse({ problem: 'marks', char: on + cps.slice(i, i + run).join('') });
      return refuse({ problem: 'accent', char: on + c, ...(isNameLetter(on) ? { instead: on } : {}) });
    }
    if (LETTER.test(c) && LATIN.test(c)) return refuse({ problem: 'lookalike', char: c, ...lookalikeHelp(c) });
    if (LETTER.test(c) && !/[\p{Script=Common}\p{Script=Inherited}]/u.test(c)) return refuse({ problem: 'script', char: c });
    const instead = SEPARATOR_LOOKALIKES[c];
    return refuse({ problem: 'characters', char: c, ...(instead ? { instead } : {}) });
  }
  if (value.length === 0 || value.length > max) return refuse({ problem: 'characters' });
  return { ok: true, value };
}

function refuse(refusal: NameRefusal): NameCheck {
  return { ok: false, refusal };
}

/** The last few visible characters before an invisible one, so the message can say where it is. */
function visibleTail(before: string[]): string {
  return before
    .filter((c) => !INVISIBLE.test(c))
    .join('')
    .trim()
    .slice(-12);
}

/** For a Latin letter off the list: the known look-alike's answer, or the letter without its extra accent (ễ → ê). */
function lookalikeHelp(c: string): { instead?: string; called?: string } {
  const known = LOOKALIKES[c];
  if (known) return known.name ? { instead: known.type, called: known.name } : { instead: known.type };
  const parts = [...c.normalize('NFD')];
  for (let n = parts.length - 1; n >= 1; n--) {
    const shorter = parts.slice(0, n).join('').normalize('NFC');
    if ([...shorter].length === 1 && isNameLetter(shorter)) return { instead: shorter };
  }
  return {};
}

export const nameErrors = {
  NAME_NOT_LATIN: {
    status: 400,
    message:
      'Saisissez ce nom en alphabet latin, tel qu’il figure sur votre acte de naissance : une lettre d’un autre alphabet (par exemple cyrillique ou grec) a été reconnue.',
    support: 'Civil status: a name contains letters of a non-Latin script (look-alike characters).',
  },
  NAME_TOO_MANY_ACCENTS: {
    status: 400,
    message: 'Ce nom contient trop d’accents ou de signes sur une même lettre. Saisissez-le tel qu’il figure sur votre acte de naissance.',
    support: 'Civil status: a name has 3 or more combining marks on one letter.',
  },
  NAME_ACCENT_NOT_ACCEPTED: {
    status: 400,
    message:
      'Ce nom contient un accent ou un signe qui ne forme aucune lettre accentuée connue. Tapez la lettre accentuée directement au clavier, ou la lettre sans ce signe.',
    support: 'Civil status: a combining mark that composes with no allowed letter (after NFKC).',
  },
  NAME_INVISIBLE_CHARACTER: {
    status: 400,
    message:
      'Ce nom contient un caractère invisible (souvent venu d’un copier-coller). Effacez le nom et saisissez-le de nouveau au clavier.',
    support:
      'Civil status: a default-ignorable, format or control character (ZWJ, CGJ, soft hyphen, bidi control, variation selector, tag…).',
  },
  NAME_STYLED_LETTER: {
    status: 400,
    message:
      'Ce nom contient une lettre de style (en gras, en italique, entourée…) ou une forme ancienne de lettre. Tapez la lettre ordinaire au clavier.',
    support: 'Civil status: a compatibility letter (mathematical, circled, superscript, long s…) that NFKC would rewrite.',
  },
  NAME_LOOKALIKE_LETTER: {
    status: 400,
    message:
      'Ce nom contient une lettre qui n’est pas acceptée, souvent parce qu’elle ressemble à une lettre ordinaire sans en être une. Tapez la lettre ordinaire, telle qu’elle figure sur votre pièce d’identité.',
    support: 'Civil status: a Latin letter off the allow-list of src/identity/name-letters.ts (confusables such as ı ʀ ꞵ ɑ).',
  },
} as const satisfies Record<string, ErrorEntry>;
declare module '../errors/registry' {
  interface ErrorCodes extends Codes<typeof nameErrors> {}
}

/** The catalogue code for a refusal, given the code of the field's « invalid characters » error. */
export function nameErrorCode<C extends string>(p: NameProblem, charactersCode: C): C | keyof typeof nameErrors {
  const codes: Record<Exclude<NameProblem, 'characters'>, keyof typeof nameErrors> = {
    script: 'NAME_NOT_LATIN',
    marks: 'NAME_TOO_MANY_ACCENTS',
    accent: 'NAME_ACCENT_NOT_ACCEPTED',
    invisible: 'NAME_INVISIBLE_CHARACTER',
    styled: 'NAME_STYLED_LETTER',
    lookalike: 'NAME_LOOKALIKE_LETTER',
  };
  return p === 'characters' ? charactersCode : codes[p];
}

const q = (s: string) => `« ${s} »`;
const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The message at the field: the catalogue's message (`general`) made precise — which character, where,
 * and what to type instead. Invisible characters are named by their code, since they cannot be seen.
 */
export function nameRefusalMessage(r: NameRefusal, general: string): string {
  const c = r.char;
  if (c === undefined) return general;
  const called = r.called ? ` (${r.called})` : '';
  const instead = r.instead ? ` : tapez ${q(r.instead)} à la place` : '';
  switch (r.problem) {
    case 'invisible':
      return `Ce nom contient un caractère invisible (${codePoint(c)}) ${r.after ? `après ${q(r.after)}` : 'au début'}, souvent venu d’un copier-coller. Effacez le nom et saisissez-le de nouveau au clavier.`;
    case 'styled':
      return `${q(c)}${called} est une lettre de style ou une forme ancienne de lettre, qui n’est pas acceptée dans un nom${instead || ' : tapez la lettre ordinaire au clavier'}.`;
    case 'lookalike':
      if (c === 'ı')
        return `La lettre ${q(c)} (i sans point) n’est pas acceptée, car elle se confond avec ${q('i')} : tapez ${q('i')} à la place (en majuscules, ${q('I')}).`;
      if (LOOKALIKES[c])
        return `La lettre ${q(c)}${called} n’est pas acceptée dans un nom, car elle se confond avec une lettre ordinaire${instead}.`;
      return `La lettre ${q(c)} ne fait pas partie des lettres acceptées dans un nom${instead || ' : tapez la lettre ordinaire, telle qu’elle figure sur votre pièce d’identité'}.`;
    case 'script':
      return `Saisissez ce nom en alphabet latin, tel qu’il figure sur votre acte de naissance : ${q(c)} est une lettre ${scriptOf(c)}.`;
    case 'accent':
      return `Le signe placé sur ${q(c)} ne forme aucune lettre accentuée connue${instead || ''}, ou tapez directement la lettre accentuée au clavier.`;
    case 'marks':
      return general;
    case 'characters':
      if (r.atStart) return `${general} Il doit commencer par une lettre.`;
      return `${general} Le caractère ${q(c)} n’est pas accepté${instead}.`;
  }
}
