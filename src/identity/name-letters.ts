/**
 * The letters a name of the civil status may hold, after NFKC normalisation — an allow-list, not a
 * list of what to refuse: whatever Unicode adds later is refused until someone decides otherwise.
 *
 * Which letters, and why (the letters of the Latin alphabet as European identity documents print
 * them, on which every foreign name reaching a Caf is written or transliterated):
 * - Basic Latin A–Z a–z;
 * - Latin-1 Supplement letters À–ÿ except × and ÷ (French, Spanish, Portuguese, Italian, German,
 *   Nordic, Icelandic Ð ð Þ þ, Æ æ Ø ø ß). ª º µ are not there: NFKC turns them into a, o and Greek μ;
 * - Latin Extended-A (Central European, Baltic, Turkish, Maltese, Sami, Welsh, Esperanto, Œ œ) except:
 *   ı (U+0131, dotless i) and ĸ (U+0138, kra): Unicode's confusables list (UTS #39) gives them as
 *   look-alikes of another letter (ı → i; ĸ is the small capital K of the old Greenlandic spelling,
 *   read as k or κ); Ĳ ĳ Ŀ ŀ ŉ ſ, which NFKC rewrites (IJ ij L· l· ʼn s), so never appear afterwards;
 * - of Latin Extended-B and the IPA block: Ș ș Ț ț (Romanian, comma below) and Ə ə (Azerbaijani);
 * - of Latin Extended Additional: ẞ (German capital sharp s) and the Welsh Ẁ ẁ Ẃ ẃ Ẅ ẅ Ỳ ỳ.
 *
 * Left out on purpose: Vietnamese (its dot-below letters ạ ẹ ị ọ ụ ỵ are near look-alikes of a e i o u
 * y, and French records write Vietnamese names without tones), the African hooked letters (ɓ ɗ ƙ ƴ,
 * look-alikes of b d k y for the confusables list), small capitals (ᴀ ʀ ꜱ…), IPA letters (ɑ ɡ ɪ…), and
 * every letter of another script. Some allowed letters are confusable with each other (Ð and Đ in
 * capitals, Ç and Ş with a cedilla or a comma): each is a letter of a real alphabet, written on real
 * documents, and none of them passes for a plain letter of A–Z, which is what a look-alike attack needs.
 */
const ALLOWED_RANGES: readonly [number, number][] = [
  [0x41, 0x5a],
  [0x61, 0x7a],
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0xff],
  [0x100, 0x130],
  [0x134, 0x137],
  [0x139, 0x13e],
  [0x141, 0x148],
  [0x14a, 0x17e],
  [0x18f, 0x18f],
  [0x218, 0x21b],
  [0x259, 0x259],
  [0x1e80, 0x1e85],
  [0x1e9e, 0x1e9e],
  [0x1ef2, 0x1ef3],
];

/** Whether one code point is a letter a name may hold (after NFKC). */
export function isNameLetter(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return ALLOWED_RANGES.some(([a, b]) => cp >= a && cp <= b);
}

/** Between the words of a name: space, hyphen, apostrophe (straight or typographic, as French keyboards give it). */
export const NAME_SEPARATORS: ReadonlySet<string> = new Set([' ', '-', "'", '’']);

/**
 * Compatibility characters that NFKC folds silently, because a keyboard, an input method or a copy from a
 * PDF produces them for plain letters and they look exactly like what they become: the full-width forms
 * of East Asian input methods (Ｍ → M), the Latin ligatures (ﬁ → fi; not ﬅ, a long s), the Dutch Ĳ and the
 * Croatian digraphs (Ǆ → DŽ, Ǉ → LJ, Ǌ → NJ, Ǳ → DZ). Spaces of every width become one space too.
 * Every other compatibility letter — mathematical 𝐌, circled Ⓜ, squared 🄼, superscript ᵁ, ª, ſ… — is
 * refused with what to type instead: nobody's document shows them, and rewriting them would store a name
 * that the person did not see (ſ looks like an f and would become an s).
 */
export const FOLDED = /[\uFF01-\uFF5E\uFB00-\uFB04\uFB06\u0132\u0133\u01C4-\u01CC\u01F1-\u01F3]/u;

/** The small capitals, each written before the capital to type (`ɪI ʀR …`), called « i petite capitale »… */
function smallCapitals(pairs: string): Record<string, { type: string; name: string }> {
  const entries = pairs.split(' ').map((pair) => {
    const [letter, type] = [...pair] as [string, string];
    return [letter, { type, name: `${type.toLowerCase()} petite capitale` }];
  });
  return Object.fromEntries(entries);
}

/**
 * What to type instead of a letter that is refused, and what to call it, for the letters that the
 * confusables list (UTS #39, confusables.txt) gives as look-alikes of a plain letter — the ones an
 * attacker reaches for, and the few a person may really type (the Turkish ı).
 */
export const LOOKALIKES: Readonly<Record<string, { type: string; name?: string }>> = {
  ı: { type: 'i', name: 'i sans point' },
  ĸ: { type: 'k', name: 'kra' },
  ſ: { type: 's', name: 's long' },
  ɑ: { type: 'a', name: 'alpha latin' },
  ɡ: { type: 'g', name: 'g cursif' },
  ɩ: { type: 'i', name: 'iota latin' },
  Ɩ: { type: 'l', name: 'iota latin' },
  ɣ: { type: 'y', name: 'gamma latin' },
  ʋ: { type: 'u', name: 'v crochet' },
  ɯ: { type: 'w', name: 'm culbuté' },
  ǀ: { type: 'l', name: 'clic dental' },
  ƽ: { type: 's' },
  Ƅ: { type: 'b' },
  ƍ: { type: 'g' },
  Ʀ: { type: 'R', name: 'yr' },
  ꞵ: { type: 'ß', name: 'bêta latin' },
  Ꞵ: { type: 'B', name: 'bêta latin' },
  Ꭓ: { type: 'X', name: 'chi latin' },
  Ʝ: { type: 'J' },
  ...smallCapitals('ɪI ʀR ʏY ʙB ɢG ʜH ʟL ɴN ᴀA ᴄC ᴅD ᴇE ᴊJ ᴋK ᴍM ᴏO ᴘP ᴛT ᴜU ᴠV ᴡW ᴢZ ꜱS'),
  ꬲ: { type: 'e', name: 'e gothique' },
  ꬽ: { type: 'o', name: 'o gothique' },
  ꭇ: { type: 'r' },
  ꭈ: { type: 'r' },
  ꭎ: { type: 'u' },
  ꭒ: { type: 'u' },
  ꭚ: { type: 'y' },
};

/** What to type instead of a refused punctuation sign that looks like an allowed separator. */
export const SEPARATOR_LOOKALIKES: Readonly<Record<string, string>> = {
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '−': '-',
  '‘': '’',
  '‛': '’',
  ʼ: '’',
  ʹ: '’',
  '′': '’',
  '`': '’',
  '´': '’',
};

/** French names of the scripts whose letters are mistaken for Latin ones, for the message. */
const SCRIPTS: readonly [RegExp, string][] = [
  [/\p{Script=Cyrillic}/u, 'cyrillique'],
  [/\p{Script=Greek}/u, 'grec'],
  [/\p{Script=Armenian}/u, 'arménien'],
  [/\p{Script=Cherokee}/u, 'cherokee'],
  [/\p{Script=Coptic}/u, 'copte'],
  [/\p{Script=Georgian}/u, 'géorgien'],
  [/\p{Script=Lisu}/u, 'lisu'],
  [/\p{Script=Arabic}/u, 'arabe'],
  [/\p{Script=Hebrew}/u, 'hébreu'],
  [/\p{Script=Han}/u, 'chinois'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'japonais'],
  [/\p{Script=Hangul}/u, 'coréen'],
];

/** « de l’alphabet cyrillique », or « d’un autre alphabet ». */
export function scriptOf(c: string): string {
  const name = SCRIPTS.find(([re]) => re.test(c))?.[1];
  return name ? `de l’alphabet ${name}` : 'd’un autre alphabet';
}
